package page

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// routeShortLinks routes the short-link path the page was opened on, by
// its exact path: the page never navigates to a short link itself, and
// the browser's go-app has no regexp routes (wasm/playground/_goapp:
// they kept Go's regexp compiler and its Unicode tables in the page's
// wasm, and compiling the route was a noticeable part of starting it).
func routeShortLinks(newPage func() app.Composer) {
	if path := app.Window().URL().Path; isShortLinkPath(path) {
		app.RouteFunc(path, newPage)
	}
}
