package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBenchRunMemoryCap: run_memory_cap_mb, the peak resident set of
// `netplay run` (the larger of its own and its engine's, the child it
// supervises) for a program that prints forever, until the step limit
// ends it: the trace's budget keeps its memory bounded (goal ≤ 512). Run
// with NETPLAY_BENCH=1 (make bench).
func TestBenchRunMemoryCap(t *testing.T) {
	if os.Getenv("NETPLAY_BENCH") == "" {
		t.Skip("set NETPLAY_BENCH=1 to measure (make bench)")
	}
	sc, _ := json.Marshal(map[string]any{"version": 1, "hosts": []any{map[string]any{
		"name": "a", "program": "#include <stdio.h>\nint main(void) { for (;;) puts(\"x\"); }\n"}}})
	path := filepath.Join(t.TempDir(), "puts.json")
	if err := os.WriteFile(path, sc, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	cmd := netplayCmd(t, "run", path)
	cmd.Stdout, cmd.Stderr = &out, &errb
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	if !strings.Contains(out.String(), "a killed: step limit exceeded") {
		t.Fatal("the run did not end at the step limit")
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatal("no rusage")
	}
	t.Logf("ended in %v", time.Since(t0))
	fmt.Printf("BENCH run_memory_cap_mb %d MiB\n", ru.Maxrss>>10)
}
