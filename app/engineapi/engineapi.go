// Package engineapi is the contract between the page and the engine that
// compiles and runs scenarios for it (in the browser a Web Worker:
// wasm/playground, web/engine.js, web/boot.js): the messages they post
// each other, how a scenario and a run's trace travel in them, and the
// page's end, Client (runs, stops, runs made ahead, restarts; the
// engine's end is wasm/playground's). Both sides import it. It imports neither gVisor nor the runner, so that the
// page's side need not link them.
//
// A message is a plain JavaScript object ({type: "run", id: 1, scenario:
// "…"}) sent with postMessage; the README ("Extensions to the contracts")
// lists them. The scenario and the result inside travel as JSON text:
// one string is one copy between the threads, where a tree of objects
// would be converted field by field.
package engineapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// Result is a run's trace as the page gets it.
type Result struct {
	// Warnings are the compiler's, one line each ("file:line:col:
	// warning: message [-Wflag]"), in host order.
	Warnings []string
	Events   []trace.Event
	// End says how the run ended ("all programs exited", "stopped" …).
	End string
	// Stdin is the input typed live (Live.Input) as the run delivered it,
	// per host, at its virtual times: added to the scenario
	// (scenario.Host.AddInput) it replays the run. Nil when none was.
	Stdin map[string][]scenario.Input
	// Output is the whole output of each host whose output View bounded
	// in Events (stdout and stderr as written, in order), for the
	// console's download. The engine sends it after the result, in a
	// message of its own (TypeOutput): a result Client gives has
	// OutputLater instead, until which Output is nil (Outputs gives
	// either).
	Output map[string]string
	// OutputLater, when set, is Output still on its way.
	OutputLater *OutputLater
}

// Outputs is r's whole output, arrived or on its way.
func (r *Result) Outputs() *OutputLater {
	if r.OutputLater != nil {
		return r.OutputLater
	}
	l := newOutputLater()
	l.set(r.Output, nil)
	return l
}

// OutputLater is a result's whole output that the engine sends after the
// result (TypeOutput): the result is shown at once, and a Stop or a run's
// end does not wait for megabytes of text to cross between the threads.
type OutputLater struct {
	done chan struct{} // closed once out or err is set
	out  map[string]string
	err  error
}

func newOutputLater() *OutputLater { return &OutputLater{done: make(chan struct{})} }

// set gives the output, or why it will never come; only the first call
// counts.
func (l *OutputLater) set(out map[string]string, err error) {
	select {
	case <-l.done:
	default:
		l.out, l.err = out, err
		close(l.done)
	}
}

// Wait returns the output once it has arrived, or why it never will (the
// engine stopped first): never a part of it.
func (l *OutputLater) Wait() (map[string]string, error) {
	<-l.done
	return l.out, l.err
}

// EndWaitingForInput is how a run ends that only input could continue
// and that had no live input to wait for (vnet.EndWaitingForInput): a
// run made ahead. A Run of the same scenario runs afresh, so that it waits
// for the learner instead.
const EndWaitingForInput = "waiting for input"

// Typed is what the learner typed at a host's console while a run goes
// on: text, or with EOF the end of input (Ctrl-D).
type Typed struct {
	Host string
	Text string
	EOF  bool
}

// Live is what connects a run with the page while it goes on.
type Live struct {
	// Stop, when closed, asks the run to stop.
	Stop <-chan struct{}
	// Input, when set, is what the learner types at the consoles; the run
	// then waits for input when only input could continue it (instead of
	// ending as EndWaitingForInput), and Result.Stdin records it.
	Input <-chan Typed
	// Waiting, when set, is given the trace so far each time the run
	// starts to wait for input (End empty). It must not block.
	Waiting func(*Result)
}

// Message types: the "type" field. The page sends run, stop, input and
// prepare; the engine says started, stopping when it reads a stop,
// answers with result and ahead (and waiting while a run waits for
// input), says warm once its warm-up is done, and crash
// comes from the scripts that host it when it died. (web/boot.js and
// web/engine.js also pass module, compile-error, start and resources
// between themselves: those never reach Go.)
const (
	TypeRun      = "run"      // page → engine: ID, Scenario
	TypeStop     = "stop"     // page → engine: ID (of a run)
	TypeInput    = "input"    // page → engine: ID (of a run), Host, Text, EOF
	TypeWaiting  = "waiting"  // engine → page: ID, Result (the trace so far), More
	TypePrepare  = "prepare"  // page → engine: Scenario, to be run ahead
	TypeStopping = "stopping" // engine → page: ID (of a run it was told to stop)
	TypeResult   = "result"   // engine → page: ID, Result, More, Error, Reused
	TypeAhead    = "ahead"    // engine → page: Key, Result, More, Error
	TypeOutput   = "output"   // engine → page: ID or Key (of a result with More), Output
	TypeStarted  = "started"  // engine → page: it listens (sent first)
	TypeWarm     = "warm"     // engine → page: its warm-up is done
	TypeCrash    = "crash"    // engine's host → page: Error
)

// Message is one message between the page and the engine. Which fields a
// type carries is listed with the types; the others are empty.
type Message struct {
	Type string
	// ID numbers a run request; the stop and the result of that run carry it.
	ID int
	// Scenario is the scenario to run or prepare (EncodeScenario).
	Scenario string
	// Key is the scenario a run made ahead was of (EncodeScenario).
	Key string
	// Result and Error are a run's answer (EncodeResult), Output its
	// hosts' whole output (EncodeOutput; in the browser a Uint8Array,
	// transferred: wasm/playground). More says an output message of the
	// same ID or Key follows the result.
	Result, Output, Error string
	More                  bool
	// Reused says the result is that of a run made ahead.
	Reused bool
	// Host, Text and EOF are what an input message carries (Typed).
	Host, Text string
	EOF        bool
}

// The message's fields as the JavaScript object names them.
const (
	fieldType     = "type"
	fieldID       = "id"
	fieldScenario = "scenario"
	fieldKey      = "key"
	fieldResult   = "result"
	fieldError    = "error"
	fieldOutput   = FieldOutput
	fieldReused   = "reused"
	fieldMore     = "more"
	fieldHost     = "host"
	fieldText     = "text"
	fieldEOF      = "eof"
)

// FieldOutput is the field of the output message that carries Output:
// the browser's glue puts bytes there (a transferred Uint8Array), which
// Object and Read leave to it.
const FieldOutput = "output"

// Object is m as the JavaScript object to post (syscall/js.ValueOf
// converts it): its type and its non-empty fields.
func (m Message) Object() map[string]any {
	o := map[string]any{fieldType: m.Type}
	if m.ID != 0 {
		o[fieldID] = m.ID
	}
	for _, f := range []struct{ name, v string }{
		{fieldScenario, m.Scenario}, {fieldKey, m.Key}, {fieldResult, m.Result}, {fieldError, m.Error},
		{fieldHost, m.Host}, {fieldText, m.Text}, {fieldOutput, m.Output},
	} {
		if f.v != "" {
			o[f.name] = f.v
		}
	}
	if m.Reused {
		o[fieldReused] = true
	}
	if m.More {
		o[fieldMore] = true
	}
	if m.EOF {
		o[fieldEOF] = true
	}
	return o
}

// Value is a message as the browser hands it over: syscall/js.Value has
// these methods. (The package does not import syscall/js, so that it
// builds and is tested natively.)
type Value[V any] interface {
	Get(field string) V
	Truthy() bool
	String() string
	Int() int
}

// Read reads a message posted as m.Object() made it. A field that is
// missing reads as empty.
func Read[V Value[V]](v V) Message {
	str := func(name string) string {
		if f := v.Get(name); f.Truthy() {
			return f.String()
		}
		return ""
	}
	m := Message{
		Type: str(fieldType), Scenario: str(fieldScenario), Key: str(fieldKey),
		Result: str(fieldResult), Error: str(fieldError), Output: str(fieldOutput), Reused: v.Get(fieldReused).Truthy(), More: v.Get(fieldMore).Truthy(),
		Host: str(fieldHost), Text: str(fieldText), EOF: v.Get(fieldEOF).Truthy(),
	}
	if f := v.Get(fieldID); f.Truthy() {
		m.ID = f.Int()
	}
	return m
}

// EncodeScenario is a scenario as run and prepare carry it: JSON v1. The
// engine also keys its runs made ahead by it.
func EncodeScenario(sc *scenario.Scenario) (string, error) {
	b, err := json.Marshal(sc)
	return string(b), err
}

// DecodeScenario reads what EncodeScenario wrote. It does not validate:
// the page holds a parsed scenario already, and the runner checks what it
// builds.
func DecodeScenario(s string) (*scenario.Scenario, error) {
	var sc scenario.Scenario
	if err := json.Unmarshal([]byte(s), &sc); err != nil {
		return nil, fmt.Errorf("engine: bad scenario message: %w", err)
	}
	return &sc, nil
}

// wireResult is Result as JSON; Output travels apart (EncodeOutput).
// Events is the result's []trace.Event, seen through wireEvents.
type wireResult struct {
	Warnings []string
	Events   *[]wireEvent
	End      string
	Stdin    map[string][]scenario.Input `json:",omitempty"`
}

// EncodeResult is a run's answer as result and ahead carry it: the result
// as JSON, and the error's text ("" when none).
func EncodeResult(res *Result, err error) (result, errText string) {
	if err != nil {
		return "", err.Error()
	}
	if res == nil {
		return "", "engine: no result"
	}
	w := wireResult{Warnings: res.Warnings, End: res.End, Stdin: res.Stdin, Events: wireEvents(&res.Events)}
	b, jerr := json.Marshal(w)
	if jerr != nil {
		return "", "engine: " + jerr.Error()
	}
	return string(b), ""
}

// EncodeOutput is a result's Output as the output message carries it: for
// each host, its name, a newline, the length of its text in bytes, a
// newline and the text (any bytes: no escaping to undo on the page's
// thread, where decoding megabytes of JSON would hold it up).
func EncodeOutput(res *Result) string {
	if res == nil || len(res.Output) == 0 {
		return ""
	}
	hosts := make([]string, 0, len(res.Output))
	for h := range res.Output {
		hosts = append(hosts, h)
	}
	slices.Sort(hosts)
	var b strings.Builder
	for _, h := range hosts {
		fmt.Fprintf(&b, "%s\n%d\n", h, len(res.Output[h]))
		b.WriteString(res.Output[h])
	}
	return b.String()
}

// DecodeOutput reads what EncodeOutput wrote.
func DecodeOutput(s string) (map[string]string, error) {
	if s == "" {
		return nil, nil
	}
	out := map[string]string{}
	for s != "" {
		host, rest, ok1 := strings.Cut(s, "\n")
		size, rest, ok2 := strings.Cut(rest, "\n")
		n, err := strconv.Atoi(size)
		if !ok1 || !ok2 || err != nil || n < 0 || n > len(rest) {
			return nil, errors.New("engine: bad output message")
		}
		out[host], s = rest[:n], rest[n:]
	}
	return out, nil
}

// DecodeResult turns a run's answer back into the result, or the error.
// A compile error keeps its text: the page reads its file:line:col lines.
func DecodeResult(result, errText string) (*Result, error) {
	if errText != "" {
		return nil, errors.New(errText)
	}
	res := &Result{}
	w := wireResult{Events: wireEvents(&res.Events)}
	if err := json.Unmarshal([]byte(result), &w); err != nil {
		return nil, fmt.Errorf("engine: bad result message: %w", err)
	}
	res.Warnings, res.End, res.Stdin = w.Warnings, w.End, w.Stdin
	return res, nil
}
