package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// The engine is the part of this program that compiles and runs scenarios.
// In the browser it lives in a Web Worker (web/engine.js, engine_wasm.go):
// the page's thread only draws, so a compile or a long run never freezes
// it, and the worker compiles a scenario's programs while the page is
// still starting. Page and engine exchange the messages below as strings.

// wireEvent is trace.Event without its methods: encoding/json then writes
// every field, the frame bytes included (the trace's JSON Lines contract
// leaves those to pcap, and the page needs them for the inspector and the
// pcap download).
type wireEvent trace.Event

type wireResult struct {
	Events []wireEvent
	End    string
}

// encodeScenario is the run request's payload.
func encodeScenario(sc *scenario.Scenario) (string, error) {
	b, err := json.Marshal(sc)
	return string(b), err
}

// decodeScenario reads what encodeScenario wrote: the page holds a parsed
// scenario already, and the runner checks what it builds.
func decodeScenario(s string) (*scenario.Scenario, error) {
	var sc scenario.Scenario
	if err := json.Unmarshal([]byte(s), &sc); err != nil {
		return nil, fmt.Errorf("engine: bad scenario message: %w", err)
	}
	return &sc, nil
}

// encodeResult is the engine's answer to a run: the result as JSON and
// the error's text ("" when none).
func encodeResult(res *runner.Result, err error) (result, errText string) {
	if err != nil {
		return "", err.Error()
	}
	if res == nil {
		return "", "engine: no result"
	}
	w := wireResult{End: res.End}
	w.Events = make([]wireEvent, len(res.Events))
	for i, e := range res.Events {
		w.Events[i] = wireEvent(e)
	}
	b, jerr := json.Marshal(w)
	if jerr != nil {
		return "", "engine: " + jerr.Error()
	}
	return string(b), ""
}

// decodeResult turns the engine's answer back into what the runner
// returned. A compile error keeps its text: the page reads the
// file:line:col lines from it.
func decodeResult(result, errText string) (*runner.Result, error) {
	if errText != "" {
		return nil, errors.New(errText)
	}
	var w wireResult
	if err := json.Unmarshal([]byte(result), &w); err != nil {
		return nil, fmt.Errorf("engine: bad result message: %w", err)
	}
	res := &runner.Result{End: w.End}
	res.Events = make([]trace.Event, len(w.Events))
	for i, e := range w.Events {
		res.Events[i] = trace.Event(e)
	}
	return res, nil
}
