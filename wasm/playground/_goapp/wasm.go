//go:build wasm
// +build wasm

// Overlay for go-app's pkg/app/wasm.go in the page's wasm build (see
// README.md): the same minus GenerateStaticWebsite (the server side is not in
// the browser; there it only panicked). go-app is MIT, Copyright (c) 2016
// Maxence Charriere.

package app

const (
	appJS        = ""
	appWorkerJS  = ""
	manifestJSON = ""
	appCSS       = ""
)

func wasmExecJS() string {
	return ""
}
