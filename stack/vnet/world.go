// Package vnet is netplay's virtual network: hosts that each run a real gVisor
// TCP/IP stack, Ethernet segments (links) between them with delay, loss and
// fault rules, the programs that run on the hosts, and the scheduler that
// drives it all on one virtual clock.
//
// Determinism: the Go runtime runs with one P while a World exists; programs
// run one at a time, handing control back at blocking calls and at the
// cooperative gate (Thread.Yield); frames are delivered and timers fired one
// at a time by the scheduler, each followed by a settle step that lets
// gVisor's own goroutines finish their work. The same world and seed give
// the same trace, byte for byte.
package vnet

import (
	"errors"
	"fmt"
	"math/rand"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"netplay/stack/output"
	"netplay/stack/trace"
	"netplay/stack/vclock"
)

// Options configure a World.
type Options struct {
	// Seed fixes every random choice: ISNs, ephemeral ports, link loss.
	Seed int64
	// Limit ends the run at this virtual time (0: DefaultLimit).
	Limit time.Duration
	// Pause, when set, is called between scheduler steps; the browser uses it
	// to let the page handle events. It must not touch the world.
	Pause func()
	// SliceSteps is how many Yield calls a program may make before it hands
	// control back to the scheduler (0: DefaultSliceSteps).
	SliceSteps int
	// Input, when set, is input that reaches the world from outside: text
	// typed at the hosts' terminals (see Input).
	Input Input
	// TraceBudget bounds the trace's memory in bytes (0:
	// trace.DefaultBudget; see trace.Recorder).
	TraceBudget int
	// OutputBudget bounds the memory of the hosts' output kept beside
	// the trace, all hosts together, in bytes (0: output.DefaultBudget;
	// negative: none is kept, for a caller that reads only the trace; see
	// output.Store).
	OutputBudget int
	// Actor, when set, does things to the world at virtual times: a
	// scenario's actions, the page's controls (see Actor).
	Actor Actor
	// RunSteps, Memory and WallLimit are the run-wide budgets
	// (budget.go): the steps all programs may take together (0:
	// DefaultRunSteps), the bytes of heap they may hold together (0:
	// DefaultMemory), the real time the run may take (0:
	// DefaultWallLimit; negative: none).
	RunSteps  int64
	Memory    int64
	WallLimit time.Duration
}

// Actor is what is done to a running world from outside at virtual times:
// signals to programs, restarts, crashes and boots, links unplugged and
// changed. Like Input it gets its turn only where the world is idle at the
// current virtual time, so an action lands at the same point of a run
// whether it was done live or replayed. Unlike input it keeps a world whose
// programs have all exited running until its last action (a host may boot
// and start its program again).
type Actor interface {
	// Act does one action due at now or earlier and reports whether it
	// did; next is the virtual time of the next scripted action, ok false
	// when none is left.
	Act(now int64) (acted bool, next int64, ok bool)
}

// Input is what reaches the world from outside while it runs: lines typed
// at the hosts' terminals, scripted or live. The scheduler gives it a turn
// only when the world is idle at the current virtual time (no timer due, no
// program ready to run), after everything that instant holds has happened:
// input delivered there lands at the same point of a run whether it was
// typed live or replayed from a script, so a recorded run replays exactly.
type Input interface {
	// Deliver delivers the input due at now or earlier (at most one entry
	// per terminal, so that two entries of one instant are two turns, as
	// they were typed) and reports whether it delivered any. next is the
	// virtual time of the next scripted entry, ok false when none is left.
	Deliver(now int64) (delivered bool, next int64, ok bool)
	// Await is called when the world can only go on with input: a program
	// waits for it (Thread.ExpectInput) and nothing else is scheduled
	// before the limit. It delivers what is typed and reports true, or
	// reports false to end the run ("waiting for input").
	Await(now int64) bool
}

// EndWaitingForInput is how a run ends that only input could continue.
const EndWaitingForInput = "waiting for input"

// DefaultLimit is the virtual-time limit of a run when none is given.
const DefaultLimit = 300 * time.Second

// DefaultSliceSteps is the default number of Yield calls in one slice.
const DefaultSliceSteps = 20000

// linger is how long the network keeps running after the last program
// exited, so closing handshakes and last ACKs appear in the trace.
const linger = time.Second

// settleRounds is how many consecutive scheduler yields must see no progress
// before gVisor's goroutines are taken to be idle.
const settleRounds = 4

// World is one virtual network and everything running on it.
type World struct {
	opts  Options
	clock *vclock.Clock
	rec   *trace.Recorder
	out   *output.Store

	hosts  []*Host
	byName map[string]*Host
	links  []*Link
	rules  []*rule
	loss   *rand.Rand

	procs   []*Process // every process started or made, in order
	threads []*Thread  // the threads that have not finished, in the order made
	next    int        // round-robin position among threads

	progress  atomic.Uint64
	stopped   atomic.Bool
	closing   atomic.Bool
	observers []func()
	// timerHosts counts the timers that named the hosts they concern while
	// they ran (frame deliveries, a host stack's timers, a program's
	// wake-ups): fireNext marks every host only after a timer that did not.
	timerHosts int
	// cause is what the world does now (Cause).
	cause causeBox

	// sched reads the number of runnable goroutines (settle).
	sched [1]metrics.Sample

	spun bool // the clock moved for spinning programs: one of them runs next

	// The run-wide budgets' counts (budget.go): steps passed at the
	// gates of every thread, and once over the budget how the run ends;
	// bytes of heap the programs hold.
	steps     int64
	overSteps string
	memUsed   int64

	mu       sync.Mutex // guards started/finished
	started  bool
	finished bool
	prevMax  int
	lastExit int64 // virtual time the last program exited
}

// New returns an empty world at virtual time zero.
func New(opts Options) *World {
	if opts.Limit <= 0 {
		opts.Limit = DefaultLimit
	}
	if opts.SliceSteps <= 0 {
		opts.SliceSteps = DefaultSliceSteps
	}
	if opts.RunSteps <= 0 {
		opts.RunSteps = DefaultRunSteps
	}
	if opts.Memory <= 0 {
		opts.Memory = DefaultMemory
	}
	if opts.WallLimit == 0 {
		opts.WallLimit = DefaultWallLimit
	}
	w := &World{
		opts:    opts,
		clock:   vclock.New(),
		rec:     trace.NewBudget(opts.TraceBudget),
		out:     newOutput(opts.OutputBudget),
		byName:  map[string]*Host{},
		loss:    rand.New(rand.NewSource(opts.Seed ^ 0x5eed1055)),
		prevMax: runtime.GOMAXPROCS(1),
	}
	w.sched[0].Name = "/sched/goroutines/runnable:goroutines"
	w.clock.OnChange(w.bump)
	w.rec.OnEvent(func(trace.Event) { w.bump() })
	return w
}

// SetInput sets the world's input from outside (Options.Input) before it
// runs; nil for none.
func (w *World) SetInput(in Input) { w.opts.Input = in }

// SetActor sets what is done to the world at virtual times (Options.Actor)
// before it runs; nil for nothing.
func (w *World) SetActor(a Actor) { w.opts.Actor = a }

// Seed returns the world's seed, for the layers above that need
// randomness of their own (a host's /dev/urandom).
func (w *World) Seed() int64 { return w.opts.Seed }

// Clock returns the world's virtual clock.
func (w *World) Clock() *vclock.Clock { return w.clock }

// Trace returns the world's recorder.
func (w *World) Trace() *trace.Recorder { return w.rec }

// Output returns the hosts' output: all of it within its budget, and
// what each host's console shows, collected as the run goes.
func (w *World) Output() *output.Store { return w.out }

// newOutput is the world's output store: none for a negative budget.
func newOutput(budget int) *output.Store {
	if budget < 0 {
		return nil
	}
	return output.New(budget)
}

// Now returns the virtual time since the world started.
func (w *World) Now() time.Duration { return time.Duration(w.clock.Nanos()) }

// Host returns the host called name, or nil.
func (w *World) Host(name string) *Host { return w.byName[name] }

// Hosts returns the hosts in the order they were added.
func (w *World) Hosts() []*Host { return append([]*Host(nil), w.hosts...) }

// bump records that something happened (a frame, a wake-up, a timer, an
// event), for settle.
func (w *World) bump() { w.progress.Add(1) }

// Observe registers f to be called after every scheduler step, once gVisor
// has settled. The socket layer uses it to read TCP states.
func (w *World) Observe(f func()) { w.observers = append(w.observers, f) }

// observeHost registers f to be called after scheduler steps that may have
// changed something on host h: a frame it sent or received, its program
// ran, or a timer fired.
func (w *World) observeHost(h *Host, f func()) { h.observers = append(h.observers, f) }

// touch marks that something happened on h since the last observation.
func (h *Host) touch() { h.activity.Add(1) }

// touchAll marks every host: a timer fired, and timers belong to no host
// the scheduler can name.
func (w *World) touchAll() {
	for _, h := range w.hosts {
		h.touch()
		h.inbound.Add(1)
		h.rescan.Add(1)
	}
}

// Stop ends the run: every program is ended with reason "stopped" at its
// next gate or blocking call. Safe to call from any goroutine.
func (w *World) Stop() {
	w.stopped.Store(true)
	w.bump()
}

// settle lets gVisor's goroutines run until none of them makes progress.
// With one P, no goroutine ready to run means none can make progress
// before the scheduler acts again, so settle ends as soon as the runtime
// counts none; otherwise it yields until the progress counter has stayed
// unchanged for settleRounds yields (another world's goroutines, say, may
// keep the count above zero).
func (w *World) settle() {
	last := w.progress.Load()
	for stable := 0; stable < settleRounds; {
		if w.runnable() == 0 {
			return
		}
		runtime.Gosched()
		if cur := w.progress.Load(); cur != last {
			last, stable = cur, 0
		} else {
			stable++
		}
	}
}

// runnable returns how many goroutines are ready to run and waiting for
// the P (runtime/metrics; exact with GOMAXPROCS 1).
func (w *World) runnable() uint64 {
	metrics.Read(w.sched[:])
	if w.sched[0].Value.Kind() != metrics.KindUint64 {
		return 1 // the metric is not there: rely on the progress counter
	}
	return w.sched[0].Value.Uint64()
}

func (w *World) observe() {
	for _, f := range w.observers {
		f()
	}
	for _, h := range w.hosts {
		a := h.activity.Load()
		if a == h.observed {
			continue
		}
		h.observed = a
		for _, f := range h.observers {
			f()
		}
	}
}

// fireNext fires the next due timer. A frame delivery marks the hosts it
// reached, a timer of a host's stack that host, a program's wake-up its
// host; any other timer marks every host.
func (w *World) fireNext() bool {
	w.cause.set(Cause{}) // a frame's delivery says so itself
	before := w.timerHosts
	if !w.clock.FireNext() {
		return false
	}
	if w.timerHosts == before {
		w.touchAll()
	}
	return true
}

// ErrAlreadyRun is returned by Run on a world that has run before.
var ErrAlreadyRun = errors.New("vnet: world already run")

// Run drives the world until every program has exited (and the network has
// been quiet for a moment), the virtual-time limit, or Stop. It returns a
// one-line description of how the run ended.
func (w *World) Run() (string, error) {
	w.mu.Lock()
	if w.started {
		w.mu.Unlock()
		return "", ErrAlreadyRun
	}
	w.started = true
	w.mu.Unlock()
	defer w.Close()

	limit := int64(w.opts.Limit)
	started := time.Now()
	for {
		w.settle()
		w.observe()
		if w.stopped.Load() {
			w.endAll("stopped")
			return "stopped", nil
		}
		if end := w.overSteps; end != "" {
			w.endAll("end of run: " + end)
			return end, nil
		}
		if w.overWall(started) {
			end := w.wallEnd()
			w.endAll("end of run: " + end)
			return end, nil
		}
		if w.fireNext() {
			continue
		}
		if w.anyRunnable() {
			if !w.spun && w.allSpinning() {
				// Every program that can run keeps running without
				// blocking: time passes as it computes (sliceTime a
				// slice), so what it polls for can happen.
				w.spun = true
				end, done, happened := w.spinTime(limit)
				if done {
					return end, nil
				}
				if happened {
					continue // a timer is due or input came: settle first
				}
			}
			w.spun = false
			t := w.nextRunnable()
			t.p.host.touch()
			t.runSlice()
			if t.blockedOn != nil || t.state == stateExited {
				if d := t.p.deadlock(); d != "" {
					w.settle()
					w.observe()
					w.endAll(d)
					return d, nil
				}
			}
			if w.opts.Pause != nil {
				w.opts.Pause()
			}
			continue
		}
		// Idle at now: the turn of actions, then of input, from outside.
		now := w.clock.Nanos()
		next, ok := w.clock.Next()
		// scripted is when the next scripted action or input comes.
		var scripted int64
		scriptedOK := false
		acting := false // an action is still to come
		if a := w.opts.Actor; a != nil {
			acted, at, more := a.Act(now)
			if acted {
				continue
			}
			if more {
				acting = true
				scripted, scriptedOK = at, true
			}
		}
		if in := w.opts.Input; in != nil && !w.allExited() {
			w.cause.set(Cause{})
			delivered, at, more := in.Deliver(now)
			if delivered {
				continue
			}
			if more && (!scriptedOK || at < scripted) {
				scripted, scriptedOK = at, true
			}
		}
		if scriptedOK && (!ok || scripted < next) {
			next, ok = scripted, true
		}
		if w.allExited() && !acting {
			if !ok || next > w.lastExit+int64(linger) {
				return "all programs exited", nil
			}
		}
		if w.awaitingInput() && !w.seenBefore(limit, scripted, scriptedOK) {
			if w.opts.Input != nil {
				// The time the learner takes to type is not the run's:
				// the wall clock stands still with the virtual one.
				waited := time.Now()
				delivered := w.opts.Input.Await(now)
				started = started.Add(time.Since(waited))
				if delivered {
					continue
				}
			}
			if w.stopped.Load() {
				continue // ended as stopped at the top of the loop
			}
			w.endAll("end of run: " + EndWaitingForInput)
			return EndWaitingForInput, nil
		}
		if !ok {
			w.endAll("end of run: blocked with nothing left to happen")
			return "every program is blocked and nothing is left to happen", nil
		}
		if next > limit {
			w.clock.Advance(limit)
			w.settle()
			w.observe()
			w.endAll(fmt.Sprintf("time limit %v reached", w.opts.Limit))
			return fmt.Sprintf("time limit %v reached", w.opts.Limit), nil
		}
		if next > now {
			w.clock.Advance(next)
			if w.opts.Pause != nil {
				w.opts.Pause()
			}
		}
	}
}

// Close releases the world's stacks and restores GOMAXPROCS. Run calls it.
func (w *World) Close() {
	w.mu.Lock()
	if w.finished {
		w.mu.Unlock()
		return
	}
	w.finished = true
	w.mu.Unlock()
	w.closing.Store(true)
	for _, h := range w.hosts {
		h.close()
	}
	runtime.GOMAXPROCS(w.prevMax)
}

// Programs that spin: a program that uses up spinSlices time slices in a
// row without blocking is computing (or polling a descriptor that is
// always ready). While every program that can run is such, each slice one
// of them runs lets sliceTime of virtual time pass (up to the next timer
// or scripted input), as a real CPU's time passes: a loop polling for a
// frame sees it arrive, and meets the time limit as well as the step
// limit. Programs that block now and then (every course program that
// works) never spin, and their traces are as if computing took no time.
const (
	spinSlices = 50
	sliceTime  = 10 * time.Microsecond
)

func (w *World) anyRunnable() bool {
	for _, t := range w.threads {
		if t.runnable() {
			return true
		}
	}
	return false
}

// allSpinning reports whether every thread that can run has spun.
func (w *World) allSpinning() bool {
	for _, t := range w.threads {
		if t.runnable() && t.spins < spinSlices {
			return false
		}
	}
	return true
}

// spinTime gives input its turn and moves the clock by a slice's time,
// stopping at the next timer or scripted input (happened: the scheduler
// settles and fires it before the next slice); at the limit it ends the
// run (done).
func (w *World) spinTime(limit int64) (end string, done, happened bool) {
	now := w.clock.Nanos()
	target := now + int64(sliceTime)
	if next, ok := w.clock.Next(); ok && next <= target {
		target, happened = next, true
	}
	if a := w.opts.Actor; a != nil {
		acted, at, more := a.Act(now)
		if acted {
			return "", false, true
		}
		if more && at <= target {
			target, happened = max(at, now), true
		}
	}
	if in := w.opts.Input; in != nil {
		delivered, at, more := in.Deliver(now)
		if delivered {
			return "", false, true
		}
		if more && at <= target {
			target, happened = max(at, now), true
		}
	}
	if target > limit {
		w.clock.Advance(limit)
		w.settle()
		w.observe()
		end = fmt.Sprintf("time limit %v reached", w.opts.Limit)
		w.endAll(end)
		return end, true, true
	}
	w.clock.Advance(target)
	return "", false, happened
}

// seenBefore reports whether something the learner would see is due by
// limit: a timer of theirs (seenBy), or scripted input or an action at
// scripted. When not, a run that waits for input stands still at once
// (stillness.go).
func (w *World) seenBefore(limit, scripted int64, scriptedOK bool) bool {
	if scriptedOK && scripted <= limit {
		return true
	}
	return w.seenBy(limit)
}

// awaitingInput reports whether a thread is blocked waiting for input
// (Thread.ExpectInput).
func (w *World) awaitingInput() bool {
	for _, t := range w.threads {
		if t.state == stateBlocked && t.expectInput {
			return true
		}
	}
	return false
}

// allExited reports whether every thread of every process has finished.
func (w *World) allExited() bool { return len(w.threads) == 0 }

// nextRunnable picks the next thread to run, round robin from the one after
// the last that ran, so a busy program cannot starve the others. next is
// the position after the last that ran, not wrapped, so that a thread made
// meanwhile (appended) comes before those at the start of the list.
func (w *World) nextRunnable() *Thread {
	n := len(w.threads)
	start := w.next
	if start >= n {
		start = 0
	}
	for i := 0; i < n; i++ {
		j := (start + i) % n
		if t := w.threads[j]; t.runnable() {
			w.next = j + 1
			return t
		}
	}
	return nil
}

// dropThread takes a finished thread out of the round robin, keeping the
// order of the others and the position of the next to run.
func (w *World) dropThread(t *Thread) {
	for i, u := range w.threads {
		if u == t {
			w.threads = append(w.threads[:i], w.threads[i+1:]...)
			if i < w.next {
				w.next--
			}
			return
		}
	}
}

// endAll ends every process that has not exited, with reason.
func (w *World) endAll(reason string) {
	for _, p := range w.procs {
		if !p.done {
			p.kill(reason)
			w.settle()
			w.observe()
		}
	}
}
