package engineapi

import (
	"errors"
	"sync"
	"time"

	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// StopAck is how long the engine may take to say it is stopping a run
// (TypeStopping): it reads messages between the steps of a run, but not
// while it compiles. An engine that does not say so in time is replaced,
// and the run ends "stopped" with nothing run.
const StopAck = 300 * time.Millisecond

// StopGrace is how long a stopping run may take to hand back its trace
// before the engine is restarted.
const StopGrace = 2 * time.Second

// MaxFailedStarts bounds the engines in a row that died before they
// said anything (TypeStarted), so that an engine that cannot start at all
// does not loop; the page then runs scenarios itself (ClientOptions.Local).
// An engine that started and then crashed (a run it could not survive) is
// replaced every time, however often: a learner's program must never
// leave the page without an engine.
const MaxFailedStarts = 3

// ClientOptions connect a Client to its engine.
type ClientOptions struct {
	// Post sends a message to the engine. It must not block.
	Post func(Message)
	// Restart replaces the engine by a fresh one (a new worker).
	Restart func()
	// Local runs a scenario without the engine, and LocalPrepare gets one
	// ready: they take over once the engine could not be restarted.
	Local        func(sc *scenario.Scenario, live Live) (*Result, error)
	LocalPrepare func(sc *scenario.Scenario)
	// Reused, when set, is called for each Run answered with a run made
	// ahead (the browser tests count them).
	Reused func()
}

// Client is the page's end of the engine. Run and Prepare are the page's
// Runner and Config.Prepare: they post run, stop and prepare messages,
// and Receive takes the engine's answers. How messages travel is the
// caller's (in the browser, wasm/playground posts them to the engine's
// Web Worker).
type Client struct {
	o ClientOptions

	mu       sync.Mutex
	next     int                   // the last run's ID
	waiting  map[int]chan reply    // runs waiting for their result, by ID
	live     map[int]func(*Result) // their Live.Waiting, by ID
	asked    map[int]asked         // what they asked for, by ID
	stopping map[int]chan struct{} // closed when the engine says it stops that run
	// failed counts the engines in a row that died before they started;
	// spoke says the engine now running has said something.
	failed int
	spoke  bool
	broken bool // MaxFailedStarts engines failed to start: scenarios run locally

	// The last run the engine made ahead, decoded as it arrived: a Run of
	// that scenario shows it with no trip to the engine.
	aheadKey string
	aheadRes *Result
	aheadErr error
	// ready is the page's callback for the scenario it prepared last
	// (readyKey), called once the engine has run it ahead.
	readyKey string
	ready    func([]trace.Event)

	// The whole output of results that said More, until their output
	// message comes: by run ID, and of runs made ahead by their Key. One
	// run's output never goes to another's result.
	later      map[int]*OutputLater
	aheadLater map[string]*OutputLater
}

type reply struct {
	result, err string
	later       *OutputLater // set when the output follows
	decoded     *Result      // the result decoded already (a run made ahead)
}

// asked is what a run waiting for the engine asked for: its scenario
// (as EncodeScenario writes it) and whether it takes input.
type asked struct {
	scenario string
	input    bool
}

// takes reports whether a run that asked a may show res, the result of a
// run of a.scenario made ahead: a live run whose run made ahead ended
// waiting for input runs afresh, with the input.
func (a asked) takes(res *Result) bool {
	return !(a.input && res != nil && res.End == EndWaitingForInput)
}

// NewClient returns a Client of the engine o reaches.
func NewClient(o ClientOptions) *Client {
	return &Client{o: o, waiting: map[int]chan reply{}, live: map[int]func(*Result){}, asked: map[int]asked{}, stopping: map[int]chan struct{}{}, later: map[int]*OutputLater{}, aheadLater: map[string]*OutputLater{}}
}

// Receive takes a message from the engine. It does not block.
func (c *Client) Receive(m Message) {
	if m.Type != TypeCrash {
		c.mu.Lock()
		c.spoke, c.failed = true, 0
		c.mu.Unlock()
	}
	switch m.Type {
	case TypeStopping:
		c.mu.Lock()
		if ack := c.stopping[m.ID]; ack != nil {
			close(ack)
			delete(c.stopping, m.ID)
		}
		c.mu.Unlock()
	case TypeResult:
		c.mu.Lock()
		ch := c.waiting[m.ID]
		c.forgetLocked(m.ID)
		r := c.replyLocked(m, ch != nil)
		c.mu.Unlock()
		if ch != nil {
			if m.Reused {
				c.countReused()
			}
			ch <- r
		}
	case TypeWaiting:
		c.mu.Lock()
		waiting := c.live[m.ID]
		r := c.replyLocked(m, waiting != nil)
		c.mu.Unlock()
		if waiting != nil {
			if res, err := decodeReply(r); err == nil {
				waiting(res)
			}
		}
	case TypeOutput:
		out, err := DecodeOutput(m.Output)
		c.mu.Lock()
		var l *OutputLater
		if m.Key != "" {
			l = c.aheadLater[m.Key]
			delete(c.aheadLater, m.Key)
		} else {
			l = c.later[m.ID]
			delete(c.later, m.ID)
		}
		c.mu.Unlock()
		if l != nil {
			l.set(out, err)
		}
	case TypeAhead:
		r := reply{result: m.Result, err: m.Error}
		if m.More {
			r.later = newOutputLater()
			c.mu.Lock()
			c.failLaterLocked(c.aheadLater[m.Key], "the engine sent another result first")
			c.aheadLater[m.Key] = r.later
			c.mu.Unlock()
		}
		res, err := decodeReply(r)
		c.mu.Lock()
		c.aheadKey, c.aheadRes, c.aheadErr = m.Key, res, err
		ready := c.ready
		if m.Key != c.readyKey || err != nil {
			ready = nil
		}
		// A Run of this scenario sent before the run ahead was done (the
		// learner clicked Run as the page opened) gets it now, the same
		// decoded result the page lays out ahead: the engine's answer to
		// it would be this very trace, to be decoded and laid out again.
		var answered []chan reply
		for id, a := range c.asked {
			if a.scenario == m.Key && a.takes(res) {
				answered = append(answered, c.waiting[id])
				c.forgetLocked(id)
			}
		}
		c.mu.Unlock()
		for _, ch := range answered {
			c.countReused()
			ch <- reply{result: m.Result, err: m.Error, decoded: res}
		}
		if ready != nil {
			go ready(res.Events)
		}
	case TypeCrash:
		// The engine died (out of memory, a fault in the runtime itself):
		// every run waiting on it fails, and a fresh engine takes over.
		msg := "the engine stopped: " + m.Error
		c.mu.Lock()
		c.failLaterAllLocked(msg)
		for id, ch := range c.waiting {
			ch <- reply{err: msg}
			c.forgetLocked(id)
		}
		c.restartLocked()
		c.mu.Unlock()
	}
}

// Run runs sc on the engine, unless the engine has run it ahead, and
// waits for the trace; what the learner types (live.Input) goes to the
// run as input messages. Closing live.Stop asks the engine to stop the
// run; an engine that does not hand back the stopped run within
// StopGrace is restarted.
func (c *Client) Run(sc *scenario.Scenario, live Live) (*Result, error) {
	text, err := EncodeScenario(sc)
	if err != nil {
		return nil, err
	}
	ch := make(chan reply, 1)
	c.mu.Lock()
	a := asked{scenario: text, input: live.Input != nil}
	if c.aheadKey == text && a.takes(c.aheadRes) {
		res, err := c.aheadRes, c.aheadErr
		c.mu.Unlock()
		c.countReused()
		return res, err
	}
	if c.broken {
		c.mu.Unlock()
		if c.o.Local == nil {
			return nil, errors.New("the engine stopped and could not be restarted")
		}
		return c.o.Local(sc, live)
	}
	c.next++
	id := c.next
	c.waiting[id] = ch
	c.asked[id] = a
	if live.Waiting != nil {
		c.live[id] = live.Waiting
	}
	ack := make(chan struct{})
	c.stopping[id] = ack
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.stopping, id)
		c.mu.Unlock()
	}()
	c.o.Post(Message{Type: TypeRun, ID: id, Scenario: text})
	input := live.Input
	for stopped := false; !stopped; {
		select {
		case r := <-ch:
			return decodeReply(r)
		case t, ok := <-input:
			if !ok {
				input = nil
				continue
			}
			c.o.Post(Message{Type: TypeInput, ID: id, Host: t.Host, Text: t.Text, EOF: t.EOF})
		case <-live.Stop:
			stopped = true
		}
	}
	c.o.Post(Message{Type: TypeStop, ID: id})
	select {
	case r := <-ch:
		return decodeReply(r)
	case <-ack:
	case <-time.After(StopAck):
		// The engine is in a stretch that does not yield (compiling
		// the programs, before anything ran): a fresh engine is ready
		// sooner than that one would be.
		c.mu.Lock()
		c.forgetLocked(id)
		c.restartLocked()
		c.mu.Unlock()
		return &Result{End: "stopped"}, nil
	}
	select {
	case r := <-ch:
		return decodeReply(r)
	case <-time.After(StopGrace):
	}
	c.mu.Lock()
	c.forgetLocked(id)
	c.restartLocked()
	c.mu.Unlock()
	return nil, errors.New("stopped; the engine did not hand back the trace and was restarted")
}

// Prepare has the engine run sc ahead; ready gets its trace when it
// arrives (at once when the engine has run it already).
func (c *Client) Prepare(sc *scenario.Scenario, ready func([]trace.Event)) {
	text, err := EncodeScenario(sc)
	if err != nil {
		return
	}
	c.mu.Lock()
	if c.broken {
		c.mu.Unlock()
		if c.o.LocalPrepare != nil {
			c.o.LocalPrepare(sc)
		}
		return
	}
	if c.aheadKey == text { // the engine's warm-up ran it already
		res, err := c.aheadRes, c.aheadErr
		c.readyKey, c.ready = "", nil // an older prepare's callback is stale now
		c.mu.Unlock()
		if err == nil && ready != nil {
			go ready(res.Events)
		}
		return
	}
	c.readyKey, c.ready = text, ready
	c.mu.Unlock()
	c.o.Post(Message{Type: TypePrepare, Scenario: text})
}

// replyLocked is the reply to result or waiting message m; the output
// it says follows is waited for when wanted (a run's result nobody waits
// for any more is dropped). c.mu is held.
func (c *Client) replyLocked(m Message, wanted bool) reply {
	r := reply{result: m.Result, err: m.Error}
	if m.More && wanted {
		// The engine sends a run's output right after its result, so an
		// output still awaited under this ID is lost: it must not wait.
		c.failLaterLocked(c.later[m.ID], "the engine sent another result first")
		r.later = newOutputLater()
		c.later[m.ID] = r.later
	}
	return r
}

// failLaterLocked ends the wait for l's output (when l is set) with why
// it will not come. c.mu is held.
func (c *Client) failLaterLocked(l *OutputLater, why string) {
	if l != nil {
		l.set(nil, errors.New("the whole output did not arrive: "+why))
	}
}

// failLaterAllLocked ends the wait for every output on its way (the
// engine is gone). c.mu is held.
func (c *Client) failLaterAllLocked(why string) {
	for id, l := range c.later {
		c.failLaterLocked(l, why)
		delete(c.later, id)
	}
	for key, l := range c.aheadLater {
		c.failLaterLocked(l, why)
		delete(c.aheadLater, key)
	}
}

// restartLocked replaces the engine, or gives up on engines that cannot
// start; c.mu is held.
func (c *Client) restartLocked() {
	c.failLaterAllLocked("the engine was restarted")
	if !c.spoke {
		c.failed++
	}
	if c.failed >= MaxFailedStarts {
		c.broken = true
		return
	}
	c.spoke = false
	c.o.Restart()
}

// forgetLocked forgets run id: nobody waits for its answer any more. c.mu
// is held.
func (c *Client) forgetLocked(id int) {
	delete(c.waiting, id)
	delete(c.live, id)
	delete(c.asked, id)
}

// decodeReply decodes a result; its output comes later when it follows.
func decodeReply(r reply) (*Result, error) {
	if r.decoded != nil {
		return r.decoded, nil
	}
	res, err := DecodeResult(r.result, r.err)
	if err != nil {
		return nil, err
	}
	res.OutputLater = r.later
	return res, nil
}

func (c *Client) countReused() {
	if c.o.Reused != nil {
		c.o.Reused()
	}
}
