package engineapi

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// engine stands for the engine a Client posts to: it keeps what was
// posted and counts restarts and local runs.
type engine struct {
	mu       sync.Mutex
	posted   []Message
	restarts int
	local    int
	reused   int
}

func (e *engine) client() *Client {
	return NewClient(ClientOptions{
		Post:    func(m Message) { e.mu.Lock(); e.posted = append(e.posted, m); e.mu.Unlock() },
		Restart: func() { e.mu.Lock(); e.restarts++; e.mu.Unlock() },
		Local: func(sc *scenario.Scenario, live Live) (*Result, error) {
			e.mu.Lock()
			e.local++
			e.mu.Unlock()
			return &Result{End: "ran locally"}, nil
		},
		LocalPrepare: func(*scenario.Scenario) { e.mu.Lock(); e.local++; e.mu.Unlock() },
		Reused:       func() { e.mu.Lock(); e.reused++; e.mu.Unlock() },
	})
}

// last returns the last message posted, and how many were.
func (e *engine) last() (Message, int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.posted) == 0 {
		return Message{}, 0
	}
	return e.posted[len(e.posted)-1], len(e.posted)
}

func (e *engine) counts() (restarts, local, reused int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.restarts, e.local, e.reused
}

// outcome is what a Run returned.
type outcome struct {
	res *Result
	err error
}

// runAsync starts c.Run(sc, stop) and returns where its outcome arrives.
func runAsync(c *Client, sc *scenario.Scenario, stop <-chan struct{}) <-chan outcome {
	done := make(chan outcome, 1)
	go func() {
		res, err := c.Run(sc, Live{Stop: stop})
		done <- outcome{res, err}
	}()
	return done
}

func titled(title string) *scenario.Scenario { return &scenario.Scenario{Version: 1, Title: title} }

func encoded(t *testing.T, sc *scenario.Scenario) string {
	t.Helper()
	s, err := EncodeScenario(sc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var handshake = &Result{End: "all programs exited", Events: []trace.Event{{Kind: trace.KindSegment, Host: "client", Flags: "S", Data: []byte{1, 2, 3}}}}

// A Run posts the scenario and returns the engine's answer to it.
func TestClientRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := &engine{}
		c := e.client()
		done := runAsync(c, titled("A"), nil)
		synctest.Wait()
		m, n := e.last()
		if n != 1 || m.Type != TypeRun || m.ID == 0 || m.Scenario != encoded(t, titled("A")) {
			t.Fatalf("posted %d messages, the last %+v; want the run of A", n, m)
		}
		result, _ := EncodeResult(handshake, nil)
		c.Receive(Message{Type: TypeResult, ID: m.ID + 1, Result: result}) // another run's
		c.Receive(Message{Type: TypeResult, ID: m.ID, Result: result})
		if got := <-done; got.err != nil || !reflect.DeepEqual(got.res, handshake) {
			t.Errorf("Run returned %+v, %v", got.res, got.err)
		}

		done = runAsync(c, titled("B"), nil)
		synctest.Wait()
		m, _ = e.last()
		c.Receive(Message{Type: TypeResult, ID: m.ID, Error: "server.c:3:5: undeclared identifier x"})
		if got := <-done; got.err == nil || got.err.Error() != "server.c:3:5: undeclared identifier x" {
			t.Errorf("a compile error came back as %v", got.err)
		}
	})
}

// A live run: what the learner types goes to the run as input messages,
// the engine's waiting messages reach Live.Waiting with the trace so far,
// and the recorded input comes back in the result. A run made ahead that
// ended waiting for input is not the answer to a live Run: that one waits.
func TestClientLive(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := &engine{}
		c := e.client()
		sc := titled("echo")
		ahead, _ := EncodeResult(&Result{End: EndWaitingForInput}, nil)
		c.Receive(Message{Type: TypeAhead, Key: encoded(t, sc), Result: ahead})

		typed := make(chan Typed)
		var waits []*Result
		done := make(chan outcome, 1)
		go func() {
			res, err := c.Run(sc, Live{Input: typed, Waiting: func(r *Result) { waits = append(waits, r) }})
			done <- outcome{res, err}
		}()
		synctest.Wait()
		run, n := e.last()
		if n != 1 || run.Type != TypeRun {
			t.Fatalf("posted %d messages, the last %+v; want a run (not the run ahead)", n, run)
		}
		sofar, _ := EncodeResult(&Result{Events: []trace.Event{{Kind: trace.KindOutput, Host: "client", Text: "> ", Stream: "stdout"}}}, nil)
		c.Receive(Message{Type: TypeWaiting, ID: run.ID + 1, Result: sofar}) // another run's
		c.Receive(Message{Type: TypeWaiting, ID: run.ID, Result: sofar})
		if len(waits) != 1 || len(waits[0].Events) != 1 || waits[0].Events[0].Text != "> " {
			t.Fatalf("Waiting got %+v", waits)
		}
		typed <- Typed{Host: "client", Text: "hi\n"}
		typed <- Typed{Host: "client", EOF: true}
		synctest.Wait()
		if m, n := e.last(); n != 3 || m != (Message{Type: TypeInput, ID: run.ID, Host: "client", EOF: true}) {
			t.Fatalf("the last of %d messages is %+v", n, m)
		}
		if m := e.posted[1]; m != (Message{Type: TypeInput, ID: run.ID, Host: "client", Text: "hi\n"}) {
			t.Errorf("the first input went as %+v", m)
		}
		want := &Result{End: "all programs exited", Events: []trace.Event{}, Stdin: map[string][]scenario.Input{"client": {{At: scenario.Duration(time.Second), Text: "hi\n"}, {At: scenario.Duration(time.Second), EOF: true}}}}
		result, _ := EncodeResult(want, nil)
		c.Receive(Message{Type: TypeResult, ID: run.ID, Result: result})
		if got := <-done; got.err != nil || !reflect.DeepEqual(got.res, want) {
			t.Errorf("Run returned %+v, %v", got.res, got.err)
		}
		c.Receive(Message{Type: TypeWaiting, ID: run.ID, Result: sofar}) // after its end: dropped
		if len(waits) != 1 {
			t.Errorf("a waiting message after the result reached Waiting")
		}
		if _, _, reused := e.counts(); reused != 0 {
			t.Errorf("%d runs reused", reused)
		}
		// Without live input the run made ahead is the answer.
		if res, err := c.Run(sc, Live{}); err != nil || res.End != EndWaitingForInput {
			t.Errorf("a Run without input returned %+v, %v", res, err)
		}
	})
}

// Stop asks the engine to stop the run and returns what it hands back;
// an engine that does not say it is stopping within StopAck (it is
// compiling) is replaced at once, the run ending "stopped" with nothing
// run; one that says so but hands back nothing within StopGrace is
// restarted.
func TestClientStop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := &engine{}
		c := e.client()
		c.Receive(Message{Type: TypeStarted})
		stop := make(chan struct{})
		done := runAsync(c, titled("loop"), stop)
		synctest.Wait()
		run, _ := e.last()
		close(stop)
		synctest.Wait()
		if m, n := e.last(); n != 2 || m != (Message{Type: TypeStop, ID: run.ID}) {
			t.Fatalf("after stop the last of %d messages is %+v", n, m)
		}
		result, _ := EncodeResult(&Result{End: "stopped"}, nil)
		c.Receive(Message{Type: TypeStopping, ID: run.ID})
		c.Receive(Message{Type: TypeResult, ID: run.ID, Result: result})
		if got := <-done; got.err != nil || got.res.End != "stopped" {
			t.Errorf("stopped run returned %+v, %v", got.res, got.err)
		}

		// Compiling: no word within StopAck.
		stop = make(chan struct{})
		done = runAsync(c, titled("compiling"), stop)
		synctest.Wait()
		close(stop)
		start := time.Now()
		got := <-done
		if got.err != nil || got.res.End != "stopped" || len(got.res.Events) != 0 || time.Since(start) != StopAck {
			t.Errorf("a run stopped while compiling returned %+v, %v after %v", got.res, got.err, time.Since(start))
		}
		if restarts, _, _ := e.counts(); restarts != 1 {
			t.Errorf("%d restarts, want 1", restarts)
		}

		c.Receive(Message{Type: TypeStarted})
		stop = make(chan struct{})
		done = runAsync(c, titled("stuck"), stop)
		synctest.Wait()
		run, _ = e.last()
		close(stop)
		synctest.Wait()
		start = time.Now()
		c.Receive(Message{Type: TypeStopping, ID: run.ID})
		got = <-done
		if got.err == nil || !strings.Contains(got.err.Error(), "restarted") || time.Since(start) != StopGrace {
			t.Errorf("a run the engine did not hand back returned %v after %v", got.err, time.Since(start))
		}
		if restarts, _, _ := e.counts(); restarts != 2 {
			t.Errorf("%d restarts, want 2", restarts)
		}
		c.Receive(Message{Type: TypeResult, ID: run.ID, Result: result}) // too late: dropped, no block
		c.Receive(Message{Type: TypeStopping, ID: run.ID})
	})
}

// A crash fails every run waiting on the engine and restarts it, every
// time an engine that had started crashes; only engines that die before
// they start, MaxFailedStarts in a row, make scenarios run locally.
func TestClientCrash(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := &engine{}
		c := e.client()
		c.Receive(Message{Type: TypeStarted})
		a, b := runAsync(c, titled("A"), nil), runAsync(c, titled("B"), nil)
		synctest.Wait()
		c.Receive(Message{Type: TypeCrash, Error: "out of memory"})
		for _, done := range []<-chan outcome{a, b} {
			if got := <-done; got.err == nil || got.err.Error() != "the engine stopped: out of memory" {
				t.Errorf("a run waiting on a crashed engine returned %v", got.err)
			}
		}
		// A program that crashes the engine, run again and again (and
		// made ahead): each crash is reported on its Run, and a fresh
		// engine takes over each time.
		const crashes = 20
		for i := 0; i < crashes; i++ {
			c.Receive(Message{Type: TypeStarted})
			done := runAsync(c, titled("deep"), nil)
			synctest.Wait()
			c.Receive(Message{Type: TypeCrash, Error: "Maximum call stack size exceeded"})
			if got := <-done; got.err == nil || !strings.Contains(got.err.Error(), "Maximum call stack") {
				t.Fatalf("crash %d: Run returned %v", i, got.err)
			}
		}
		if restarts, local, _ := e.counts(); restarts != crashes+1 || local != 0 {
			t.Fatalf("%d restarts, %d local runs; want %d, 0", restarts, local, crashes+1)
		}
		// The next engine never starts, nor the ones after it.
		for i := 0; i < MaxFailedStarts; i++ {
			c.Receive(Message{Type: TypeCrash, Error: "cannot instantiate"})
		}
		_, posted := e.last()
		got := <-runAsync(c, titled("C"), nil)
		c.Prepare(titled("D"), nil)
		if _, n := e.last(); n != posted || got.err != nil || got.res.End != "ran locally" {
			t.Errorf("with the engine given up: %d messages posted, Run returned %+v, %v", n-posted, got.res, got.err)
		}
		if restarts, local, _ := e.counts(); restarts != crashes+MaxFailedStarts || local != 2 {
			t.Errorf("%d restarts, %d local runs and prepares; want %d, 2", restarts, local, crashes+MaxFailedStarts)
		}
	})
}

// A prepared scenario's trace, run ahead by the engine, goes to the
// page's ready callback, and a Run of that scenario gets it with no trip
// to the engine.
func TestClientAhead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := &engine{}
		c := e.client()
		readies := make(chan string, 4)
		readyFor := func(name string) func([]trace.Event) {
			return func(ev []trace.Event) { readies <- name + ":" + string(ev[0].Flags) }
		}
		c.Prepare(titled("A"), readyFor("A"))
		if m, n := e.last(); n != 1 || m != (Message{Type: TypePrepare, Scenario: encoded(t, titled("A"))}) {
			t.Fatalf("prepare posted %+v (%d)", m, n)
		}
		result, _ := EncodeResult(handshake, nil)
		c.Receive(Message{Type: TypeAhead, Key: encoded(t, titled("other")), Result: result})
		c.Receive(Message{Type: TypeAhead, Key: encoded(t, titled("A")), Result: result})
		synctest.Wait()
		if got := drain(readies); got != "A:S" {
			t.Errorf("ready calls %q, want A's once", got)
		}
		got := <-runAsync(c, titled("A"), nil)
		if _, n := e.last(); n != 1 || got.err != nil || !reflect.DeepEqual(got.res, handshake) {
			t.Errorf("a Run of the scenario run ahead posted %d messages and returned %+v, %v", n-1, got.res, got.err)
		}
		if _, _, reused := e.counts(); reused != 1 {
			t.Errorf("%d Runs counted as reused", reused)
		}

		// A scenario the engine ran ahead already (its warm-up) is ready at
		// once, and an older prepare's callback no longer fires.
		c.Prepare(titled("B"), readyFor("B"))
		c.Prepare(titled("A"), readyFor("A again"))
		c.Receive(Message{Type: TypeAhead, Key: encoded(t, titled("B")), Result: result})
		synctest.Wait()
		if got := drain(readies); got != "A again:S" {
			t.Errorf("ready calls %q, want only A's, at once", got)
		}
		// A run ahead that failed readies nothing; a Run gets its error.
		c.Prepare(titled("E"), readyFor("E"))
		c.Receive(Message{Type: TypeAhead, Key: encoded(t, titled("E")), Error: "e.c:1:1: bad"})
		synctest.Wait()
		if got := drain(readies); got != "" {
			t.Errorf("a failed run ahead readied %q", got)
		}
		if got := <-runAsync(c, titled("E"), nil); got.err == nil || got.err.Error() != "e.c:1:1: bad" {
			t.Errorf("a Run of a failed run ahead returned %v", got.err)
		}
	})
}

// A Run sent while the engine still makes that scenario's run ahead (the
// learner clicked Run as the page opened) is answered by the run ahead as
// it arrives: the very result the page's ready callback gets, decoded
// once. The engine's own answer to that Run, coming next, changes
// nothing. A live Run whose run ahead ended waiting for input still waits
// for the engine's.
func TestClientAheadAnswersRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := &engine{}
		c := e.client()
		sc := titled("A")
		var readied []trace.Event
		c.Prepare(sc, func(ev []trace.Event) { readied = ev })
		done := runAsync(c, sc, nil)
		synctest.Wait()
		run, n := e.last()
		if n != 2 || run.Type != TypeRun {
			t.Fatalf("posted %d messages, the last %+v; want prepare and run", n, run)
		}
		result, _ := EncodeResult(handshake, nil)
		c.Receive(Message{Type: TypeAhead, Key: encoded(t, sc), Result: result})
		got := <-done
		synctest.Wait()
		if got.err != nil || !reflect.DeepEqual(got.res, handshake) {
			t.Fatalf("the Run returned %+v, %v", got.res, got.err)
		}
		if len(readied) != 1 || &readied[0] != &got.res.Events[0] {
			t.Errorf("the Run's events are not those the page laid out ahead")
		}
		c.Receive(Message{Type: TypeResult, ID: run.ID, Result: result, Reused: true})
		if _, _, reused := e.counts(); reused != 1 {
			t.Errorf("%d Runs counted as reused, want 1", reused)
		}

		// Live, and the run ahead waits for input: the engine's answer.
		echo := titled("echo")
		typed := make(chan Typed)
		live := make(chan outcome, 1)
		go func() {
			res, err := c.Run(echo, Live{Input: typed})
			live <- outcome{res, err}
		}()
		synctest.Wait()
		run, _ = e.last()
		waits, _ := EncodeResult(&Result{End: EndWaitingForInput}, nil)
		c.Receive(Message{Type: TypeAhead, Key: encoded(t, echo), Result: waits})
		synctest.Wait()
		select {
		case got := <-live:
			t.Fatalf("a live Run took a run ahead that waits for input: %+v", got.res)
		default:
		}
		c.Receive(Message{Type: TypeResult, ID: run.ID, Result: result})
		if got := <-live; got.err != nil || !reflect.DeepEqual(got.res, handshake) {
			t.Errorf("the live Run returned %+v, %v", got.res, got.err)
		}
	})
}

// drain returns what arrived on ch so far, joined.
func drain(ch chan string) string {
	var got []string
	for {
		select {
		case s := <-ch:
			got = append(got, s)
		default:
			return strings.Join(got, ",")
		}
	}
}

// The whole output follows its result: a Run returns at the result, and
// its output arrives later, only from an output message of the same run
// (or, for a run made ahead, of the same scenario); an engine gone before
// it sends the output leaves the wait with an error, never with a part.
func TestClientOutputLater(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := &engine{}
		c := e.client()
		result, _ := EncodeResult(handshake, nil)
		text := func(s string) string { return EncodeOutput(&Result{Output: map[string]string{"client": s}}) }

		done := runAsync(c, titled("A"), nil)
		synctest.Wait()
		m, _ := e.last()
		c.Receive(Message{Type: TypeResult, ID: m.ID, Result: result, More: true})
		got := <-done
		if got.err != nil || got.res.Output != nil || got.res.OutputLater == nil {
			t.Fatalf("Run returned %+v, %v; want the result with its output to come", got.res, got.err)
		}
		waited := make(chan map[string]string, 1)
		go func() { out, _ := got.res.Outputs().Wait(); waited <- out }()
		c.Receive(Message{Type: TypeOutput, ID: m.ID + 1, Output: text("another run's")})
		c.Receive(Message{Type: TypeOutput, Key: "another scenario", Output: text("a run ahead's")})
		synctest.Wait()
		select {
		case out := <-waited:
			t.Fatalf("the output of another run arrived: %q", out)
		default:
		}
		c.Receive(Message{Type: TypeOutput, ID: m.ID, Output: text("A's")})
		if out := <-waited; out["client"] != "A's" {
			t.Errorf("A's output: %q", out)
		}

		// A run made ahead: its output by its key, also for a Run it answers.
		sc := titled("B")
		c.Receive(Message{Type: TypeAhead, Key: encoded(t, sc), Result: result, More: true})
		c.Receive(Message{Type: TypeOutput, Key: encoded(t, sc), Output: text("B's")})
		res, err := c.Run(sc, Live{})
		if err != nil {
			t.Fatal(err)
		}
		if out, err := res.Outputs().Wait(); err != nil || out["client"] != "B's" {
			t.Errorf("B's output: %q, %v", out, err)
		}

		// The engine dies between a result and its output.
		done = runAsync(c, titled("C"), nil)
		synctest.Wait()
		m, _ = e.last()
		c.Receive(Message{Type: TypeResult, ID: m.ID, Result: result, More: true})
		got = <-done
		c.Receive(Message{Type: TypeCrash, Error: "out of memory"})
		if out, err := got.res.Outputs().Wait(); err == nil || out != nil {
			t.Errorf("after a crash the output is %q, %v; want an error", out, err)
		}

		// A result without output has nothing to wait for.
		done = runAsync(c, titled("D"), nil)
		synctest.Wait()
		m, _ = e.last()
		c.Receive(Message{Type: TypeResult, ID: m.ID, Result: result})
		if out, err := (<-done).res.Outputs().Wait(); out != nil || err != nil {
			t.Errorf("D's output: %q, %v", out, err)
		}
	})
}
