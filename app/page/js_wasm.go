//go:build wasm

package page

import (
	"syscall/js"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func browserLang() string {
	return app.Window().Get("navigator").Get("language").String()
}

func loadSetting(key string) string {
	v := app.Window().Get("localStorage").Call("getItem", key)
	if v.Type() != app.TypeString {
		return ""
	}
	return v.String()
}

func storeSetting(key, val string) {
	app.Window().Get("localStorage").Call("setItem", key, val)
}

func locationHash() string {
	return app.Window().Get("location").Get("hash").String()
}

// setLocationHash changes the URL's fragment without a navigation or a new
// history entry.
func setLocationHash(h string) {
	loc := app.Window().Get("location")
	u := loc.Get("pathname").String() + loc.Get("search").String() + h
	app.Window().Get("history").Call("replaceState", nil, "", u)
}

func origin() string {
	return app.Window().Get("location").Get("origin").String()
}

// copyText puts s on the clipboard (best effort: the page also shows the
// link in a text field).
func copyText(s string) {
	cb := app.Window().Get("navigator").Get("clipboard")
	if cb.Truthy() {
		cb.Call("writeText", s)
	}
}

// download offers data as a file through a temporary object URL. It uses
// syscall/js directly: go-app's Value does not convert a value nested in
// an argument (the Blob's parts array).
func download(name, mime string, data []byte) {
	g := js.Global()
	u8 := g.Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(u8, data)
	blob := g.Get("Blob").New([]any{u8}, map[string]any{"type": mime})
	url := g.Get("URL").Call("createObjectURL", blob)
	doc := g.Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// Revoking the URL at once cancels the download in Chromium: the
	// browser reads the blob after click returns.
	go func() {
		time.Sleep(time.Minute)
		g.Get("URL").Call("revokeObjectURL", url)
	}()
}

var hashFunc app.Func

// onHashChange calls f (on its own goroutine) when the URL's fragment
// changes without a reload.
func onHashChange(f func()) {
	if hashFunc != nil {
		app.Window().Call("removeEventListener", "hashchange", hashFunc)
		hashFunc.Release()
	}
	hashFunc = app.FuncOf(func(this app.Value, args []app.Value) any {
		go f()
		return nil
	})
	app.Window().Call("addEventListener", "hashchange", hashFunc)
}

// scrollToNow scrolls the diagram so that its "now" line (stepping,
// scrubbing, a replay) is in view.
func scrollToNow() {
	el := js.Global().Get("document").Call("querySelector", "#np-diagram .np-now")
	if el.Truthy() {
		el.Call("scrollIntoView", map[string]any{"block": "nearest", "inline": "nearest"})
	}
}
