//go:build wasm

package page

import (
	"fmt"
	"math"
	"strings"
	"syscall/js"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

var paneMove, paneUp js.Func

// dragPane follows the pointer from a pointerdown on a splitter until it
// is released, sizing the panes as it moves.
func dragPane(kind string, pointer app.Value) {
	doc := js.Global().Get("document")
	page := doc.Call("getElementById", "np-page")
	if !page.Truthy() {
		return
	}
	endDrag()
	body := doc.Get("body")
	paneMove = js.FuncOf(func(this js.Value, args []js.Value) any {
		e := args[0]
		setPane(page, kind, e.Get("clientX").Float(), e.Get("clientY").Float())
		return nil
	})
	paneUp = js.FuncOf(func(this js.Value, args []js.Value) any {
		endDrag()
		body.Get("classList").Call("remove", "np-pane-drag", "np-pane-drag-"+kind)
		storePanes(page)
		return nil
	})
	w := js.Global()
	w.Call("addEventListener", "pointermove", paneMove)
	w.Call("addEventListener", "pointerup", paneUp)
	w.Call("addEventListener", "pointercancel", paneUp)
	body.Get("classList").Call("add", "np-pane-drag", "np-pane-drag-"+kind)
}

func endDrag() {
	if paneMove.IsUndefined() {
		return
	}
	w := js.Global()
	w.Call("removeEventListener", "pointermove", paneMove)
	w.Call("removeEventListener", "pointerup", paneUp)
	w.Call("removeEventListener", "pointercancel", paneUp)
	paneMove.Release()
	paneUp.Release()
	paneMove, paneUp = js.Func{}, js.Func{}
}

// setPane puts the splitter kind at the pointer (x, y), within limits
// that leave every pane usable.
func setPane(page js.Value, kind string, x, y float64) {
	r := page.Call("getBoundingClientRect")
	left, top, width, height := r.Get("left").Float(), r.Get("top").Float(), r.Get("width").Float(), r.Get("height").Float()
	style := page.Get("style")
	if kind == splitVert {
		w := clamp(x-left, 240, width-280)
		style.Call("setProperty", "--np-left", fmt.Sprintf("%.0fpx", w))
		return
	}
	h := clamp(top+height-y, 60, height-180)
	style.Call("setProperty", "--np-bottom", fmt.Sprintf("%.0fpx", h))
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(v, math.Max(lo, hi))) }

// nudgePane moves a splitter by d px (right or up for d > 0).
func nudgePane(kind string, d float64) {
	page := js.Global().Get("document").Call("getElementById", "np-page")
	if !page.Truthy() {
		return
	}
	if kind == splitVert {
		split := page.Call("querySelector", ".np-main > .np-split-v").Call("getBoundingClientRect")
		setPane(page, kind, split.Get("left").Float()+d, 0)
	} else {
		split := page.Call("querySelector", ".np-split-h").Call("getBoundingClientRect")
		setPane(page, kind, 0, split.Get("top").Float()-d)
	}
	storePanes(page)
}

func storePanes(page js.Value) {
	style := page.Get("style")
	storeSetting(panesKey, strings.TrimSpace(style.Call("getPropertyValue", "--np-left").String())+","+
		strings.TrimSpace(style.Call("getPropertyValue", "--np-bottom").String()))
}

// restorePanes sizes the panes as the learner left them.
func restorePanes() {
	left, bottom, ok := strings.Cut(loadSetting(panesKey), ",")
	page := js.Global().Get("document").Call("getElementById", "np-page")
	if !ok || !page.Truthy() {
		return
	}
	style := page.Get("style")
	for name, v := range map[string]string{"--np-left": left, "--np-bottom": bottom} {
		if strings.HasSuffix(v, "px") {
			style.Call("setProperty", name, v)
		}
	}
}

// resetPanes puts the splitters back where the page has them.
func resetPanes() {
	page := js.Global().Get("document").Call("getElementById", "np-page")
	if !page.Truthy() {
		return
	}
	page.Get("style").Call("removeProperty", "--np-left")
	page.Get("style").Call("removeProperty", "--np-bottom")
	removeSetting(panesKey)
}
