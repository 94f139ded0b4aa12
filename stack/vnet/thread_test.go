package vnet_test

import (
	"strings"
	"testing"
	"time"

	"netplay/stack/trace"
	"netplay/stack/vnet"
)

func text(evs []trace.Event) string {
	var b strings.Builder
	trace.WriteText(&b, evs, trace.TextOptions{})
	return b.String()
}

// Threads run one at a time, each until it blocks or its slice ends, in
// the order they were made; the trace names the process and thread of
// each event once the program has made a thread.
func TestThreadsInterleave(t *testing.T) {
	run := func() string {
		w := vnet.New(vnet.Options{SliceSteps: 3})
		w.AddHost("h", false)
		var log strings.Builder
		w.Start("h", func(p *vnet.Thread) int {
			p.Output("stdout", "before\n")
			var kids []*vnet.Thread
			for _, name := range []string{"a", "b"} {
				kids = append(kids, p.Spawn("worker_"+name, func(th *vnet.Thread) {
					for i := 0; i < 4; i++ {
						log.WriteString(name)
						th.Yield()
					}
					th.Sleep(time.Millisecond)
					th.Output("stdout", name+" done\n")
				}))
			}
			for i := 0; i < 4; i++ {
				log.WriteString("m")
				p.Yield()
			}
			p.Sleep(time.Second) // the workers end first
			if kids[0].Tid() != 1001 || kids[1].Tid() != 1002 {
				t.Errorf("tids %d %d", kids[0].Tid(), kids[1].Tid())
			}
			return 5
		}, 0, nil)
		w.Run()
		return log.String() + "\n" + text(w.Trace().Events())
	}
	got := run()
	want := `mmmaaabbbmab
0.000000 h| before
0.000000 h[1000] thread 1001 starts worker_a()
0.000000 h[1000] thread 1002 starts worker_b()
0.001000 h[1000/1001]| a done
0.001000 h[1000/1001] thread exits
0.001000 h[1000/1002]| b done
0.001000 h[1000/1002] thread exits
1.000000 h[1000] exited with status 5
`
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if again := run(); again != got {
		t.Fatalf("a second run differs:\n%s", again)
	}
}

// exit in any thread ends every thread of the process at once; the last
// thread to end alone ends the process with status 0.
func TestThreadExits(t *testing.T) {
	w := vnet.New(vnet.Options{})
	w.AddHost("h", false)
	w.AddHost("g", false)
	after := false
	w.Start("h", func(p *vnet.Thread) int {
		p.Spawn("sleeper", func(th *vnet.Thread) {
			th.Sleep(time.Hour)
			after = true
		})
		p.Spawn("quitter", func(th *vnet.Thread) {
			th.Sleep(time.Second)
			th.Exit(7)
		})
		p.Sleep(time.Hour)
		after = true
		return 0
	}, 0, nil)
	w.Start("g", func(p *vnet.Thread) int {
		p.Spawn("worker", func(th *vnet.Thread) {
			th.Sleep(2 * time.Second)
			th.Output("stdout", "worker ends last\n")
		})
		p.ExitThread()
		return 9
	}, 0, nil)
	end, _ := w.Run()
	got := text(w.Trace().Events())
	want := `0.000000 h[1000] thread 1001 starts sleeper()
0.000000 h[1000] thread 1002 starts quitter()
0.000000 g[1000] thread 1001 starts worker()
0.000000 g[1000] thread exits
1.000000 h[1000] exited with status 7
2.000000 g[1000/1001]| worker ends last
2.000000 g[1000] exited with status 0
`
	if got != want || after || end != "all programs exited" {
		t.Fatalf("end %q, after %v, trace\n%s\nwant\n%s", end, after, got, want)
	}
}

// A panic in a thread other than the first ends the process as one in
// main does; the time limit ends every thread.
func TestThreadPanicAndLimit(t *testing.T) {
	w := vnet.New(vnet.Options{Limit: 3 * time.Second})
	w.AddHost("h", false)
	w.AddHost("g", false)
	w.Start("h", func(p *vnet.Thread) int {
		p.Spawn("bad", func(th *vnet.Thread) {
			var m map[int]int
			//lint:ignore SA5000 the thread panics on purpose
			m[1] = 1
		})
		p.Sleep(time.Hour)
		return 0
	}, 0, nil)
	w.Start("g", func(p *vnet.Thread) int {
		p.Spawn("forever", func(th *vnet.Thread) { th.Sleep(time.Hour) })
		p.Sleep(time.Hour)
		return 0
	}, 0, nil)
	w.Run()
	var exits []string
	for _, e := range w.Trace().Events() {
		if e.Kind == trace.KindExit {
			exits = append(exits, e.Host+" "+strings.SplitN(e.Reason, ":", 2)[0])
		}
	}
	if strings.Join(exits, ",") != "h internal error at line 0,g time limit 3s reached" {
		t.Fatalf("exits %q", exits)
	}
}

// A signal sent from outside at a virtual time (issue 14's actions): a
// program blocked in a wait ends as the signal's default action says.
func TestSignalAt(t *testing.T) {
	w := vnet.New(vnet.Options{})
	w.AddHost("h", false)
	w.Start("h", func(p *vnet.Thread) int {
		p.Spawn("worker", func(th *vnet.Thread) { th.Sleep(time.Hour) })
		p.Sleep(time.Hour)
		return 0
	}, 0, nil)
	if err := w.SignalAt("h", 2*time.Second, 15, "sent by the test"); err != nil {
		t.Fatal(err)
	}
	w.Run()
	got := text(w.Trace().Events())
	want := `0.000000 h[1000] thread 1001 starts worker()
2.000000 h[1000] SIGTERM: sent by the test
2.000000 h[1000] SIGTERM: terminate
2.000000 h[1000] killed: Terminated (SIGTERM): sent by the test
`
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}
