package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

func init() {
	commands["run"] = command{run: runCommand, usage: "run [--json] [--pcap FILE] [--abs] SCENARIO.json"}
}

// runCommand runs a scenario headless and prints its trace: exit 0 when
// it ran (whatever its programs returned), 2 with a one-line reason on a
// bad scenario or a compile error.
func runCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the trace as JSON Lines")
	pcap := fs.String("pcap", "", "also write every frame to `FILE` (pcap, virtual timestamps)")
	abs := fs.Bool("abs", false, "absolute TCP sequence numbers in the text trace")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "netplay run: want exactly one SCENARIO.json")
		return 2
	}
	path := fs.Arg(0)
	data, err := readLimited(path)
	if err != nil {
		fmt.Fprintf(stderr, "netplay run: %v\n", err)
		return 2
	}
	sc, err := scenario.Parse(data)
	if err != nil {
		fmt.Fprintf(stderr, "netplay run: %s: %v\n", path, err)
		return 2
	}
	res, err := runner.Run(sc, runner.Options{Compile: compileC})
	if err != nil {
		var ce *runner.CompileError
		if errors.As(err, &ce) {
			fmt.Fprintln(stderr, err)
		} else {
			fmt.Fprintf(stderr, "netplay run: %s: %v\n", path, err)
		}
		return 2
	}
	if *pcap != "" {
		if err := writePcap(*pcap, res.Events); err != nil {
			fmt.Fprintf(stderr, "netplay run: %v\n", err)
			return 1
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
		return 1
	}
	return 0
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
		return nil, fmt.Errorf("%s: larger than %d KiB", path, scenario.MaxSize>>10)
	}
	return data, nil
}

func writePcap(path string, events []trace.Event) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := trace.WritePcap(w, events); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
