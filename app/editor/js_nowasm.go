//go:build !wasm

package editor

import "sync"

// The native twin: an in-memory fake of window.netplayEditor.
var fake = struct {
	sync.Mutex
	docs   map[string]string
	marks  map[string][]Mark
	lines  map[string]int
	run    func()
	hover  func(string, int)
	edit   func(string)
	cursor map[string][2]int
}{docs: map[string]string{}, marks: map[string][]Mark{}, lines: map[string]int{}, cursor: map[string][2]int{}}

func mount(id, doc string) {
	fake.Lock()
	defer fake.Unlock()
	if _, ok := fake.docs[id]; !ok {
		fake.docs[id] = doc
	}
}

// remount is mount into an element that held another editor: the text is
// replaced.
func remount(id, doc string) {
	fake.Lock()
	defer fake.Unlock()
	fake.docs[id] = doc
	delete(fake.marks, id)
	delete(fake.lines, id)
}

func unmount(id string) {
	fake.Lock()
	defer fake.Unlock()
	delete(fake.docs, id)
	delete(fake.marks, id)
	delete(fake.lines, id)
}

func get(id string) (string, bool) {
	fake.Lock()
	defer fake.Unlock()
	d, ok := fake.docs[id]
	return d, ok
}

// set is a change of the text, as in the browser: the edit handler hears
// of it.
func set(id, doc string) {
	fake.Lock()
	_, ok := fake.docs[id]
	if ok {
		fake.docs[id] = doc
	}
	edit := fake.edit
	fake.Unlock()
	if ok && edit != nil {
		go edit(id)
	}
}

func onEdit(f func(id string)) {
	fake.Lock()
	defer fake.Unlock()
	fake.edit = f
}

func setMarks(id string, m []Mark) {
	fake.Lock()
	defer fake.Unlock()
	fake.marks[id] = append([]Mark(nil), m...)
}

func highlight(id string, line int) {
	fake.Lock()
	defer fake.Unlock()
	fake.lines[id] = line
}

func onRun(f func()) {
	fake.Lock()
	defer fake.Unlock()
	fake.run = f
}

func focus(string) {}

// gotoLine notes the line as the cursor's (Cursor reads it).
func gotoLine(id string, line, col int) {
	fake.Lock()
	defer fake.Unlock()
	fake.cursor[id] = [2]int{line, col}
}

// Cursor returns where Goto put the cursor of the editor with id.
func Cursor(id string) (line, col int) {
	fake.Lock()
	defer fake.Unlock()
	c := fake.cursor[id]
	return c[0], c[1]
}

// Marks returns the marks last set on the editor with id (native tests).
func Marks(id string) []Mark {
	fake.Lock()
	defer fake.Unlock()
	return append([]Mark(nil), fake.marks[id]...)
}

// Current returns the highlighted line of the editor with id (native tests).
func Current(id string) int {
	fake.Lock()
	defer fake.Unlock()
	return fake.lines[id]
}

// PressRun acts as Ctrl+Enter in an editor (native tests). Like the browser
// side, it calls the handler on its own goroutine; done is closed after it.
func PressRun() (done <-chan struct{}) {
	fake.Lock()
	f := fake.run
	fake.Unlock()
	c := make(chan struct{})
	go func() {
		defer close(c)
		if f != nil {
			f()
		}
	}()
	return c
}

func onHover(f func(string, int)) {
	fake.Lock()
	defer fake.Unlock()
	fake.hover = f
}

// Hover acts as the pointer moving to line of the editor with id (native
// tests); it calls the handler on this goroutine.
func Hover(id string, line int) {
	fake.Lock()
	f := fake.hover
	fake.Unlock()
	if f != nil {
		f(id, line)
	}
}
