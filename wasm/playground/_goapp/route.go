// Replaces go-app's pkg/app/route.go in the page's wasm build (see
// README.md): the same router without its regexp routes
// (RouteWithRegexp, RouteWithRegexpFunc), which the browser code never
// registers (app/page routes a short-link page by its exact path). Holding
// a *regexp.Regexp kept Go's regexp compiler and the Unicode tables it uses
// in the page's wasm (its UnmarshalText method compiles). Otherwise copied
// unchanged from go-app (MIT, Copyright (c) 2016 Maxence Charriere).

package app

import (
	"reflect"
	"sync"
)

var (
	routes = makeRouter()
)

// Route set the type of component to be mounted when a page is navigated to the
// given path.
func Route(path string, c Composer) {
	RouteFunc(path, newZeroComponentFunc(c))
}

// RouteFunc set a function that creates the component to be mounted when a page
// is navigated to the given path.
func RouteFunc(path string, newComponent func() Composer) {
	routes.route(path, newComponent)
}

func newZeroComponentFunc(c Composer) func() Composer {
	componentType := reflect.TypeOf(c)

	return func() Composer {
		return reflect.New(componentType.Elem()).Interface().(Composer)
	}
}

type router struct {
	mu     sync.RWMutex
	routes map[string]func() Composer
}

func makeRouter() router {
	return router{
		routes: make(map[string]func() Composer),
	}
}

func (r *router) route(path string, newComponent func() Composer) {
	r.mu.Lock()
	defer r.mu.Unlock()

	r.routes[path] = newComponent
}

func (r *router) createComponent(path string) (Composer, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()

	newComponent, isRouted := r.routes[path]
	if !isRouted {
		return nil, false
	}

	return newComponent(), true
}
