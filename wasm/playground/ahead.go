package main

import (
	"sync"

	"netplay/app/engineapi"
	"netplay/app/gallery"
	"netplay/stack/scenario"
)

// runsAhead is how the engine worker runs scenarios. A run is a function
// of its scenario alone (same scenario, same seed, same trace, byte for
// byte), so the engine runs a scenario the page has just opened before the
// learner presses Run (the default one as it starts, any other when the
// page prepares it), and a Run of that same scenario gets that trace: the
// diagram is there at once. A Run of anything else (an edited program, a
// fault added) runs fresh, and a run ahead that nobody waits for is
// stopped so it does not take the worker's time.
type runsAhead struct {
	run func(sc *scenario.Scenario, live engineapi.Live) (*engineapi.Result, error)
	// done, when set, is given each run that Prepare started and that
	// ended unstopped (the engine sends it to the page, which then needs
	// no answer from the engine for a Run of it).
	done func(key, result, output, errText string)

	mu   sync.Mutex
	last *runAhead // the scenario run last, or being run
}

// runAhead is one run, encoded as the engine answers it (engineapi).
type runAhead struct {
	key     string        // the scenario, as engineapi.EncodeScenario writes it
	stop    chan struct{} // closed to end the run early
	done    chan struct{} // closed when result and errText are set
	waiting int           // Runs waiting for it; guarded by runsAhead.mu
	stopped bool          // stop was closed; guarded by runsAhead.mu
	waits   bool          // it ended waiting for input (set with result)
	result  string
	output  string // engineapi.EncodeOutput
	errText string
}

func newRunsAhead(run func(*scenario.Scenario, engineapi.Live) (*engineapi.Result, error)) *runsAhead {
	return &runsAhead{run: run}
}

// Prepare starts running sc unless it is what ran (or runs) last.
func (a *runsAhead) Prepare(sc *scenario.Scenario) {
	key, err := engineapi.EncodeScenario(sc)
	if err != nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.last != nil && a.last.key == key {
		return
	}
	a.replaceLocked(key, sc, true, engineapi.Live{})
}

// warmUp runs the default scenario ahead (runsAhead) and returns when it
// is done: the page opens with it, and the code of the compiler and of
// the stacks has been through the browser's wasm tiers before the
// learner's first Run of anything else (a cold run took about four times
// as long as the next). When the page has prepared a scenario already
// (it does as it mounts, usually before the worker is told to warm up),
// that run is the warm-up: loading the default again cost the engine's
// thread a JSON decoding and a validation, and a page opened on another
// scenario had its run ahead replaced by the default's.
func warmUp(a *runsAhead) {
	defer func() { recover() }() // a failure shows when the page runs it
	if !a.prepared() {
		sc, err := gallery.Load(gallery.Default)
		if err != nil {
			return
		}
		a.Prepare(sc)
	}
	a.Wait()
}

// prepared reports whether a run was made ahead (or is being made).
func (a *runsAhead) prepared() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.last != nil
}

// Wait returns once what ran (or runs) last is done.
func (a *runsAhead) Wait() {
	a.mu.Lock()
	r := a.last
	a.mu.Unlock()
	if r != nil {
		<-r.done
	}
}

// Run answers a Run of sc: the trace of the run ahead when it is of sc
// (reused), otherwise that of a fresh run. Closing live.Stop ends the run
// (ahead or not); a stopped run's trace is not kept for the next Run. A
// Run with live input whose run ahead ended waiting for input runs afresh,
// with the input: it waits for the learner.
func (a *runsAhead) Run(sc *scenario.Scenario, live engineapi.Live) (result, output, errText string, reused bool) {
	key, err := engineapi.EncodeScenario(sc)
	if err != nil {
		result, errText = engineapi.EncodeResult(nil, err)
		return result, "", errText, false
	}
	a.mu.Lock()
	r := a.last
	reused = r != nil && r.key == key && !r.stopped
	if reused && live.Input != nil {
		// Whether it waits for input is known once it is done.
		a.mu.Unlock()
		select {
		case <-r.done:
		case <-live.Stop:
		}
		a.mu.Lock()
		reused = a.last == r && !r.stopped && isDone(r) && !r.waits
	}
	if !reused {
		r = a.replaceLocked(key, sc, false, live)
	}
	r.waiting++
	a.mu.Unlock()
	select {
	case <-r.done:
	case <-live.Stop:
		a.mu.Lock()
		a.stopLocked(r)
		if a.last == r {
			a.last = nil
		}
		a.mu.Unlock()
		<-r.done
	}
	a.mu.Lock()
	r.waiting--
	a.mu.Unlock()
	return r.result, r.output, r.errText, reused
}

func isDone(r *runAhead) bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// replaceLocked starts a run of sc as the last one; the previous run is
// stopped unless a Run waits for it. prepared says Prepare started it.
func (a *runsAhead) replaceLocked(key string, sc *scenario.Scenario, prepared bool, live engineapi.Live) *runAhead {
	if old := a.last; old != nil && old.waiting == 0 {
		a.stopLocked(old)
	}
	r := &runAhead{key: key, stop: make(chan struct{}), done: make(chan struct{})}
	a.last = r
	go func() {
		res, err := a.run(sc, engineapi.Live{Stop: r.stop, Input: live.Input, Waiting: live.Waiting})
		r.waits = res != nil && res.End == engineapi.EndWaitingForInput
		r.result, r.errText = engineapi.EncodeResult(res, err)
		if err == nil {
			r.output = engineapi.EncodeOutput(res)
		}
		close(r.done)
		a.mu.Lock()
		stopped := r.stopped
		a.mu.Unlock()
		if prepared && !stopped && a.done != nil {
			a.done(key, r.result, r.output, r.errText)
		}
	}()
	return r
}

func (a *runsAhead) stopLocked(r *runAhead) {
	if !r.stopped {
		r.stopped = true
		close(r.stop)
	}
}
