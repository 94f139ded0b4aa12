//go:build wasm

package page

import (
	"errors"
	"fmt"
	"strings"
	"syscall/js"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/project"
)

func browserLang() string {
	return app.Window().Get("navigator").Get("language").String()
}

func loadSetting(key string) (val string) {
	defer func() {
		if recover() != nil {
			val = ""
		}
	}()
	v := app.Window().Get("localStorage").Call("getItem", key)
	if v.Type() != app.TypeString {
		return ""
	}
	return v.String()
}

// storeSetting keeps val under key in localStorage; false when the
// browser refused it (storage full or disabled).
func storeSetting(key, val string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	app.Window().Get("localStorage").Call("setItem", key, val)
	return true
}

func removeSetting(key string) {
	defer func() { _ = recover() }()
	app.Window().Get("localStorage").Call("removeItem", key)
}

// setDocumentLang makes <html lang> the page's language (fonts, screen
// readers, the browser's translation offer).
func setDocumentLang(lang string) {
	app.Window().Get("document").Get("documentElement").Set("lang", lang)
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

// copyText puts s on the clipboard and calls done (on its own goroutine)
// with whether the clipboard took it: the browser may refuse (no
// permission, the page not focused, no clipboard over plain http).
func copyText(s string, done func(ok bool)) {
	cb := js.Global().Get("navigator").Get("clipboard")
	if !cb.Truthy() || cb.Get("writeText").Type() != js.TypeFunction {
		go done(false)
		return
	}
	var ok, fail js.Func
	settle := func(took bool) {
		ok.Release()
		fail.Release()
		go done(took)
	}
	ok = js.FuncOf(func(js.Value, []js.Value) any { settle(true); return nil })
	fail = js.FuncOf(func(js.Value, []js.Value) any { settle(false); return nil })
	func() {
		defer func() {
			if recover() != nil {
				settle(false)
			}
		}()
		cb.Call("writeText", s).Call("then", ok, fail)
	}()
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

// readPicked reads the files chosen in a file input (a folder's keep
// their paths inside it) and hands them to done, off the browser's
// callback.
func readPicked(input app.Value, done func([]project.Upload, error)) {
	in := app.JSValue(input)
	list := in.Get("files")
	var files []js.Value
	for i := 0; i < list.Length(); i++ {
		files = append(files, list.Index(i))
	}
	in.Set("value", "") // picking the same files again is a change again
	go func() {
		var ups []project.Upload
		for _, f := range files {
			path := f.Get("webkitRelativePath").String()
			if path == "" || path == "<undefined>" {
				path = f.Get("name").String()
			}
			u, err := readFile(path, f)
			if err != nil {
				done(nil, err)
				return
			}
			ups = append(ups, u)
		}
		done(ups, nil)
	}()
}

// readDropped reads what was dropped: files, and folders walked through
// their entries (the entries must be taken during the drop event).
func readDropped(e app.Event, done func([]project.Upload, error)) {
	dt := app.JSValue(e.Get("dataTransfer"))
	if !dt.Truthy() {
		return
	}
	var entries []js.Value
	var files []js.Value
	items := dt.Get("items")
	for i := 0; items.Truthy() && i < items.Length(); i++ {
		it := items.Index(i)
		if it.Get("kind").String() != "file" {
			continue
		}
		if it.Get("webkitGetAsEntry").Truthy() {
			if en := it.Call("webkitGetAsEntry"); en.Truthy() {
				entries = append(entries, en)
				continue
			}
		}
		files = append(files, it.Call("getAsFile"))
	}
	go func() {
		var ups []project.Upload
		add := func(path string, f js.Value) error {
			if len(ups) >= project.MaxFiles {
				return fmt.Errorf("more than %d files: take in the course's folder for one chapter", project.MaxFiles)
			}
			u, err := readFile(path, f)
			if err == nil {
				ups = append(ups, u)
			}
			return err
		}
		var walk func(en js.Value) error
		walk = func(en js.Value) error {
			path := strings.TrimPrefix(en.Get("fullPath").String(), "/")
			if en.Get("isFile").Bool() {
				f, err := awaitCallback(func(ok, fail js.Value) { en.Call("file", ok, fail) })
				if err != nil {
					return fmt.Errorf("%s: %v", path, err)
				}
				return add(path, f)
			}
			reader := en.Call("createReader")
			for {
				batch, err := awaitCallback(func(ok, fail js.Value) { reader.Call("readEntries", ok, fail) })
				if err != nil {
					return fmt.Errorf("%s: %v", path, err)
				}
				if batch.Length() == 0 {
					return nil
				}
				for i := 0; i < batch.Length(); i++ {
					if err := walk(batch.Index(i)); err != nil {
						return err
					}
				}
			}
		}
		for _, en := range entries {
			if err := walk(en); err != nil {
				done(nil, err)
				return
			}
		}
		for _, f := range files {
			if err := add(f.Get("name").String(), f); err != nil {
				done(nil, err)
				return
			}
		}
		done(ups, nil)
	}()
}

// readFile reads a File's bytes, refusing one larger than a project may be
// before reading it.
func readFile(path string, f js.Value) (project.Upload, error) {
	if n := f.Get("size").Int(); n > project.MaxBytes {
		return project.Upload{}, fmt.Errorf("%s is %d bytes, more than a scenario may hold (%d)", path, n, project.MaxBytes)
	}
	buf, err := awaitCallback(func(ok, fail js.Value) { f.Call("arrayBuffer").Call("then", ok, fail) })
	if err != nil {
		return project.Upload{}, fmt.Errorf("%s: %v", path, err)
	}
	u8 := js.Global().Get("Uint8Array").New(buf)
	b := make([]byte, u8.Length())
	js.CopyBytesToGo(b, u8)
	return project.Upload{Path: path, Data: b}, nil
}

// awaitCallback calls start with a success and a failure callback and
// waits for one of them (a goroutine's wait, never a browser callback's).
func awaitCallback(start func(ok, fail js.Value)) (js.Value, error) {
	ch := make(chan js.Value, 1)
	errc := make(chan error, 1)
	ok := js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- argOrUndefined(a)
		return nil
	})
	fail := js.FuncOf(func(_ js.Value, a []js.Value) any {
		errc <- errors.New(argOrUndefined(a).Call("toString").String())
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	start(ok.Value, fail.Value)
	select {
	case v := <-ch:
		return v, nil
	case err := <-errc:
		return js.Undefined(), err
	}
}

func argOrUndefined(a []js.Value) js.Value {
	if len(a) == 0 {
		return js.Undefined()
	}
	return a[0]
}

// diagramPaneWidth is the width of the diagram's scrolling pane (0 when
// there is none).
func diagramPaneWidth() float64 {
	el := js.Global().Get("document").Call("querySelector", "#np-diagram")
	if !el.Truthy() {
		return 0
	}
	return el.Get("clientWidth").Float()
}
