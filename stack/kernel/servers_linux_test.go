//go:build linux

package kernel_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"netplay/internal/tier"
	"netplay/stack/linuxref"
	"netplay/stack/scenario"
)

// TestServersOnLinux runs each server model and its clients built with
// gcc on the kernel (stack/linuxref: a namespace per host, a hub for the
// link) and compares them with netplay's run: exit statuses, the lines
// each program printed and its socket, select, poll and epoll calls'
// results, the last two as sets (which of two ready descriptors a loop
// serves first depends on timing on Linux).
func TestServersOnLinux(t *testing.T) {
	tier.Need(t, tier.Linux)
	if err := linuxref.Tools(); err != nil {
		t.Skipf("Linux reference: %v", err)
	}
	for _, server := range servers {
		t.Run(server, func(t *testing.T) {
			onLinux(t, serverScenario(t, server, "client", 4, 20*time.Second), 8*time.Second)
		})
	}
	t.Run("et_stuck", func(t *testing.T) {
		// Both wait until the end: 3 s on Linux, the time limit in netplay.
		sc := serverScenario(t, "et_stuck", "stuck_client", 1, 3*time.Second)
		onLinux(t, sc, 3*time.Second)
	})
}

func onLinux(t *testing.T, sc *scenario.Scenario, limit time.Duration) {
	t.Helper()
	np := linuxref.Normalize(linuxref.FromTrace(runScenario(t, sc).Events))
	res, err := linuxref.Run(context.Background(), sc, linuxref.Options{Limit: limit, Tail: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	lx := linuxref.Normalize(res.Side)
	for _, h := range sc.Hosts {
		name := h.Name
		if np.Status[name] != lx.Status[name] {
			t.Errorf("%s: netplay %s, Linux %s", name, np.Status[name], lx.Status[name])
		}
		if a, b := sortedLines(np.Stdout[name]), sortedLines(lx.Stdout[name]); a != b {
			t.Errorf("%s printed (as sets)\nnetplay:\n%s\nLinux:\n%s", name, a, b)
		}
		if a, b := sortedLines(strings.Join(np.Calls[name], "\n")), sortedLines(strings.Join(lx.Calls[name], "\n")); a != b {
			t.Errorf("%s's calls (as sets) differ\nnetplay:\n%s\nLinux:\n%s", name, a, b)
		}
	}
	if t.Failed() {
		t.Log(fmt.Sprint("netplay: ", np.Summary(), "\nLinux: ", lx.Summary()))
	}
}

func sortedLines(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
