package main

import (
	"flag"
	"fmt"
	"io"

	"netplay/app/server"
)

func init() {
	commands["site"] = command{run: siteMain, usage: "site [--web DIR] [--out DIR] [--origin URL]"}
}

// siteMain: netplay site [--web web] [--out build/site] [--origin URL] writes the
// playground as a static website (what the Cloudflare Worker serves).
func siteMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("site", flag.ContinueOnError)
	fs.SetOutput(stderr)
	web := fs.String("web", "web", "directory holding app.wasm, editor.js and app.css (built by make)")
	out := fs.String("out", "build/site", "directory to write the site into (emptied first)")
	origin := fs.String("origin", "", "the site's public origin, e.g. https://netplay.example.org (the page's og:url; none when empty)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "netplay site: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if err := server.GenerateSite(*web, *out, *origin); err != nil {
		fmt.Fprintf(stderr, "netplay site: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "netplay: static site in %s\n", *out)
	return 0
}
