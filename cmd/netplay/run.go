package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

func init() {
	commands["run"] = command{run: runCommand, usage: "run [--json] [--pcap FILE] [--abs] SCENARIO.json"}
}

// runCommand runs a scenario headless and prints its trace: exit 0 when
// it ran (whatever its programs returned), 2 with a one-line reason on a
// bad scenario or a compile error, 70 when the engine failed (see
// supervise.go for the failures a Go program cannot catch itself).
func runCommand(args []string, stdout, stderr io.Writer) (code int) {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the trace as JSON Lines")
	pcap := fs.String("pcap", "", "also write every frame to `FILE` (pcap, virtual timestamps)")
	abs := fs.Bool("abs", false, "absolute TCP sequence numbers in the text trace")
	if err := fs.Parse(args); err != nil {
		return exitBadScenario
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "netplay run: want exactly one SCENARIO.json")
		return exitBadScenario
	}
	// The C machine keeps its Go stack far under this (stack/c/gostack.go);
	// past it Go dies of a fatal error no recover catches.
	debug.SetMaxStack(c.GoStackLimit)
	path := fs.Arg(0)
	data, err := readLimited(path)
	if err != nil {
		fmt.Fprintf(stderr, "netplay run: %v\n", err)
		return exitBadScenario
	}
	sc, err := scenario.Parse(data)
	if err != nil {
		fmt.Fprintf(stderr, "netplay run: %s: %v\n", path, err)
		return exitBadScenario
	}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "netplay run: %s: the engine failed: panic: %v (a bug in netplay, not in the scenario; exit status %d)\n", path, r, exitEngine)
			code = exitEngine
		}
	}()
	res, err := runner.Run(sc, runner.Options{Compile: compileC, TraceOnly: true})
	if err != nil {
		var ce *runner.CompileError
		switch {
		case errors.As(err, &ce):
			fmt.Fprintln(stderr, err)
		case engineFailure(err):
			fmt.Fprintf(stderr, "netplay run: %s: the engine failed: %v (a bug in netplay, not in the scenario; exit status %d)\n", path, err, exitEngine)
			return exitEngine
		default:
			fmt.Fprintf(stderr, "netplay run: %s: %v\n", path, err)
		}
		return exitBadScenario
	}
	// The compiler's warnings go to stderr, as gcc prints them.
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w)
	}
	if *pcap != "" {
		if err := writePcap(*pcap, res.Events); err != nil {
			fmt.Fprintf(stderr, "netplay run: %v\n", err)
			return exitOutput
		}
	}
	out := bufio.NewWriter(stdout)
	if *asJSON {
		err = trace.WriteJSON(out, res.Events)
	} else {
		err = trace.WriteText(out, res.Events, trace.TextOptions{Absolute: *abs})
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "netplay run: %v\n", err)
		return exitOutput
	}
	return exitRan
}

// engineFailure reports whether a run's error is the engine's own fault:
// every other error of runner.Run is about the scenario (validation,
// compile errors, a world it describes that cannot be built).
func engineFailure(err error) bool {
	return errors.Is(err, runner.ErrNoCompiler) || errors.Is(err, vnet.ErrAlreadyRun)
}

// readLimited reads a scenario file, refusing one larger than the scenario
// size limit before reading it all.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, scenario.MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > scenario.MaxSize {
		return nil, fmt.Errorf("%s: larger than %s", path, scenario.MaxSizeText)
	}
	return data, nil
}

func writePcap(path string, events []trace.Event) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	write := trace.WritePcap
	if strings.HasSuffix(path, ".pcapng") {
		// pcapng marks the dropped frames (a comment on each).
		write = trace.WritePcapng
	}
	if err := write(w, events); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
