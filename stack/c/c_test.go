package c

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"netplay/stack/libc"
	"netplay/stack/linux/signal"
	"netplay/stack/vnet"
)

// fakeSys is an in-memory libc.System for pure-computation programs.
type fakeSys struct {
	out, errOut strings.Builder
	now         time.Duration
	line        func() int
	actions     [vnet.NSig]vnet.SigAction
	mask        uint64
}

type exitPanic struct{ status int }

func (s *fakeSys) Gate(int) int    { return 1 << 20 }
func (s *fakeSys) Exit(status int) { panic(exitPanic{status}) }
func (s *fakeSys) Output(stream, text string) {
	if stream == "stdout" {
		s.out.WriteString(text)
	} else {
		s.errOut.WriteString(text)
	}
}
func (s *fakeSys) Args() []string                      { return nil }
func (s *fakeSys) HostName() string                    { return "test" }
func (s *fakeSys) Clock() time.Duration                { return s.now }
func (s *fakeSys) Sleep(d time.Duration) time.Duration { s.now += d; return 0 }
func (s *fakeSys) LookupHost(name string) []netip.Addr { return nil }
func (s *fakeSys) SetLineFunc(f func() int)            { s.line = f }
func (s *fakeSys) Tid() int                            { return 1000 }

// Signals: dispositions and the mask are kept; with no system nothing is
// ever sent.
func (s *fakeSys) SetSigAction(sig int, a vnet.SigAction) vnet.SigAction {
	old := s.actions[sig]
	s.actions[sig] = a
	return old
}
func (s *fakeSys) SigMask() uint64                         { return s.mask }
func (s *fakeSys) SetSigMask(m uint64) uint64              { old := s.mask; s.mask = m; return old }
func (s *fakeSys) SigPending() uint64                      { return 0 }
func (s *fakeSys) DeliverSignals() (handled, restart bool) { return false, true }
func (s *fakeSys) Wake()                                   {}
func (s *fakeSys) ExitThread()                             { panic(exitPanic{0}) }

// Block: with one thread, a wait that is not over at once never ends.
func (s *fakeSys) Block(what func() string, deadline int64, ready func() bool) bool {
	if ready() {
		return true
	}
	if deadline >= 0 {
		s.now = max(s.now, time.Duration(deadline))
		return ready()
	}
	panic(libc.Fault{Msg: "deadlock: the only thread waits for " + what(), Signal: signal.SIGABRT})
}

type result struct {
	stdout, stderr string
	status         int
	fault          string
}

// runC compiles and runs src with the fake system.
func runC(t testing.TB, file, src string, args ...string) result {
	t.Helper()
	p, err := Compile(file, src)
	if err != nil {
		t.Fatalf("compile %s: %v", file, err)
	}
	return runProg(p, args...)
}

func runProg(p *Program, args ...string) (res result) {
	sys := &fakeSys{}
	defer func() {
		res.stdout, res.stderr = sys.out.String(), sys.errOut.String()
		if r := recover(); r != nil {
			e, ok := r.(exitPanic)
			if !ok {
				panic(r)
			}
			res.status = e.status
		}
	}()
	res.status = p.Run(sys, args, Options{Budget: 1e9}, func(st int, msg string) {
		res.fault = msg
		res.status = st
	})
	return res
}

func TestHello(t *testing.T) {
	r := runC(t, "hello.c", `#include <stdio.h>
int main(void) { printf("hello %d %s %5.2f|%-4d|%x\n", 42, "world", 3.14159, 7, 255); return 3; }`)
	if r.stdout != "hello 42 world  3.14|7   |ff\n" || r.status != 3 {
		t.Fatalf("got %+v", r)
	}
}
