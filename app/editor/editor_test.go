//go:build !wasm

package editor

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func TestEditorMount(t *testing.T) {
	e := &Editor{ID: "ed-test", Doc: "int main(void) { return 0; }\n", Label: "a.c"}
	d := app.NewClientTester(e)
	d.Consume()
	if html := app.HTMLString(e); !strings.Contains(html, `id="ed-test"`) || !strings.Contains(html, `aria-label="a.c"`) {
		t.Errorf("editor element = %s", html)
	}
	if doc, ok := Get("ed-test"); !ok || doc != e.Doc {
		t.Errorf("Get after mount = %q %v", doc, ok)
	}
	Set("ed-test", "x")
	if doc, _ := Get("ed-test"); doc != "x" {
		t.Errorf("Set did not change the text")
	}
	SetMarks("ed-test", []Mark{{Line: 3, Col: 5, Msg: "undefined: x"}})
	if m := Marks("ed-test"); len(m) != 1 || m[0].Line != 3 {
		t.Errorf("marks = %+v", m)
	}
	Highlight("ed-test", 7)
	if Current("ed-test") != 7 {
		t.Errorf("current line = %d", Current("ed-test"))
	}
	d.Close()
	if _, ok := Get("ed-test"); ok {
		t.Errorf("editor still there after dismount")
	}
	ran := make(chan bool, 1)
	OnRun(func() { ran <- true })
	<-PressRun()
	if !<-ran {
		t.Errorf("Ctrl+Enter handler not called")
	}
}
