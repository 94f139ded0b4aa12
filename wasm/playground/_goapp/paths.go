// Overlay file added to go-app's pkg/app in the page's wasm build (see
// README.md): the helpers of pkg/app/http.go the browser code calls, copied
// unchanged from go-app (MIT, Copyright (c) 2016 Maxence Charriere).

package app

import "strings"

func isRemoteLocation(path string) bool {
	return strings.HasPrefix(path, "https://") ||
		strings.HasPrefix(path, "http://")
}

func isStaticResourcePath(path string) bool {
	return strings.HasPrefix(path, "/web/") ||
		strings.HasPrefix(path, "web/")
}
