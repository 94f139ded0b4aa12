// Overlay for go-app's pkg/app/http.go and pkg/app/resource.go in the page's
// wasm build (see README.md): the server side is not in the browser.

package app
