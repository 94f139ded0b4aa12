// Command playground is the netplay page. In the browser (GOOS=js, built
// into web/app.wasm) it runs the go-app UI; run natively it serves the page
// like `netplay serve`, with an in-memory share store (for development).
package main

import (
	"fmt"
	"os"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/page"
	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/scenario"
)

func main() {
	page.Routes(page.Config{Runner: run, ShareAPI: "/api/share"})
	// In the browser this never returns; natively it returns at once.
	app.RunWhenOnBrowser()
	if err := serveNative(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "playground:", err)
		os.Exit(1)
	}
}

// run is the page's Runner: the scenario runner with the C front end. It
// runs on its own goroutine (the page hands it over with ctx.Async), never
// inside a browser callback. A panic in the runner becomes an error on
// the page instead of ending the program (and with it the page).
func run(sc *scenario.Scenario, stop <-chan struct{}) (res *runner.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("internal error (please report): %v", r)
		}
	}()
	return runner.Run(sc, runner.Options{Compile: c.CompileProgram, Stop: stop, Pause: breathe})
}
