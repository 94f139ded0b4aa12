//go:build linux

package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"netplay/internal/tier"
	"netplay/stack/linuxref"
)

// TestCourseOnLinux runs every chapter of the course (courseRuns) in
// netplay and on the Linux kernel, built with gcc as the course's CMake
// builds it (linuxref.GCCBuild: lib.a from lib/, then the chapter
// program), and compares them as TestLinux compares the gallery: each
// host's system calls and their results, its output, its exit statuses
// and the frames of each connection. A difference fails unless one of the
// chapter's linux_pins names it, beside the "linux" note that says why.
// Two things are compared as a byte stream, not call by call or segment
// by segment, since how TCP cuts the bytes depends on timing (and the
// capture sees Linux's GSO segments whole): consecutive reads of a
// socket (streamReads), and the data segments of a connection
// (sameStream).
// The kernel's runs go four at a time: each is short, most of it waiting.
func TestCourseOnLinux(t *testing.T) {
	tier.Need(t, tier.Linux)
	if err := linuxref.Tools(); err != nil {
		t.Skipf("the Linux reference run needs root and its tools (make tools): %v", err)
	}
	runs := courseRan(t)
	sides := make([]*linuxref.Side, len(runs))
	ends := make([]time.Duration, len(runs))
	for i, r := range runs {
		if r.err != nil {
			t.Fatalf("%s: netplay: %v", r.name, r.err)
		}
		sides[i] = linuxref.FromTrace(r.res.Events)
		for _, e := range r.res.Events {
			ends[i] = max(ends[i], time.Duration(e.T))
		}
	}
	// t.Run may be called from several goroutines at once: at most four
	// kernel runs at a time.
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			t.Run(r.name, func(t *testing.T) {
				np := sides[i]
				limit := min(r.sc.EffectiveLimit(), ends[i]+5*time.Second)
				ctx, cancel := context.WithTimeout(context.Background(), limit+2*time.Minute)
				defer cancel()
				// The kernel runs on real timers, beside other runs: a
				// difference no pin explains is taken only if Linux shows
				// it three times.
				var rep *linuxref.Report
				var un []linuxref.Diff
				var used []bool
				for try := 1; try <= 3; try++ {
					un = un[:0]
					lx, err := linuxref.Run(ctx, r.sc, linuxref.Options{Limit: limit, Tail: 500 * time.Millisecond})
					if err != nil {
						t.Fatalf("Linux: %v", err)
					}
					for name, h := range np.Hosts {
						if l := lx.Side.Hosts[name]; h.Ran && (l == nil || !l.Ran) {
							t.Fatalf("%s ran in netplay, not on Linux", name)
						}
					}
					rep = linuxref.Compare(streamReads(np), streamReads(lx.Side))
					var all []linuxref.Diff
					all, used = rep.Explain(r.sc.LinuxPins)
					for _, d := range all {
						if !sameStream(d) {
							un = append(un, d)
						}
					}
					if len(un) == 0 {
						break
					}
				}
				for i, u := range used {
					if !u {
						t.Logf("linux_pins[%d] (%s, %s) explained nothing on this kernel", i, r.sc.LinuxPins[i].Host, r.sc.LinuxPins[i].In)
					}
				}
				if len(un) == 0 {
					t.Logf("same as Linux, or differs only where pinned:\n%s", rep.Text())
					return
				}
				var b strings.Builder
				for _, d := range un {
					fmt.Fprintf(&b, "%s\n  a pin for it, if a note explains it: %s\n", d.Text, linuxref.PinOf(d))
				}
				t.Errorf("differs from Linux where no linux_pins explain it:\n%s\nthe whole comparison:\n%s", b.String(), rep.Text())
			})
		}()
	}
	wg.Wait()
}

// streamReads merges each run of successful reads (read, recv) of one
// stream socket by one thread into one call returning their sum: a
// program that reads until it has what it needs makes as many reads as
// the data took segments to arrive, which is timing. Calls the
// comparison leaves out (the program printing what it read, or writing it
// to a file; calls only one side traces, such as open) do not end a run.
func streamReads(s *linuxref.Side) *linuxref.Side {
	out := *s
	out.Hosts = map[string]*linuxref.HostRun{}
	for name, h := range s.Hosts {
		c := *h
		c.Calls = nil
		stream := map[int]bool{} // the sockets: whether each is a stream
		run := -1                // the index in c.Calls of the read a run adds to
		for _, call := range h.Calls {
			switch {
			case call.Name == "socket" && call.Ret >= 0:
				stream[int(call.Ret)] = call.Type == "SOCK_STREAM"
			case call.Name == "accept" && call.Ret >= 0:
				stream[int(call.Ret)] = true
			case !compared[call.Name]:
				c.Calls = append(c.Calls, call)
				continue
			case call.FD >= 0 && (call.Name == "read" || call.Name == "write" || call.Name == "close" || call.Name == "fcntl"):
				if _, ok := stream[call.FD]; !ok {
					c.Calls = append(c.Calls, call)
					continue
				}
			}
			if (call.Name == "read" || call.Name == "recv") && call.Ret > 0 && stream[call.FD] {
				if run >= 0 {
					if last := &c.Calls[run]; last.Name == call.Name && last.FD == call.FD && last.Pid == call.Pid {
						last.Ret += call.Ret
						continue
					}
				}
				c.Calls = append(c.Calls, call)
				run = len(c.Calls) - 1
				continue
			}
			run = -1
			c.Calls = append(c.Calls, call)
		}
		out.Hosts[name] = &c
	}
	return &out
}

// sameStream reports whether a difference in the frames a host sent on a
// connection is only in how its bytes were cut and acknowledged: the same
// SYNs, data, FINs and resets in the same order once pure ACKs are left
// out, each run of data segments counts as one, a FIN sent on its own
// right after data counts as one sent with it (Linux tacks the FIN onto
// the last segment still waiting for Nagle's algorithm; netstack sends
// it alone), a data segment with FIN sent again counts once (Linux's tail
// loss probe, when the peer's ACK is delayed), and RST,ACK counts as RST
// (netstack answers data for a closed connection with RST,ACK, Linux
// with a bare RST: README).
func sameStream(d linuxref.Diff) bool {
	if d.In != "sent" {
		return false
	}
	var np, lx string
	for _, l := range strings.Split(d.Text, "\n") {
		l = strings.TrimSpace(l)
		if v, ok := strings.CutPrefix(l, "netplay:"); ok {
			np = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(l, "Linux:"); ok {
			lx = strings.TrimSpace(v)
		}
	}
	shape := func(s string) string {
		var out []string
		for _, f := range strings.Split(s, ", ") {
			switch {
			case f == ".":
				continue
			case f == "R.":
				f = "R"
			case (f == "F." || f == "FP.") && len(out) > 0 && out[len(out)-1] == "P.":
				out[len(out)-1] = "FP."
				continue
			case f == "P." && len(out) > 0 && out[len(out)-1] == "P.":
				continue
			case f == "FP." && len(out) > 0 && out[len(out)-1] == "FP.":
				continue // Linux's tail loss probe sent it again
			}
			out = append(out, f)
		}
		return strings.Join(out, ", ")
	}
	return np != "" && shape(np) == shape(lx)
}

// compared are the calls linuxref compares (on sockets, for read, write,
// close and fcntl).
var compared = map[string]bool{
	"socket": true, "bind": true, "listen": true, "accept": true, "connect": true, "send": true, "recv": true,
	"shutdown": true, "setsockopt": true, "getsockopt": true, "getsockname": true, "getpeername": true,
	"read": true, "write": true, "close": true, "fcntl": true, "select": true, "poll": true,
	"epoll_wait": true, "epoll_create": true, "epoll_ctl": true, "exit": true, "fork": true, "thread": true, "wait4": true,
}
