//go:build linux

package linuxref

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"netplay/stack/linux/signal"
	"netplay/stack/scenario"
)

// program is a host's program on Linux: every time it ran (the first
// start, a restart, a boot), and the standard input its runs share.
type program struct {
	r    *run
	h    scenario.Host
	bin  string
	ns   string
	mu   sync.Mutex
	runs []*progRun
	// in is the read end of the program's standard input, a pipe shared
	// by its runs (a restart keeps the terminal, and what was typed);
	// inW its write end. A boot makes a new pipe: a new terminal.
	in, inW *os.File
	inEOF   bool
}

// progRun is one process the scenario started on a host.
type progRun struct {
	cmd    *exec.Cmd
	out    bytes.Buffer
	err    bytes.Buffer
	trace  string
	done   chan struct{}
	status int
}

// newStdin gives the program a fresh standard input.
func (pg *program) newStdin() error {
	pg.mu.Lock()
	defer pg.mu.Unlock()
	if pg.in != nil {
		pg.in.Close()
	}
	if pg.inW != nil {
		pg.inW.Close()
	}
	var err error
	pg.in, pg.inW, err = os.Pipe()
	pg.inEOF = false
	return err
}

// typeIn writes text into the program's standard input, and closes it at
// eof; input for a program whose terminal ended is lost.
func (pg *program) typeIn(text string, eof bool) {
	pg.mu.Lock()
	defer pg.mu.Unlock()
	if pg.inEOF {
		return
	}
	if text != "" {
		pg.inW.WriteString(text) // a pipe of 64 KiB: scripted input fits
	}
	if eof {
		pg.inW.Close()
		pg.inEOF = true
	}
}

// start runs the program once more, in its namespace under strace.
func (pg *program) start() error {
	pg.mu.Lock()
	defer pg.mu.Unlock()
	r := pg.r
	p := &progRun{done: make(chan struct{})}
	p.trace = filepath.Join(r.dir, fmt.Sprintf("%s.%d.strace", pg.h.Name, len(pg.runs)+1))
	args := []string{"netns", "exec", pg.ns, "strace", "-f", "-qq", "-s", "0", "-T",
		"-e", "trace=" + straceCalls, "-o", p.trace, "stdbuf", "-oL", "-eL", pg.bin}
	args = append(args, pg.h.Args...)
	p.cmd = exec.CommandContext(r.ctx, "ip", args...)
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	p.cmd.Stdout, p.cmd.Stderr, p.cmd.Stdin = &p.out, &p.err, pg.in
	p.cmd.Dir = r.dir
	r.logf("%s: ip %s", pg.h.Name, strings.Join(args, " "))
	if err := p.cmd.Start(); err != nil {
		return fmt.Errorf("host %s: %v", pg.h.Name, err)
	}
	r.mu.Lock()
	r.procs = append(r.procs, p.cmd)
	r.mu.Unlock()
	pg.runs = append(pg.runs, p)
	go func() {
		err := p.cmd.Wait()
		p.status = statusOf(p.cmd, err)
		close(p.done)
	}()
	return nil
}

// last returns the program's latest run.
func (pg *program) last() *progRun {
	pg.mu.Lock()
	defer pg.mu.Unlock()
	return pg.runs[len(pg.runs)-1]
}

// allRuns returns every run so far.
func (pg *program) allRuns() []*progRun {
	pg.mu.Lock()
	defer pg.mu.Unlock()
	return append([]*progRun(nil), pg.runs...)
}

// signal sends sig to the processes of the program's latest run (strace's
// tracees: the program and what it forked, its process group as a
// terminal sees it); strace passes the signal on as the kernel delivers
// it. It reports whether one was running.
func (pg *program) signal(sig syscall.Signal) bool {
	p := pg.last()
	select {
	case <-p.done:
		return false
	default:
	}
	pids := descendants(p.cmd.Process.Pid)
	for _, pid := range pids {
		syscall.Kill(pid, sig)
	}
	return len(pids) > 0
}

// kill ends the latest run with SIGKILL and waits for it to be gone.
func (pg *program) kill() {
	p := pg.last()
	if pg.signal(syscall.SIGKILL) {
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
			<-p.done
		}
	}
}

// descendants returns the processes below pid (strace's tracees), from
// /proc's children lists.
func descendants(pid int) []int {
	var out []int
	var walk func(int)
	walk = func(p int) {
		tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", p))
		for _, t := range tasks {
			b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", p, t.Name()))
			if err != nil {
				continue
			}
			for _, f := range strings.Fields(string(b)) {
				if c, err := strconv.Atoi(f); err == nil {
					out = append(out, c)
					walk(c)
				}
			}
		}
	}
	walk(pid)
	return out
}

// actor does a scenario's actions on the kernel, each at its time from the
// run's start: signals through kill(2) to the program's processes, a
// restart as a new process in the same namespace, a crash as the host's
// cables going dead (its ports on the wire down: its NICs lose their
// carrier and send nothing), its processes killed and its sockets and
// neighbours destroyed (ss -K, ip neigh flush) so that nothing of its
// connections survives, a boot as the ports up again and the program
// started at once, unplug and plug as a link's ports down and up (the
// hosts see no carrier, as with a cable pulled), set as the hub's delay.
type actor struct {
	r     *run
	sc    *scenario.Scenario
	progs map[string]*program
	ports []Port
	hub   *hub
	// done is the scenario time up to which every action has been done
	// (ns; the start of a program waits for the actions before it, as on
	// netplay's clock).
	done atomic.Int64
}

// doneBy returns the time up to which every action has been done: just
// before the next one.
func (a *actor) doneBy() time.Duration { return time.Duration(a.done.Load()) }

func (a *actor) run(ctx context.Context, t0 time.Time) error {
	defer a.done.Store(math.MaxInt64)
	for _, act := range a.sc.Actions {
		a.done.Store(int64(act.At) - 1)
		select {
		case <-time.After(time.Until(t0.Add(act.At.D()))):
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := a.do(act); err != nil {
			return fmt.Errorf("action %s at %s: %v", act.Do, act.At.D(), err)
		}
	}
	return nil
}

// portsOf returns the wire's ports of a host, or of a link.
func (a *actor) portsOf(host string, link int) []string {
	var out []string
	for _, p := range a.ports {
		if host != "" && p.Host == host || host == "" && p.Link == link {
			out = append(out, p.Name)
		}
	}
	return out
}

func (a *actor) setPorts(names []string, state string) error {
	for _, n := range names {
		if _, err := a.r.cmd("ip", "-n", a.r.wire, "link", "set", n, state); err != nil {
			return err
		}
	}
	return nil
}

func (a *actor) do(act scenario.Action) error {
	r := a.r
	r.logf("action %s %s at %s", act.Do, act.Target(), act.At.D())
	pg := a.progs[act.Host]
	switch act.Do {
	case scenario.DoSignal:
		sig, _ := signal.ByName(act.Signal)
		if pg != nil {
			pg.signal(syscall.Signal(sig))
		}
	case scenario.DoRestart:
		pg.kill()
		return pg.start()
	case scenario.DoCrash:
		if err := a.setPorts(a.portsOf(act.Host, -1), "down"); err != nil {
			return err
		}
		if pg != nil {
			pg.kill()
		}
		ns := r.hostNS[act.Host]
		for _, proto := range []string{"-t", "-u"} {
			if _, err := r.inNS(ns, "ss", "-K", "-a", proto); err != nil {
				return err
			}
		}
		if _, err := r.cmd("ip", "-n", ns, "neigh", "flush", "all"); err != nil {
			return err
		}
	case scenario.DoBoot:
		if err := a.setPorts(a.portsOf(act.Host, -1), "up"); err != nil {
			return err
		}
		if pg != nil {
			if err := pg.newStdin(); err != nil {
				return err
			}
			return pg.start()
		}
	case scenario.DoUnplug, scenario.DoPlug:
		state := "down"
		if act.Do == scenario.DoPlug {
			state = "up"
		}
		return a.setPorts(a.portsOf("", *act.Link), state)
	case scenario.DoSet:
		if act.Delay != nil {
			a.hub.setDelay(*act.Link, act.Delay.D())
		}
	}
	return nil
}
