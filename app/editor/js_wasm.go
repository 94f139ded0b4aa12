//go:build wasm

package editor

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// cm returns window.netplayEditor (web/editor.js), or nil before the bundle
// has loaded.
func cm() app.Value {
	v := app.Window().Get("netplayEditor")
	if !v.Truthy() {
		return nil
	}
	return v
}

func mount(id, doc string) {
	if c := cm(); c != nil {
		c.Call("mount", id, doc)
	}
}

// remount: web/editor.js's mount replaces whatever view the element holds.
func remount(id, doc string) { mount(id, doc) }

func unmount(id string) {
	if c := cm(); c != nil {
		c.Call("unmount", id)
	}
}

func get(id string) (string, bool) {
	if c := cm(); c != nil {
		v := c.Call("get", id)
		if v.Type() == app.TypeString {
			return v.String(), true
		}
	}
	return "", false
}

func set(id, doc string) {
	if c := cm(); c != nil {
		c.Call("set", id, doc)
	}
}

func setMarks(id string, marks []Mark) {
	c := cm()
	if c == nil {
		return
	}
	arr := make([]any, len(marks))
	for i, m := range marks {
		arr[i] = map[string]any{"line": m.Line, "col": m.Col, "msg": m.Msg, "warning": m.Warning}
	}
	c.Call("setErrors", id, arr)
}

func highlight(id string, line int) {
	if c := cm(); c != nil {
		c.Call("highlight", id, line)
	}
}

var runFunc app.Func

func onRun(f func()) {
	c := cm()
	if c == nil {
		return
	}
	if runFunc != nil {
		runFunc.Release()
	}
	// Never block inside a JS callback: hand the work to a goroutine.
	runFunc = app.FuncOf(func(this app.Value, args []app.Value) any {
		go f()
		return nil
	})
	c.Call("onRun", runFunc)
}

func focus(id string) {
	if c := cm(); c != nil {
		c.Call("focus", id)
	}
}

var hoverFunc app.Func

func onHover(f func(id string, line int)) {
	c := cm()
	if c == nil {
		return
	}
	if hoverFunc != nil {
		hoverFunc.Release()
	}
	hoverFunc = app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) < 2 {
			return nil
		}
		id, line := args[0].String(), args[1].Int()
		go f(id, line)
		return nil
	})
	c.Call("onHover", hoverFunc)
}

var editFunc app.Func

func onEdit(f func(id string)) {
	c := cm()
	if c == nil {
		return
	}
	if editFunc != nil {
		editFunc.Release()
	}
	editFunc = app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) < 1 {
			return nil
		}
		id := args[0].String()
		go f(id)
		return nil
	})
	c.Call("onEdit", editFunc)
}

func gotoLine(id string, line, col int) {
	if c := cm(); c != nil {
		c.Call("goto", id, line, col)
	}
}
