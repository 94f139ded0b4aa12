package page

import "strings"

// Languages the page speaks.
const (
	LangEN = "en"
	LangZH = "zh"
)

// PickLang maps a browser language tag ("zh-CN", "en-US") to a page language.
func PickLang(tag string) string {
	if strings.HasPrefix(strings.ToLower(tag), "zh") {
		return LangZH
	}
	return LangEN
}

// messages: key → {en, zh}.
var messages = map[string][2]string{
	"gallery":               {"Gallery", "示例"},
	"run":                   {"Run", "运行"},
	"run.title":             {"Run the scenario (Ctrl/⌘+Enter)", "运行场景（Ctrl/⌘+Enter）"},
	"stop":                  {"Stop", "停止"},
	"step":                  {"Step", "单步"},
	"step.title":            {"Show the next event (frame, socket call, state change)", "显示下一个事件（帧、套接字调用、状态变化）"},
	"reset":                 {"Reset", "重置"},
	"reset.title":           {"Reload the scenario from the gallery or link", "从示例或链接重新载入场景"},
	"speed":                 {"speed", "速度"},
	"speed.all":             {"all at once", "一次显示"},
	"speed.slow":            {"slow", "慢"},
	"speed.fast":            {"fast", "快"},
	"share":                 {"Share", "分享"},
	"share.link":            {"Copy link", "复制链接"},
	"share.short":           {"Short link", "短链接"},
	"share.copied":          {"Link copied", "链接已复制"},
	"pcap":                  {"pcap", "pcap"},
	"pcap.title":            {"Download the frames as a pcap file (Wireshark)", "下载 pcap 文件（可用 Wireshark 打开）"},
	"text":                  {"text", "文本"},
	"text.title":            {"Download the trace as text", "下载文本形式的跟踪"},
	"topology":              {"Topology", "拓扑"},
	"addhost":               {"+ host", "+ 主机"},
	"remove":                {"remove", "删除"},
	"name":                  {"name", "名称"},
	"addrs":                 {"addresses", "地址"},
	"args":                  {"arguments", "参数"},
	"start":                 {"start", "启动"},
	"link":                  {"link", "链路"},
	"link.hosts":            {"hosts on this link, comma-separated", "这条链路上的主机（逗号分隔）"},
	"addlink":               {"+ link", "+ 链路"},
	"addroute":              {"+ route", "+ 路由"},
	"route":                 {"route", "路由"},
	"route.host":            {"host", "主机"},
	"route.to":              {"destination (CIDR)", "目的网络（CIDR）"},
	"route.via":             {"via", "经"},
	"route.onlink":          {"on-link", "直连"},
	"router":                {"router", "路由器"},
	"router.title":          {"IP forwarding: this host routes between its links", "IP 转发：该主机在它的链路之间转发"},
	"delay":                 {"delay", "延迟"},
	"loss":                  {"loss", "丢包率"},
	"faults":                {"Fault rules", "故障规则"},
	"diagram":               {"Sequence diagram", "时序图"},
	"absolute":              {"absolute seq", "绝对序号"},
	"arp":                   {"ARP", "ARP"},
	"console":               {"Console", "控制台"},
	"sockets":               {"Sockets", "套接字"},
	"inspector":             {"Inspector", "报文解析"},
	"inspector.none":        {"Click a frame in the diagram to see its layers and bytes.", "点击时序图中的帧，查看各层字段和字节。"},
	"noevents":              {"Press Run to see what happens on the wire.", "点击“运行”，看看线路上发生了什么。"},
	"running":               {"running…", "运行中…"},
	"stopped":               {"stopped", "已停止"},
	"noprogram":             {"no program (this host only answers on the network)", "无程序（该主机只在网络上应答）"},
	"nosockets":             {"no sockets", "没有套接字"},
	"exit":                  {"exit status", "退出状态"},
	"fold":                  {"… %s more lines (%s bytes) not shown here …", "…… 此处省略 %s 行（%s 字节）……"},
	"foldget":               {"download the whole output", "下载全部输出"},
	"foldwait":              {"preparing the whole output…", "正在准备全部输出……"},
	"foldfail":              {"The whole output could not be downloaded:", "无法下载全部输出："},
	"drop":                  {"Drop this frame", "丢弃这一帧"},
	"dropall":               {"Drop all like it", "丢弃所有同类帧"},
	"nodrop":                {"remove", "移除"},
	"compileerr":            {"The programs did not compile:", "程序未能编译："},
	"runerr":                {"The scenario could not run:", "场景无法运行："},
	"badlink":               {"This share link cannot be opened, so an empty playground is shown:", "无法打开这个分享链接，已打开空白的实验场："},
	"lang":                  {"中文", "EN"},
	"lang.title":            {"切换到中文", "Switch to English"},
	"time":                  {"time", "时间"},
	"onlinux":               {"On Linux:", "在 Linux 上："},
	"notes":                 {"notes", "说明"},
	"events":                {"events", "个事件"},
	"start.title":           {"when the host's program starts (virtual time: 0s, 100ms, 0.5)", "主机程序的启动时间（虚拟时间：0s、100ms、0.5）"},
	"actions":               {"Actions", "操作"},
	"inputs":                {"Typed at the terminal", "终端输入"},
	"input.text":            {"the text typed (\\n ends a line; Enter runs again)", "输入的文字（\\n 表示换行；回车后重新运行）"},
	"ctl.type":              {"+ input", "+ 输入"},
	"ctl.type.title":        {"Type a line at this host's terminal at the time shown (edit it in the list)", "在所示时刻向该主机终端输入一行（在列表中编辑）"},
	"holders":               {"process", "进程"},
	"holders.title":         {"the processes that hold the socket, and the fd each has it as (ss -p)", "持有该套接字的进程及其文件描述符（ss -p）"},
	"action.at":             {"virtual time of the action (2s, 16ms, 0.016)", "操作的虚拟时间（2s、16ms、0.016）"},
	"action.do":             {"what is done", "操作类型"},
	"action.target":         {"the host or link it is done to", "操作的主机或链路"},
	"action.signal":         {"the signal sent", "发送的信号"},
	"fault.edit":            {"edit the rule: drop or delay, then nth, host, dir, proto, flags, port, count, by (Enter runs again)", "编辑规则：drop 或 delay，后接 nth、host、dir、proto、flags、port、count、by（回车后重新运行）"},
	"ctl.int.title":         {"Press Ctrl-C at this host's terminal (SIGINT) at the time shown, and run again", "在所示时刻于该主机终端按 Ctrl-C（SIGINT），然后重新运行"},
	"ctl.kill":              {"kill", "kill"},
	"ctl.kill.title":        {"kill -9 this host's program (SIGKILL) at the time shown, and run again", "在所示时刻 kill -9 该主机的程序（SIGKILL），然后重新运行"},
	"ctl.restart":           {"restart", "重启程序"},
	"ctl.restart.title":     {"Start this host's program again at the time shown (killed first if it still runs), and run again", "在所示时刻重新启动该主机的程序（仍在运行则先杀死），然后重新运行"},
	"ctl.crash":             {"crash", "断电"},
	"ctl.crash.title":       {"Power this host off at the time shown: no FIN, no RST, its stack is gone", "在所示时刻关闭该主机电源：不发 FIN 也不发 RST，协议栈直接消失"},
	"ctl.boot":              {"boot", "开机"},
	"ctl.boot.title":        {"Power this host on again at the time shown: a fresh stack, its program started again", "在所示时刻重新开机：全新的协议栈，程序重新启动"},
	"ctl.unplug":            {"unplug", "拔线"},
	"ctl.plug":              {"plug in", "插线"},
	"ctl.plug.title":        {"Pull this link's cables (or put them back) at the time shown, and run again", "在所示时刻拔掉（或插回）这条链路的网线，然后重新运行"},
	"stdin":                 {"standard input of", "标准输入："},
	"stdin.idle":            {"stdin: type here while a run goes on", "标准输入：运行时在此输入"},
	"stdin.live":            {"type a line, Enter sends it; Ctrl-D ends the input", "输入一行，回车发送；Ctrl-D 结束输入"},
	"stdin.eof":             {"end of input (Ctrl-D): the program's read returns 0", "结束输入（Ctrl-D）：程序的 read 返回 0"},
	"waiting":               {"waiting for input…", "等待输入…"},
	"files":                 {"Files", "文件"},
	"files.add":             {"+ file", "+ 文件"},
	"files.pick":            {"files / zip…", "文件 / zip…"},
	"pick.title":            {"Take in files or a zip (or drop them, or a folder, on the editors)", "导入文件或 zip（也可以把它们或文件夹拖到编辑器上）"},
	"files.folder":          {"folder…", "文件夹…"},
	"folder.title":          {"Take in a course's folder (with netplay.json it opens as its scenario)", "导入课程文件夹（含 netplay.json 时作为场景打开）"},
	"files.program":         {"this host's program", "该主机的程序"},
	"files.own":             {"a file of this host's own, linked into its program", "该主机自己的文件，链接进它的程序"},
	"files.rename":          {"rename", "重命名"},
	"files.delete":          {"delete", "删除"},
	"files.close":           {"close", "关闭"},
	"files.bad":             {"Not taken in:", "未能导入："},
	"files.taken":           {"%d files taken in.", "已导入 %d 个文件。"},
	"share.toolong":         {"This link is %d characters long, too long for a URL (over %d): use the short link, which the share API keeps.", "这个链接有 %d 个字符，超过网址能承载的长度（%d）：请使用短链接。"},
	"warnings":              {"compiler warnings (gcc -Wall): the programs ran", "条编译警告（gcc -Wall）：程序照常运行"},
	"draft.restored":        {"Your edits of this scenario, saved in this browser, are back.", "已恢复你在这个浏览器里保存的修改。"},
	"draft.discard":         {"Back to the original", "恢复原始版本"},
	"draft.reset":           {"The scenario is back as it was opened; your edits are put aside.", "场景已恢复为打开时的样子；你的修改已暂存。"},
	"draft.undo":            {"Bring my edits back", "找回我的修改"},
	"draft.full":            {"This browser's storage is full: your edits are not saved.", "浏览器存储已满：你的修改没有保存。"},
	"share.link.made":       {"Link:", "链接："},
	"share.nocopy":          {"The browser did not let the page copy the link: copy it from the field.", "浏览器不允许页面复制链接：请从输入框中复制。"},
	"programs":              {"Programs", "程序"},
	"programs.all":          {"all", "全部"},
	"programs.all.title":    {"Show every program, one under another", "上下排列显示所有程序"},
	"programs.wide.title":   {"Give the programs the whole column (the topology and files folded away)", "让程序占满整列（收起拓扑和文件）"},
	"programs.narrow.title": {"Show the topology and files again", "重新显示拓扑和文件"},
	"goto.line":             {"Show this line in the editor", "在编辑器中显示这一行"},
	"split.v":               {"Width of the panes on the left", "左侧窗格的宽度"},
	"split.h":               {"Height of the console row", "控制台一栏的高度"},
	"split.title":           {"Drag (or arrow keys) to resize; double-click for the default", "拖动（或方向键）调整大小；双击恢复默认"},
	"ss.local":              {"local", "本地地址"},
	"ss.peer":               {"peer", "对端地址"},
	"ss.state":              {"state", "状态"},
	"ss.queues":             {"queues", "队列"},
	"fault.drop":            {"drop", "丢弃"},
	"fault.delay":           {"delay by %s", "延迟 %s"},
	"fault.this":            {"%s the %s %s → %s at %s s", "%[1]s %[3]s → %[4]s 在 %[5]s 秒的 %[2]s"},
	"fault.nth":             {"%s frame %d on the wire (ARP included)", "%s 线路上的第 %d 帧（含 ARP）"},
	"fault.every":           {"%s every %s%s", "%[1]s%[3]s每个 %[2]s"},
	"fault.frame":           {"frame", "帧"},
	"fault.segment":         {"segment", "报文段"},
	"fault.udp":             {"UDP datagram", "UDP 数据报"},
	"fault.icmp":            {"ICMP message", "ICMP 报文"},
	"fault.arp":             {"ARP frame", "ARP 帧"},
	"fault.out":             {" %s sends", " %s 发出的"},
	"fault.in":              {" %s receives", " %s 收到的"},
	"fault.either":          {" to or from %s", " 进出 %s 的"},
	"fault.port":            {" on port %d", "（端口 %d）"},
	"fault.from":            {" from frame %d on", "（从第 %d 帧起）"},
	"fault.count":           {", the first %d only", "，只限前 %d 个"},
	"inspector.relative":    {"The label above gives seq and ack relative to each side's first sequence number (as the diagram and Wireshark do); the TCP layer gives both, relative and raw (on the wire).", "上面的标签里 seq 和 ack 是相对于各方初始序号的相对值（与时序图和 Wireshark 相同）；TCP 层同时给出相对值和原始值（线路上的值）。"},
	"inspector.absolute":    {"The label above gives seq and ack as on the wire (absolute, as the diagram now does); the TCP layer gives both, relative and raw.", "上面的标签里 seq 和 ack 是线路上的绝对值（时序图现在也这样显示）；TCP 层同时给出相对值和原始值。"},
	"rowfold":               {"fold repeats", "折叠重复"},
	"rowfold.title":         {"Show runs of the same call or segment as one row with a count (click + to unfold one)", "把同一调用或报文段的连续重复显示为带计数的一行（点击 + 展开）"},
	"zoom.in":               {"Zoom in", "放大"},
	"zoom.out":              {"Zoom out", "缩小"},
	"zoom.fit":              {"fit", "适应"},
	"zoom.fit.title":        {"Fit the diagram to the pane's width, or back to 100%", "让时序图适应窗格宽度，或恢复 100%"},
	"legend":                {"legend", "图例"},
	"legend.closing":        {"FIN_WAIT, CLOSE_WAIT…", "FIN_WAIT、CLOSE_WAIT…"},
	"legend.data":           {"data", "数据"},
	"legend.dropped":        {"dropped", "被丢弃"},
	"legend.retrans":        {"Wireshark's note (retransmission, dup ACK)", "Wireshark 的提示（重传、重复 ACK）"},
	"legend.blocking":       {"blocking call", "阻塞调用"},
	"legend.fold":           {"folded rows", "折叠的行"},
	"legend.break":          {"time skipped", "时间跳过"},
}

// T returns the text of key in lang (English when lang is unknown). A
// missing key returns the key itself, which tests catch.
func T(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == LangZH {
		return m[1]
	}
	return m[0]
}

// engineText says in lang what the engine says in English: how a run
// ended (World.Run's reasons) and why a program exited (a signal's
// strsignal text, a runtime error at its line). What it does not know
// stays as the engine wrote it.
func engineText(lang, s string) string {
	if lang != LangZH || s == "" {
		return s
	}
	if zh, ok := engineZH[s]; ok {
		return zh
	}
	if rest, ok := strings.CutPrefix(s, "end of run: "); ok {
		return "运行结束：" + engineText(lang, rest)
	}
	if lim, ok := strings.CutPrefix(s, "time limit "); ok && strings.HasSuffix(lim, " reached") {
		return "已到时间上限 " + strings.TrimSuffix(lim, " reached")
	}
	if what, where, ok := cutLast(s, " at "); ok && strings.Contains(where, ":") && !strings.Contains(where, " ") {
		return engineText(lang, what) + "（" + where + "）"
	}
	if what, sig, ok := cutLast(s, " ("); ok && strings.HasSuffix(sig, ")") {
		if zh, ok := engineZH[what]; ok {
			return zh + "（" + strings.TrimSuffix(sig, ")") + "）"
		}
		if zh, ok := engineZH[strings.TrimSuffix(sig, ")")]; ok && strings.HasPrefix(what, "SIG") {
			return what + "（" + zh + "）"
		}
	}
	if fn, ok := strings.CutPrefix(s, "call to undefined function "); ok {
		return "调用了未定义的函数 " + fn
	}
	return s
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// engineZH: the engine's fixed English texts in Chinese; the signals' are
// glibc's zh_CN strsignal texts.
var engineZH = map[string]string{
	"stopped":             "已停止",
	"all programs exited": "所有程序都已退出",
	"every program is blocked and nothing is left to happen": "所有程序都阻塞了，不会再有事件发生",
	"blocked with nothing left to happen":                    "阻塞，不会再有事件发生",
	"waiting for input":                                      "等待输入",
	"no program is running":                                  "没有正在运行的程序",
	"restart":                                                "重启",
	"Stack overflow":                                         "栈溢出",
	"invalid floating point operation":                       "无效的浮点运算",
	"Hangup":                                                 "挂起",
	"Interrupt":                                              "中断",
	"Quit":                                                   "退出",
	"Illegal instruction":                                    "非法指令",
	"Trace/breakpoint trap":                                  "跟踪/断点陷阱",
	"Aborted":                                                "已放弃",
	"Bus error":                                              "总线错误",
	"Floating point exception":                               "浮点数例外",
	"Killed":                                                 "已杀死",
	"User defined signal 1":                                  "用户定义信号 1",
	"Segmentation fault":                                     "段错误",
	"User defined signal 2":                                  "用户定义信号 2",
	"Broken pipe":                                            "断开的管道",
	"Alarm clock":                                            "闹钟",
	"Terminated":                                             "已终止",
	"Stack fault":                                            "栈错误",
	"Child exited":                                           "子进程已退出",
	"Continued":                                              "已继续",
	"Stopped (signal)":                                       "已停止（信号）",
	"Stopped":                                                "已停止",
	"Stopped (tty input)":                                    "已停止（tty 输入）",
	"Stopped (tty output)":                                   "已停止（tty 输出）",
	"Urgent I/O condition":                                   "紧急 I/O 状况",
	"CPU time limit exceeded":                                "超出 CPU 时间限制",
	"File size limit exceeded":                               "超出文件大小限制",
	"Virtual timer expired":                                  "虚拟计时器超时",
	"Profiling timer expired":                                "性能分析计时器超时",
	"Window changed":                                         "窗口已改变",
	"I/O possible":                                           "可以 I/O",
	"Power failure":                                          "电源故障",
	"Bad system call":                                        "错误的系统调用",
}
