//go:build !wasm

package main

import (
	"flag"
	"fmt"
	"net/http"

	"netplay/app/page"
	"netplay/app/server"
	"netplay/app/share"
)

// startEngine: natively there is no engine worker.
func startEngine() bool { return false }

// useEngine: natively the page's runner is never called (the server only
// prerenders the page).
func useEngine(*page.Config) {}

// breathe: natively the runner has its own thread; nothing to give back.
func breathe() {}

// serveNative serves the page from the web directory with an in-memory
// share store: go run ./wasm/playground [--addr 127.0.0.1:8080] [--web web].
func serveNative(args []string) error {
	fs := flag.NewFlagSet("playground", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	web := fs.String("web", "web", "directory with app.wasm, editor.js and app.css")
	if err := fs.Parse(args); err != nil {
		return err
	}
	srv, err := server.New(server.Options{WebDir: *web, Share: share.NewHandler(share.NewMemStore())})
	if err != nil {
		return err
	}
	fmt.Printf("playground: serving http://%s/ (share links in memory)\n", *addr)
	return http.ListenAndServe(*addr, srv)
}
