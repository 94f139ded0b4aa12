//go:build linux

package gallery

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"netplay/internal/tier"
	"netplay/stack/c"
	"netplay/stack/linuxref"
	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// experiments numbers the gallery scenarios as the lecture numbers its 14
// experiments; two scenarios of one experiment count as one. A later
// scenario is numbered by its title ("15. …").
var experiments = map[string]int{
	"handshake": 1, "make-socket": 2, "wildcard": 3, "wildcard-one": 3, "ephemeral-port": 4,
	"refused": 5, "timeout": 6, "no-arp": 6, "unreachable": 7, "backlog": 8, "before-accept": 9,
	"third-ack-lost": 10, "client-bind": 11, "nonblocking": 12, "ipv6": 13, "seqnums": 14,
}

type linuxCase struct {
	id     string
	sc     *scenario.Scenario
	np     *linuxref.Side
	end    time.Duration // netplay's last activity
	tail   time.Duration // frames after netplay's last program ended
	npErr  error
	rep    *linuxref.Report
	lxErr  error
	notes  []string
	pinned []string // the pins that explained a difference: "c4 sent"
	status string   // "same", "explained", "DIFFERS", "not comparable", "error"
}

// activity is when netplay's run last did something (a frame, a call,
// output, an exit of its own) and how long frames went on after the last
// program exited.
func activity(evs []trace.Event) (end, tail time.Duration) {
	var last, lastExit, lastFrame int64
	for _, e := range evs {
		switch e.Kind {
		case trace.KindState, trace.KindQueue:
			continue
		case trace.KindExit:
			if e.Reason != "" {
				continue
			}
			lastExit = max(lastExit, e.T)
		case trace.KindSegment, trace.KindICMP, trace.KindUDP, trace.KindARP, trace.KindFrame:
			lastFrame = max(lastFrame, e.T)
		}
		last = max(last, e.T)
	}
	if lastFrame > lastExit && lastExit > 0 {
		tail = time.Duration(lastFrame - lastExit)
	}
	return time.Duration(last), tail
}

// TestLinux runs every gallery scenario through netplay and through the
// Linux kernel (stack/linuxref: network namespaces, veth, a hub, nft,
// gcc, strace, dumpcap) and compares them. A difference fails the test
// unless one of the scenario's linux_pins names it (the host, the place,
// what each side shows), beside the "linux" note that explains it (shown
// in the page as "On Linux: …"): a note alone explains nothing. It writes
// the README's table to build/linux-table.md, every comparison to
// build/linux-report.md and, with NETPLAY_BENCH=1, prints
// BENCH experiments_match_linux N/M: of the gallery's M experiments, the
// N whose scenarios all behave as on Linux or differ only where pinned.
func TestLinux(t *testing.T) {
	tier.Need(t, tier.Linux)
	if err := linuxref.Tools(); err != nil {
		t.Skipf("the Linux reference runs need root and its tools (make tools): %v", err)
	}
	var cases []*linuxCase
	for _, e := range List() {
		sc, err := Load(e.ID)
		if err != nil {
			t.Errorf("%s: %v", e.ID, err)
			continue
		}
		cases = append(cases, &linuxCase{id: e.ID, sc: sc})
	}
	// netplay first, one run after another: a world holds GOMAXPROCS(1).
	for _, k := range cases {
		res, err := runner.Run(k.sc, runner.Options{Compile: c.CompileProgram})
		if err != nil {
			k.npErr = err
			continue
		}
		k.np = linuxref.FromTrace(res.Events)
		k.end, k.tail = activity(res.Events)
	}
	var mu sync.Mutex
	t.Run("linux", func(t *testing.T) {
		for _, k := range cases {
			t.Run(k.id, func(t *testing.T) {
				t.Parallel()
				if k.npErr != nil {
					k.status = "error"
					t.Fatalf("netplay: %v", k.npErr)
				}
				// Linux needs no longer than netplay did, plus a margin
				// (its timers run a little late, and recent kernels take
				// 131 s, not 127, to give up a SYN): a program still
				// blocked then is killed, as netplay's limit kills it.
				// Programs that end by themselves end the run sooner.
				limit := min(k.sc.EffectiveLimit(), k.end+5*time.Second+k.end/10)
				tail := min(k.tail+time.Second, 10*time.Second)
				ctx, cancel := context.WithTimeout(context.Background(), limit+3*time.Minute)
				defer cancel()
				pins := k.sc.LinuxPins
				// The kernel's side runs on real timers: with the other
				// experiments running beside it, a program descheduled
				// past an RTO makes Linux retransmit (a second F.). netplay's
				// side is deterministic, so a difference no pin explains
				// is taken only if Linux shows it three times.
				var lx *linuxref.Result
				var err error
				for try := 1; ; try++ {
					lx, err = linuxref.Run(ctx, k.sc, linuxref.Options{Limit: limit, Tail: tail})
					if err != nil || try == 3 {
						break
					}
					if un, _ := linuxref.Compare(k.np, lx.Side).Explain(pins); len(un) == 0 {
						break
					}
					t.Logf("Linux run %d differs from netplay where no pin explains it; running it again", try)
				}
				mu.Lock()
				defer mu.Unlock()
				var nc *linuxref.NotComparable
				if errors.As(err, &nc) {
					k.status, k.lxErr = "not comparable", err
					t.Skip(err)
				}
				if err != nil {
					k.status, k.lxErr = "error", err
					t.Fatalf("Linux: %v", err)
				}
				k.notes = lx.Notes
				k.rep = linuxref.Compare(k.np, lx.Side)
				un, used := k.rep.Explain(pins)
				switch {
				case k.rep.Same:
					k.status = "same"
					t.Logf("same as Linux\n%s", k.rep.Text())
				case len(un) == 0:
					k.status = "explained"
					t.Logf("differs from Linux where its linux_pins say (%q):\n%s", k.sc.Linux["en"], k.rep.Text())
				default:
					k.status = "DIFFERS"
					var b strings.Builder
					for _, d := range un {
						fmt.Fprintf(&b, "%s\n  a pin for it, if the note explains it: %s\n", d.Text, linuxref.PinOf(d))
					}
					t.Errorf("differs from Linux where no linux_pins explain it:\n%s\nthe whole comparison:\n%s", b.String(), k.rep.Text())
				}
				for i, u := range used {
					if u {
						k.pinned = append(k.pinned, pins[i].Host+" "+pins[i].In)
					}
					if !u {
						t.Logf("linux_pins[%d] (%s, %s) explained nothing on this kernel", i, pins[i].Host, pins[i].In)
					}
				}
			})
		}
	})

	// The table for the README, and the figure.
	sort.SliceStable(cases, func(i, j int) bool { return num(cases[i].id) < num(cases[j].id) })
	var b strings.Builder
	b.WriteString("| experiment | netplay | Linux | same or explained |\n|---|---|---|---|\n")
	match := map[int]bool{}
	footnote := false
	for _, k := range cases {
		n := num(k.id)
		if _, ok := match[n]; !ok {
			match[n] = true
		}
		if k.status != "same" && k.status != "explained" {
			match[n] = false
		}
		np, lx, verdict := "", "", k.status
		if k.rep != nil {
			np, lx = k.rep.Netplay, k.rep.Linux
		}
		switch k.status {
		case "same":
			if k.rep.DelayedACK {
				verdict = "same¹"
				footnote = true
			}
		case "explained":
			verdict = "explained (pinned: " + strings.Join(k.pinned, ", ") + "): " + k.sc.Linux["en"]
		case "not comparable", "error":
			if k.lxErr != nil {
				verdict += ": " + k.lxErr.Error()
			} else if k.npErr != nil {
				verdict += ": " + k.npErr.Error()
			}
		case "":
			verdict = "not run"
		}
		fmt.Fprintf(&b, "| %d %s | %s | %s | %s |\n", n, k.id, cell(np), cell(lx), cell(verdict))
	}
	matched := 0
	for _, ok := range match {
		if ok {
			matched++
		}
	}
	if footnote {
		b.WriteString("\n¹ Linux delays the ACK of a FIN and, when the program closes at once, sends it on its own FIN" +
			" (F. instead of . then F.); netstack acknowledges a FIN at once. Linux itself does either, depending on scheduling.\n")
	}
	var notes []string
	for _, k := range cases {
		for _, n := range k.notes {
			if !contains(notes, n) {
				notes = append(notes, n)
			}
		}
	}
	for _, n := range notes {
		fmt.Fprintf(&b, "\nOn this machine: %s.\n", n)
	}
	table := b.String()
	t.Logf("\n%s", table)
	if err := os.MkdirAll(filepath.Join("..", "..", "build"), 0o755); err == nil {
		if err := os.WriteFile(filepath.Join("..", "..", "build", "linux-table.md"), []byte(table), 0o644); err != nil {
			t.Log(err)
		}
	}
	var rep strings.Builder
	for _, k := range cases {
		fmt.Fprintf(&rep, "## %d %s: %s\n\n", num(k.id), k.id, k.status)
		switch {
		case k.rep != nil:
			fmt.Fprintf(&rep, "```\n%s```\n\n", k.rep.Text())
		case k.lxErr != nil:
			fmt.Fprintf(&rep, "%v\n\n", k.lxErr)
		case k.npErr != nil:
			fmt.Fprintf(&rep, "netplay: %v\n\n", k.npErr)
		}
	}
	if err := os.WriteFile(filepath.Join("..", "..", "build", "linux-report.md"), []byte(rep.String()), 0o644); err != nil {
		t.Log(err)
	}
	if os.Getenv("NETPLAY_BENCH") == "1" {
		fmt.Printf("BENCH experiments_match_linux %d/%d\n", matched, len(match))
	}
}

var titleNumber = regexp.MustCompile(`^(\d+)[a-z]?\. `)

func num(id string) int {
	if n, ok := experiments[id]; ok {
		return n
	}
	// A new scenario: its title's number ("3b. …"), if any.
	if sc, err := Load(id); err == nil {
		if m := titleNumber.FindStringSubmatch(sc.Title); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
	}
	return 100 // a scenario the issue does not number
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestLinuxNumbers: the experiment numbers the figure counts by agree with
// the numbers in the scenarios' titles.
func TestLinuxNumbers(t *testing.T) {
	for _, e := range List() {
		m := titleNumber.FindStringSubmatch(e.Title)
		if m == nil {
			continue
		}
		if n, _ := strconv.Atoi(m[1]); num(e.ID) != n {
			t.Errorf("%s (%q): counted as experiment %d", e.ID, e.Title, num(e.ID))
		}
	}
}
