// Package editor is the go-app side of the C editor: a component whose
// element a CodeMirror 6 view (web/editor.js, window.netplayEditor) mounts
// into, and functions to read and mark its text. In the browser the calls
// go to CodeMirror (js_wasm.go); natively an in-memory fake keeps the text
// so components can be tested with app.NewClientTester (js_nowasm.go).
package editor

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Mark is a message attached to a source line: a compile error, or a
// warning (the build goes on).
type Mark struct {
	Line    int    `json:"line"` // 1-based
	Col     int    `json:"col"`  // 1-based; 0 for the whole line
	Msg     string `json:"msg"`
	Warning bool   `json:"warning,omitempty"`
}

// Editor shows one C source file. ID must be unique on the page and
// stable while the editor is shown: the CodeMirror view lives in the
// element with that id. Doc is the text the view starts with; later edits
// live in the view and are read back with Get.
type Editor struct {
	app.Compo

	ID    string
	Doc   string
	Label string // accessible name, e.g. "server.c"
	// Marks are shown once the view is made (an editor mounted after a
	// run, a file's tab); later marks go through SetMarks.
	Marks []Mark

	mounted string // the id the CodeMirror view was created under
}

// OnMount implements app.Mounter: the CodeMirror view is created once the
// element is in the page.
func (e *Editor) OnMount(ctx app.Context) {
	mount(e.ID, e.Doc)
	e.mounted = e.ID
	if len(e.Marks) > 0 {
		setMarks(e.ID, e.Marks)
	}
}

// OnUpdate implements app.Updater. go-app reuses the component when its
// parent renders another editor in its place (a new scenario, a removed
// host): the element has its new id by now, so the view it holds goes and
// a new one with the new text is made.
func (e *Editor) OnUpdate(ctx app.Context) {
	if e.mounted == e.ID {
		return
	}
	// The old view is not unmounted by id: a sibling may have taken that
	// id over already. remount replaces whatever view the element holds.
	remount(e.ID, e.Doc)
	e.mounted = e.ID
	if len(e.Marks) > 0 {
		setMarks(e.ID, e.Marks)
	}
}

// OnDismount implements app.Dismounter.
func (e *Editor) OnDismount() {
	unmount(e.mounted)
	e.mounted = ""
}

// Render implements app.Composer. The server's rendering of the page
// holds the text too: web/editor.js makes the views from it while
// app.wasm is still loading, and mount adopts them.
func (e *Editor) Render() app.UI {
	div := app.Div().ID(e.ID).Class("np-editor").Aria("label", e.Label)
	if app.IsServer {
		return div.Body(app.Pre().Class("np-editor-text").Text(e.Doc))
	}
	return div
}

// Get returns the current text of the editor with id (what the learner
// typed); ok is false when no editor with that id is mounted.
func Get(id string) (doc string, ok bool) { return get(id) }

// Set replaces the text of the editor with id.
func Set(id, doc string) { set(id, doc) }

// SetMarks shows marks (compile errors, warnings) in the editor with id, replacing
// the previous ones; nil clears them.
func SetMarks(id string, marks []Mark) { setMarks(id, marks) }

// Highlight marks line (1-based) as the current line; 0 clears it.
func Highlight(id string, line int) { highlight(id, line) }

// OnRun registers f to be called when the learner presses Ctrl/Cmd+Enter in
// any editor. f runs on its own goroutine, never inside the browser's
// callback.
func OnRun(f func()) { onRun(f) }

// OnEdit registers f to be called with an editor's id when the learner
// changed its text. Like OnRun, f runs on its own goroutine.
func OnEdit(f func(id string)) { onEdit(f) }

// Goto puts the cursor of the editor with id at line:col (1-based; col 0
// the line's start), scrolls it into view and gives the editor the focus.
func Goto(id string, line, col int) { gotoLine(id, line, col) }

// Focus puts the keyboard focus in the editor with id.
func Focus(id string) { focus(id) }

// OnHover registers f to be called with an editor's id and the line
// (1-based) the pointer moved to in it, 0 when it left. Like OnRun, f runs
// on its own goroutine.
func OnHover(f func(id string, line int)) { onHover(f) }
