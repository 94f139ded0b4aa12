package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"netplay/app/server"
	"netplay/app/share"
	"netplay/app/share/boltstore"
)

func init() {
	commands["serve"] = command{run: serveMain, usage: "serve [--addr 127.0.0.1:8080] [--data DIR] [--web DIR]"}
}

// serveMain: netplay serve [--addr 127.0.0.1:8080] [--data DIR] [--web DIR]
func serveMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	data := fs.String("data", "data", "directory of the share-link store (created if missing)")
	web := fs.String("web", "web", "directory holding app.wasm, editor.js and app.css (built by make)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: netplay serve [--addr 127.0.0.1:8080] [--data DIR] [--web DIR]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "netplay serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if err := serve(*addr, *data, *web, stdout); err != nil {
		fmt.Fprintf(stderr, "netplay serve: %v\n", err)
		return 1
	}
	return 0
}

func serve(addr, dataDir, webDir string, stdout io.Writer) error {
	store, err := boltstore.Open(dataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	srv, err := server.New(server.Options{WebDir: webDir, Share: share.NewHandler(store)})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "netplay: serving http://%s/ (share links in %s)\n", ln.Addr(), store.Path())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return server.Serve(ctx, ln, srv, server.DefaultLimits)
}
