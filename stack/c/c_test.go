package c

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"netplay/stack/libc"
	"netplay/stack/linux/signal"
)

// fakeSys is an in-memory libc.System for pure-computation programs.
type fakeSys struct {
	out, errOut strings.Builder
	now         time.Duration
	line        func() int
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
func (s *fakeSys) Now() time.Duration                  { return s.now }
func (s *fakeSys) Sleep(d time.Duration)               { s.now += d }
func (s *fakeSys) LookupHost(name string) []netip.Addr { return nil }
func (s *fakeSys) SetLineFunc(f func() int)            { s.line = f }
func (s *fakeSys) Tid() int                            { return 1000 }
func (s *fakeSys) Wake()                               {}
func (s *fakeSys) ExitThread()                         { panic(exitPanic{0}) }

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
