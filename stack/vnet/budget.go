package vnet

import (
	"fmt"
	"time"

	"netplay/stack/linux/signal"
	"netplay/stack/trace"
)

// Run-wide budgets bound a whole run, whatever its programs do and however
// many hosts run them (docs/limits.md): each program has its own step
// limit and memory cap (the runtime's), but a scenario of a thousand hosts
// would multiply those by a thousand. The step and memory budgets are
// counted in the programs' own steps and bytes, so a run ends at the same
// point natively and in the browser; the wall-clock limit is the last
// resort, and says so, as where it ends a run depends on the machine.
const (
	// DefaultRunSteps is how many steps (loop iterations, calls; a
	// system call counts the C library's SyscallSteps) all the programs
	// of a run may take together: as many as one program may (the C
	// runtime's DefaultBudget), so a run of one program ends as it did
	// before there was a run-wide budget.
	DefaultRunSteps = 2_000_000_000
	// DefaultMemory is how many bytes of heap all the programs of a run
	// may hold together: four programs at their own cap (64 MiB).
	DefaultMemory = 256 << 20
	// DefaultWallLimit is how long a run may take in real time.
	DefaultWallLimit = 5 * time.Minute
)

// OverBudget is the panic value of Gate when the run's steps are used up:
// the runtime ends the program with Msg at its current line, as SIGKILL
// would (the C machine adds the place), and the scheduler ends the others.
type OverBudget struct{ Msg string }

// countSteps adds steps that a thread passed to the run's count, and
// panics with OverBudget when the count goes over the run's budget. A
// forked child replaying its parent's past does not count (the parent
// did).
func (t *Thread) countSteps(steps int) {
	w := t.p.w
	w.steps += int64(steps)
	if w.steps > w.opts.RunSteps && w.overSteps == "" {
		w.overSteps = fmt.Sprintf("step limit of the run reached (%d steps for all its programs together)", w.opts.RunSteps)
		panic(OverBudget{Msg: fmt.Sprintf("step limit exceeded (%d steps for all the run's programs together): the programs ran too long (loops that never end?)", w.opts.RunSteps)})
	}
}

// ReserveMemory takes n bytes of the run's memory budget for a program's
// heap, or says why it cannot (the runtime ends the program: out of
// memory, as Linux's OOM killer would). Programs give theirs back as they
// end (ReleaseMemory).
func (w *World) ReserveMemory(n int64) error {
	if w.memUsed+n > w.opts.Memory {
		return fmt.Errorf("the run's programs together may hold %s of heap (the run's memory budget) and hold %s", trace.ByteCount(w.opts.Memory), trace.ByteCount(w.memUsed))
	}
	w.memUsed += n
	return nil
}

// ReleaseMemory gives back what a program reserved.
func (w *World) ReleaseMemory(n int64) { w.memUsed -= n }

// overWall reports whether the run has taken longer than its wall-clock
// limit since started.
func (w *World) overWall(started time.Time) bool {
	return w.opts.WallLimit > 0 && time.Since(started) > w.opts.WallLimit
}

// wallEnd is how a run ends at its wall-clock limit.
func (w *World) wallEnd() string {
	return fmt.Sprintf("wall-clock limit %v reached (real time: where the run ends depends on the machine's speed)", w.opts.WallLimit)
}

// overBudgetExit is how a thread ends on OverBudget without a runtime
// that says the place (a Go program).
func (t *Thread) overBudgetExit(e OverBudget) exitSignal {
	return exitSignal{status: signal.SIGKILL.ExitStatus(), reason: fmt.Sprintf("%s at line %d", e.Msg, t.Line()), signal: int(signal.SIGKILL)}
}
