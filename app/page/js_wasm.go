//go:build wasm

package page

import (
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

// download offers data as a file through a temporary object URL.
func download(name, mime string, data []byte) {
	u8 := app.Window().Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(u8, data)
	blob := app.Window().Get("Blob").New([]any{u8}, map[string]any{"type": mime})
	url := app.Window().Get("URL").Call("createObjectURL", blob)
	a := app.Window().Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	app.Window().Get("document").Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	app.Window().Get("URL").Call("revokeObjectURL", url)
}
