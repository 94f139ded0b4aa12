// Command netplay runs netplay scenarios headless and serves the
// playground. Each subcommand lives in its own file and adds itself to the
// commands table in an init function:
//
//	netplay run [--json] [--pcap FILE] SCENARIO.json   (run.go; supervise.go runs it in a child)
//	netplay serve [--addr 127.0.0.1:8080] [--data DIR]  (serve.go)
//	netplay site [--web DIR] [--out DIR]               (site.go)
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand. run gets the arguments after the subcommand's
// name and returns the exit status; usage is its synopsis without "netplay ".
type command struct {
	usage string
	run   func(args []string, stdout, stderr io.Writer) int
}

// commands maps a subcommand's name to it; each file adds its own.
var commands = map[string]command{}

func main() {
	args := os.Args[1:]
	switch {
	case len(args) > 0 && args[0] == "run" && os.Getenv(childEnv) == "":
		os.Exit(superviseRun(args[1:], os.Stdout, os.Stderr))
	case os.Getenv(childEnv) != "":
		code := dispatch(args, os.Stdout, os.Stderr)
		reportStatus(code)
		os.Exit(code)
	}
	os.Exit(dispatch(args, os.Stdout, os.Stderr))
}

// dispatch runs the subcommand args[0]; a missing or unknown one prints
// the usage and returns 2.
func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		return 2
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "netplay: unknown subcommand %q\n", args[0])
		usage(stderr)
		return 2
	}
	return c.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  netplay %s\n", commands[n].usage)
	}
}
