//go:build !wasm

package page

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// routeShortLinks routes every short-link path to the page (the server's
// prerender, and the components' tests).
func routeShortLinks(newPage func() app.Composer) {
	app.RouteWithRegexpFunc(`^/s/[0-9A-Za-z]+$`, newPage)
}
