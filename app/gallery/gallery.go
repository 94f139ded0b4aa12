// Package gallery holds the built-in scenarios of the playground's Gallery
// menu. Each is a scenario JSON v1 file in this folder, embedded in the
// binary; the file name (without .json) is its id. The lecture experiments
// add theirs by adding files.
//
// Several experiments share a program verbatim (the plain client, the
// one-client server); a change to one belongs in every file that has it.
// testdata/<id>.golden.jsonl pins each experiment's trace (go test -update
// rewrites them), experiments_test.go what its text promises, app/browser's
// TestLearnerActions does its "Next:" in the page (add a walk to nextWalks
// in next_test.go with the scenario: one without fails), and every
// program must build with gcc -Wall -Wextra -Werror unchanged, since the
// Linux comparison (linux_test.go) runs the same sources on the kernel.
package gallery

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"netplay/stack/scenario"
)

//go:embed *.json
var files embed.FS

// Entry is one built-in scenario.
type Entry struct {
	ID      string // file name without .json
	Title   string
	TitleZH string // the title in Chinese (titlesZH)
}

// titlesZH are the scenarios' titles in Chinese, for the page's menu in
// Chinese (a scenario's title is one string; its texts are per language).
// TestGalleryTitlesZH wants one for every scenario.
var titlesZH = map[string]string{
	"handshake":      "1. 三次握手",
	"make-socket":    "2. make_socket 以及基于它的服务器",
	"wildcard":       "3a. 通配地址：两块网卡上的 INADDR_ANY",
	"wildcard-one":   "3b. 只绑定一个地址",
	"ephemeral-port": "4. 端口 0 与临时端口",
	"refused":        "5. 连接被拒绝：RST",
	"timeout":        "6a. 超时：SYN 始终没有应答",
	"no-arp":         "6b. 本地网络上的错误 IP：ARP 失败",
	"unreachable":    "7. 目的不可达：没有路由",
	"backlog":        "8. listen 的 backlog",
	"before-accept":  "9. accept() 之前已经 ESTABLISHED",
	"third-ack-lost": "10. 第三个 ACK 丢失，然后是数据",
	"client-bind":    "11. 绑定地址的客户端：EADDRINUSE、SO_REUSEADDR",
	"nonblocking":    "12. 非阻塞 connect",
	"ipv6":           "13. IPv6 上的握手",
	"seqnums":        "14. 序号：为什么 ACK 是 ISN+1",
	"framing":        "15. 字节流：分帧与短读",
	"shutdown":       "16. close 与 shutdown：半关闭，以及向已关闭的对端写",
	"restart":        "17. 重启服务器：TIME_WAIT、EADDRINUSE 与 SO_REUSEADDR",
	"crash":          "18a. 客户端写数据时服务器崩溃：重传、RST、ECONNRESET、SIGPIPE",
	"unplug":         "18b. 拔掉网线：keepalive 发现空闲连接已断",
	"heartbeat":      "19. 带超时的心跳",
	"udp-refused":    "20. 已连接的 UDP 套接字收到 ECONNREFUSED",
	"select":         "21a. 一个线程，三个客户端：select()",
	"poll":           "21b. 一个线程，三个客户端：poll()",
	"epoll-lt":       "21c. 一个线程，三个客户端：epoll，水平触发",
	"epoll-et":       "21d. 一个线程，三个客户端：epoll，边沿触发",
	"accept-race":    "22. 连接在 accept() 之前被重置",
	"fork-server":    "23a. 每个客户端一个进程：fork()",
	"thread-server":  "23b. 每个客户端一个线程：pthread_create()",
}

// TitleIn is the entry's title in lang ("zh" or "en"); English when it has
// none in that language.
func (e Entry) TitleIn(lang string) string {
	if lang == "zh" && e.TitleZH != "" {
		return e.TitleZH
	}
	return e.Title
}

// Default is the scenario the page opens with.
const Default = "handshake"

// Order is the gallery menu's order: the lecture's experiments as the
// lecture raises them, then the course's later chapters as a course takes
// them (reading a byte stream, closing, restarting, failures, timeouts, UDP,
// one-thread servers, the accept race, processes and threads); titles
// carry the same numbers. Scenarios not listed follow, by id.
var Order = []string{
	"handshake",      // 1
	"make-socket",    // 2
	"wildcard",       // 3a
	"wildcard-one",   // 3b
	"ephemeral-port", // 4
	"refused",        // 5
	"timeout",        // 6a
	"no-arp",         // 6b
	"unreachable",    // 7
	"backlog",        // 8
	"before-accept",  // 9
	"third-ack-lost", // 10
	"client-bind",    // 11
	"nonblocking",    // 12
	"ipv6",           // 13
	"seqnums",        // 14
	"framing",        // 15
	"shutdown",       // 16
	"restart",        // 17
	"crash",          // 18a
	"unplug",         // 18b
	"heartbeat",      // 19
	"udp-refused",    // 20
	"select",         // 21a
	"poll",           // 21b
	"epoll-lt",       // 21c
	"epoll-et",       // 21d
	"accept-race",    // 22
	"fork-server",    // 23a
	"thread-server",  // 23b
}

// List returns the built-in scenarios: the default first, then in Order,
// then the rest by id. The page draws the menu on every render, so the
// list is read once; only the titles are decoded (the full Parse of all of
// them took half a second in the browser). TestGalleryValid parses each.
func List() []Entry { return slices.Clone(list()) }

var list = sync.OnceValue(func() []Entry {
	names, _ := files.ReadDir(".")
	var list []Entry
	for _, n := range names {
		b, err := files.ReadFile(n.Name())
		if err != nil {
			continue
		}
		title, ok := topTitle(b)
		if !ok {
			continue // TestGalleryValid reports it
		}
		id := strings.TrimSuffix(n.Name(), ".json")
		list = append(list, Entry{ID: id, Title: title, TitleZH: titlesZH[id]})
	}
	rank := func(id string) int {
		if id == Default {
			return -1
		}
		for i, o := range Order {
			if o == id {
				return i
			}
		}
		return len(Order)
	}
	sort.SliceStable(list, func(i, j int) bool {
		if ri, rj := rank(list[i].ID), rank(list[j].ID); ri != rj {
			return ri < rj
		}
		return list[i].ID < list[j].ID
	})
	return list
})

// topTitle reads the top-level "title" of a scenario file, stopping
// there: the files put it second, after "version", so the rest (the
// programs) is never scanned. It scans bytes rather than run a JSON
// decoder: the decoder's token API was a long stretch of cold wasm code
// as the page started. A title with escapes is decoded by encoding/json; anything the
// scan does not understand is refused (TestGalleryValid parses each file).
func topTitle(b []byte) (string, bool) {
	depth, i := 0, 0
	expectKey := false // the next string at depth 1 is a key
	for i < len(b) {
		switch c := b[i]; c {
		case '{', '[':
			depth++
			expectKey = c == '{' && depth == 1
			i++
		case '}', ']':
			depth--
			if depth == 0 {
				return "", true
			}
			i++
		case ',':
			expectKey = depth == 1
			i++
		case '"':
			end := stringEnd(b, i)
			if end < 0 {
				return "", false
			}
			if depth == 1 && expectKey && string(b[i:end]) == `"title"` {
				j := end
				for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r') {
					j++
				}
				if j >= len(b) || b[j] != ':' {
					return "", false
				}
				j++
				for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r') {
					j++
				}
				vEnd := stringEnd(b, j)
				if vEnd < 0 {
					return "", false
				}
				raw := b[j:vEnd]
				if !bytes.ContainsRune(raw, '\\') && utf8.Valid(raw) {
					return string(raw[1 : len(raw)-1]), true
				}
				var title string
				if json.Unmarshal(raw, &title) != nil {
					return "", false
				}
				return title, true
			}
			expectKey = false
			i = end
		default:
			i++
		}
	}
	return "", false
}

// stringEnd returns the index after the JSON string starting at b[i]
// (a quote), or -1 when it does not end.
func stringEnd(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// Load decodes and checks the built-in scenario id (a fresh copy each
// call). The files are ours and TestGalleryValid runs each through
// scenario.Parse, so Load skips Parse's first pass (the token walk that
// names the field of a syntax error, a noticeable part of the page's start
// in the browser) and keeps the decode that refuses unknown fields and the
// validation.
func Load(id string) (*scenario.Scenario, error) {
	b, err := files.ReadFile(path.Clean(id) + ".json")
	if err != nil {
		return nil, fmt.Errorf("gallery: no scenario %q", id)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var sc scenario.Scenario
	if err := dec.Decode(&sc); err != nil {
		return nil, fmt.Errorf("gallery: %s: %w", id, err)
	}
	if err := sc.Validate(); err != nil {
		return nil, fmt.Errorf("gallery: %s: %w", id, err)
	}
	return &sc, nil
}

// Blank is the empty playground: two hosts on one link, no programs. A
// share link that cannot be opened opens this.
func Blank() *scenario.Scenario {
	return &scenario.Scenario{
		Version: 1,
		Seed:    1,
		Hosts: []scenario.Host{
			{Name: "server", Addrs: []string{"10.0.0.2/24"}},
			{Name: "client", Addrs: []string{"10.0.0.1/24"}},
		},
		Links: []scenario.Link{{Hosts: []string{"client", "server"}, Delay: scenario.Duration(1_000_000)}},
	}
}
