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
	"gallery":        {"Gallery", "示例"},
	"run":            {"Run", "运行"},
	"run.title":      {"Run the scenario (Ctrl/⌘+Enter)", "运行场景（Ctrl/⌘+Enter）"},
	"stop":           {"Stop", "停止"},
	"step":           {"Step", "单步"},
	"step.title":     {"Show the next event (frame, socket call, state change)", "显示下一个事件（帧、套接字调用、状态变化）"},
	"reset":          {"Reset", "重置"},
	"reset.title":    {"Reload the scenario from the gallery or link", "从示例或链接重新载入场景"},
	"speed":          {"speed", "速度"},
	"speed.all":      {"all at once", "一次显示"},
	"speed.slow":     {"slow", "慢"},
	"speed.fast":     {"fast", "快"},
	"share":          {"Share", "分享"},
	"share.link":     {"Copy link", "复制链接"},
	"share.short":    {"Short link", "短链接"},
	"share.copied":   {"Link copied", "链接已复制"},
	"pcap":           {"pcap", "pcap"},
	"pcap.title":     {"Download the frames as a pcap file (Wireshark)", "下载 pcap 文件（可用 Wireshark 打开）"},
	"text":           {"text", "文本"},
	"text.title":     {"Download the trace as text", "下载文本形式的跟踪"},
	"topology":       {"Topology", "拓扑"},
	"addhost":        {"+ host", "+ 主机"},
	"remove":         {"remove", "删除"},
	"name":           {"name", "名称"},
	"addrs":          {"addresses", "地址"},
	"args":           {"arguments", "参数"},
	"start":          {"start", "启动"},
	"link":           {"link", "链路"},
	"link.hosts":     {"hosts on this link, comma-separated", "这条链路上的主机（逗号分隔）"},
	"addlink":        {"+ link", "+ 链路"},
	"addroute":       {"+ route", "+ 路由"},
	"route":          {"route", "路由"},
	"route.host":     {"host", "主机"},
	"route.to":       {"destination (CIDR)", "目的网络（CIDR）"},
	"route.via":      {"via", "经"},
	"route.onlink":   {"on-link", "直连"},
	"router":         {"router", "路由器"},
	"router.title":   {"IP forwarding: this host routes between its links", "IP 转发：该主机在它的链路之间转发"},
	"delay":          {"delay", "延迟"},
	"loss":           {"loss", "丢包率"},
	"faults":         {"Fault rules", "故障规则"},
	"diagram":        {"Sequence diagram", "时序图"},
	"absolute":       {"absolute seq", "绝对序号"},
	"arp":            {"ARP", "ARP"},
	"console":        {"Console", "控制台"},
	"sockets":        {"Sockets", "套接字"},
	"inspector":      {"Inspector", "报文解析"},
	"inspector.none": {"Click a frame in the diagram to see its layers and bytes.", "点击时序图中的帧，查看各层字段和字节。"},
	"noevents":       {"Press Run to see what happens on the wire.", "点击“运行”，看看线路上发生了什么。"},
	"running":        {"running…", "运行中…"},
	"stopped":        {"stopped", "已停止"},
	"noprogram":      {"no program (this host only answers on the network)", "无程序（该主机只在网络上应答）"},
	"nosockets":      {"no sockets", "没有套接字"},
	"exit":           {"exit status", "退出状态"},
	"drop":           {"Drop this frame", "丢弃这一帧"},
	"dropall":        {"Drop all like it", "丢弃所有同类帧"},
	"nodrop":         {"remove", "移除"},
	"compileerr":     {"The programs did not compile:", "程序未能编译："},
	"runerr":         {"The scenario could not run:", "场景无法运行："},
	"badlink":        {"This share link cannot be opened, so an empty playground is shown:", "无法打开这个分享链接，已打开空白的实验场："},
	"lang":           {"中文", "EN"},
	"lang.title":     {"切换到中文", "Switch to English"},
	"time":           {"time", "时间"},
	"onlinux":        {"On Linux:", "在 Linux 上："},
	"notes":          {"notes", "说明"},
	"events":         {"events", "个事件"},
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
