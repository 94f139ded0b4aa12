package c

import "testing"

func init() {
	// Every fork in this package's tests checks that the child's replay
	// of its parent brought it to its parent's memory and machine.
	checkForks = true
}

// TestProcessesAsGlibc: fork (memory copied, unflushed output in both
// processes), wait and waitpid with the W* macros, exit statuses and
// signals, getpid and getppid, an orphan adopted by init, exec failing as
// Linux fails it, ECHILD; as with gcc, stdout line buffered on both sides
// (a terminal here, stdbuf there).
func TestProcessesAsGlibc(t *testing.T) { hostsAsGlibc(t, "testdata/procs") }
