package vnet

import "fmt"

// fork is built by deterministic replay. The C machine's state lives on a
// goroutine's stack, which cannot be copied; instead a process that may
// fork keeps a journal of everything that reached its program from
// outside: each system call's results (with the bytes it wrote into the
// program's memory), each read of the clock, each sleep, each signal
// handler the scheduler ran and where. A child made by fork is a new
// process running the same program from main, that replays its parent's
// journal: every call returns what it returned in the parent, and writes
// what it wrote, without reaching the system (no output, no network, no
// virtual time passing); every handler runs where it ran. The program,
// deterministic, passes through the same states, and reaches the parent's
// fork call with the parent's memory and stack: there fork returns 0 and
// the child goes on live, with the descriptors the parent had.
//
// Where: the journal counts safe points (the calls it records, and the
// gates); a handler's run is recorded at the count it ran at, so that the
// child runs it at the same point of the program. Only a process with one
// thread can be replayed (the others' interleaving with it is not in the
// journal): a process that made a thread keeps no journal, and cannot
// fork.

// Journal is a process's record of what reached its program, and where a
// forked child is in replaying its parent's.
type Journal struct {
	entries []entry
	pos     int // the next entry to replay
	end     int // entries before end are the parent's: replayed
	born    bool
	at      uint64 // safe points passed
	ids     []identity
}

type entry struct {
	call string
	at   uint64
	v    any
}

// identity is who the program was from an entry on: the child replays
// its parent's calls as the parent (gettid is its pid there).
type identity struct {
	from int
	tid  int
}

// handled is a signal handler's run, as recorded.
type handledSignal struct {
	sig  int
	info SigInfo
	act  SigAction
}

// Keep makes the process keep a journal from now on (the runtime calls it
// as a program that may fork starts).
func (p *Process) Keep() {
	if p.journal == nil && p.noJournal == "" {
		p.journal = &Journal{born: true, ids: []identity{{0, p.pid}}}
	}
}

// Journal returns the journal of the thread's process, or nil when it
// keeps none.
func (t *Thread) Journal() *Journal { return t.p.journal }

// Replaying reports whether the process replays its parent's journal (a
// forked child before its fork point).
func (j *Journal) Replaying() bool { return !j.born }

// AtFork reports whether the process is a forked child that has replayed
// its parent's journal and whose next call is the fork it was made by.
func (j *Journal) AtFork() bool { return !j.born && j.pos == j.end }

// Begin counts a call the journal records: it returns the call's safe
// point. At the fork point the only call the child can make is fork.
func (j *Journal) Begin(call string) uint64 {
	if j.AtFork() && call != "fork" {
		panic(fmt.Sprintf("fork: the child's replay went astray: it calls %s where its parent called fork", call))
	}
	j.at++
	return j.at
}

// Record appends the results v of call, made at safe point at.
func (j *Journal) Record(call string, at uint64, v any) {
	j.entries = append(j.entries, entry{call, at, v})
}

// Replay returns the results the parent's call made at safe point at
// returned, after running the signal handlers the parent ran during it.
func (j *Journal) Replay(t *Thread, call string, at uint64) any {
	j.replaySignals(t, at)
	if j.pos >= j.end {
		panic(fmt.Sprintf("fork: the child calls %s past the end of its parent's journal", call))
	}
	e := j.entries[j.pos]
	if e.call != call || e.at != at {
		panic(fmt.Sprintf("fork: the child's replay went astray: it calls %s (at %d) where its parent called %s (at %d)", call, at, e.call, e.at))
	}
	j.pos++
	return e.v
}

// replaySignals runs the handlers the parent ran at safe point at.
func (j *Journal) replaySignals(t *Thread, at uint64) {
	for j.pos < j.end {
		e := j.entries[j.pos]
		h, ok := e.v.(handledSignal)
		if !ok || e.at != at {
			return
		}
		j.pos++
		t.runHandler(h.sig, h.info, h.act, false)
	}
}

// Born ends the replay at the fork point: from here the child records
// its own calls, as itself.
func (j *Journal) Born(tid int) {
	j.born = true
	j.ids = append(j.ids, identity{len(j.entries), tid})
}

// tid is the thread id the program sees: its parent's while it replays.
func (j *Journal) tid(own int) int {
	if !j.Replaying() {
		return own
	}
	id := own
	for _, w := range j.ids {
		if w.from <= j.pos {
			id = w.tid
		}
	}
	return id
}

// fork returns a child's journal: the parent's entries so far (shared:
// neither side changes them), to replay.
func (j *Journal) fork() *Journal {
	n := len(j.entries)
	return &Journal{entries: j.entries[:n:n], end: n, ids: append([]identity(nil), j.ids...)}
}

// stopped says why a process keeps no journal and cannot fork.
func (p *Process) stopJournal(why string) {
	p.journal = nil
	p.noJournal = why
}

// ForkRefused says why the process cannot fork ("" when it can).
func (p *Process) ForkRefused() string {
	if p.journal == nil && p.noJournal == "" {
		return "the program was built without fork"
	}
	return p.noJournal
}
