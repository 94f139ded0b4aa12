//go:build linux

package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"netplay/internal/tier"
	"netplay/stack/linuxref"
	"netplay/stack/trace"
)

// TestCourseOnLinux runs chapter 3 of the course on the Linux kernel, built
// with gcc as the course's CMake builds it (linuxref.GCCBuild: lib.a from
// lib/, then the chapter program), and compares what each program printed
// and how it exited with `netplay run`.
func TestCourseOnLinux(t *testing.T) {
	tier.Need(t, tier.Linux)
	if err := linuxref.Tools(); err != nil {
		t.Skipf("the Linux reference run needs root and its tools (make tools): %v", err)
	}
	sc, path := packCourse(t)
	code, out, errs := runCLI("run", "--json", path)
	if code != 0 {
		t.Fatalf("netplay run: exit %d: %s", code, errs)
	}
	events, err := trace.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	np := linuxref.FromTrace(events)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := linuxref.Run(ctx, sc, linuxref.Options{Limit: 20 * time.Second, Log: t.Logf})
	if err != nil {
		t.Fatalf("Linux: %v", err)
	}
	for _, h := range []string{"server", "client"} {
		n, l := np.Hosts[h], res.Side.Hosts[h]
		if n == nil || l == nil {
			t.Fatalf("%s: netplay ran %v, Linux ran %v", h, n != nil, l != nil)
		}
		if n.Stdout != l.Stdout || n.Status != l.Status {
			t.Errorf("%s: netplay printed %q and exited %d; on Linux %q, %d", h, n.Stdout, n.Status, l.Stdout, l.Status)
		}
		if n.Stdout == "" {
			t.Errorf("%s printed nothing", h)
		}
	}
}
