package diagram

import "fmt"

// Languages the diagram's own words are written in (Options.Lang): the
// page's, English when it is not one of these.
const (
	LangEN = "en"
	LangZH = "zh"
)

// words are the diagram's own words, key → {en, zh}: its tooltips and the
// marks it writes. What the trace says (calls, wire labels, reasons)
// stays as the trace says it.
var words = map[string][2]string{
	"lane.narrow":  {"%s %s: click to narrow", "%s %s：点击收窄"},
	"lane.widen":   {"%s %s: click to widen", "%s %s：点击展开"},
	"lane.left":    {"move %s left", "把 %s 左移"},
	"lane.right":   {"move %s right", "把 %s 右移"},
	"fold.closed":  {"%s rows folded, %s–%s s: click to unfold", "折叠了 %s 行，%s–%s 秒：点击展开"},
	"fold.open":    {"%s rows, %s–%s s: click to fold", "%s 行，%s–%s 秒：点击折叠"},
	"line":         {"line %d", "第 %d 行"},
	"frame":        {"frame %d: %s", "帧 %d：%s"},
	"dropped":      {" — dropped", "——被丢弃"},
	"dropped.by":   {" — dropped by %s", "——被规则 %s 丢弃"},
	"queue.full":   {" — dropped by %s: the listener's %s, so the SYN gets no answer (as on Linux)", "——被 %s 丢弃：监听套接字的%s，SYN 得不到应答（与 Linux 相同）"},
	"accept.full":  {"accept queue full (%d/%d)", "全连接队列已满（%d/%d）"},
	"gap":          {"%s s with nothing to show", "%s 秒内没有可显示的事件"},
	"exit":         {"exit %d", "退出 %d"},
	"zombie":       {" (zombie until its parent waits)", "（僵尸进程，直到父进程等待它）"},
	"thread.exits": {"thread exits", "线程退出"},
	"still.ready":  {" (still ready)", "（仍然就绪）"},
	"by.frame":     {"frame %d", "帧 %d"},
	"by.message":   {"message %d", "消息 %d"},
	"by.input":     {"input", "输入"},
	"by.exit":      {"exit", "退出"},
}

// word is the text of key in lang, formatted with args.
func word(lang, key string, args ...any) string {
	w, ok := words[key]
	if !ok {
		panic("diagram: no words for " + key)
	}
	s := w[0]
	if lang == LangZH {
		s = w[1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
