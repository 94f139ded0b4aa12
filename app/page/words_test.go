//go:build !wasm

package page

import (
	"strings"
	"testing"
	"unicode"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/editor"
)

// TestPageChinese: the gallery, the run's status and a program's exit in
// Chinese, and <html lang> following the choice.
func TestPageChinese(t *testing.T) {
	resetFake()
	Fake.Lock()
	Fake.Lang = "zh-CN"
	Fake.Unlock()
	ev := fixtureTrace()
	ev[len(ev)-1].Status, ev[len(ev)-1].Reason = 139, "Segmentation fault at client.c:14"
	f := &fakeRunner{events: ev}
	p, d := mountPage(t, Config{Runner: f.run})
	settle(p, d)
	if Fake.DocLang != LangZH {
		t.Errorf("<html lang> = %q", Fake.DocLang)
	}
	p.run(d.Context())
	p.tab = "client"
	html := settle(p, d)
	for _, want := range []string{"1. 三次握手", "18 个事件 · 所有程序都已退出 · ", "段错误（client.c:14）"} {
		if !strings.Contains(html, want) {
			t.Errorf("the Chinese page lacks %q", want)
		}
	}
	if strings.Contains(html, "Three-way handshake") || strings.Contains(html, "all programs exited") {
		t.Errorf("English left on the Chinese page")
	}
	p.toggleLang(d.Context(), app.Event{})
	settle(p, d)
	if Fake.DocLang != LangEN {
		t.Errorf("<html lang> after the toggle = %q", Fake.DocLang)
	}
}

func TestEngineText(t *testing.T) {
	for _, c := range [][2]string{
		{"stopped", "已停止"},
		{"time limit 30s reached", "已到时间上限 30s"},
		{"end of run: waiting for input", "运行结束：等待输入"},
		{"Segmentation fault at server.c:14", "段错误（server.c:14）"},
		{"Killed (SIGKILL)", "已杀死（SIGKILL）"},
		{"SIGKILL (restart)", "SIGKILL（重启）"},
		{"Stack overflow at a.c:3", "栈溢出（a.c:3）"},
		{"call to undefined function foo", "调用了未定义的函数 foo"},
	} {
		if got := engineText(LangZH, c[0]); got != c[1] {
			t.Errorf("engineText(%q) = %q, want %q", c[0], got, c[1])
		}
		if got := engineText(LangEN, c[0]); got != c[0] {
			t.Errorf("English %q became %q", c[0], got)
		}
	}
	// Every fixed text has its Chinese, with no English word left in it.
	for en, zh := range engineZH {
		for _, w := range strings.FieldsFunc(zh, func(r rune) bool { return !unicode.IsLetter(r) || r > unicode.MaxASCII }) {
			if w != "I" && w != "O" && w != "tty" && w != "CPU" {
				t.Errorf("%q in Chinese is %q (English %q)", en, zh, w)
			}
		}
	}
}

// TestLinkCopied: "Link copied" only when the clipboard took the link.
func TestLinkCopied(t *testing.T) {
	resetFake()
	p, d := mountPage(t, Config{})
	p.shareLink(d.Context(), app.Event{})
	settle(p, d)
	if p.notice != T(LangEN, "share.copied") {
		t.Errorf("clipboard took the link, notice %q", p.notice)
	}
	Fake.Lock()
	Fake.NoClipboard = true
	Fake.Unlock()
	defer func() { Fake.Lock(); Fake.NoClipboard = false; Fake.Unlock() }()
	editor.Set(p.keys[0], "/* another */\n")
	p.shareLink(d.Context(), app.Event{})
	html := settle(p, d)
	if p.notice != T(LangEN, "share.nocopy") || !strings.Contains(html, `id="np-link"`) {
		t.Errorf("clipboard refused, notice %q", p.notice)
	}
}
