//go:build !wasm

package page

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/editor"
	"netplay/app/gallery"
)

// TestDrafts: edits are saved in the browser as they are made, come back
// on reload, survive a gallery switch, and Reset puts them aside to undo.
func TestDrafts(t *testing.T) {
	resetFake()
	orig, _ := gallery.Load(gallery.Default)
	const edited = "int main(void) { return 7; }\n"

	p, d := mountPage(t, Config{})
	settle(p, d)
	editor.Set(p.keys[1], edited)
	p.saveDraft()
	key := draftPrefix + galleryKey(gallery.Default)
	if s := loadSetting(key); !strings.Contains(s, "return 7;") {
		t.Fatalf("draft not saved: %q", s)
	}

	// A reload: the edits are back, and the page says so.
	p2, d2 := mountPage(t, Config{})
	html := settle(p2, d2)
	if got := p2.sc.Hosts[1].Program; got != edited {
		t.Fatalf("after reload the client is %q", got)
	}
	if !strings.Contains(html, T(LangEN, "draft.restored")) || !strings.Contains(html, `id="np-discard"`) {
		t.Errorf("the restored draft is not announced")
	}

	// Another gallery scenario, then back: the edits come back with it.
	p2.saveDraft()
	p2.loadGallery("refused")
	p2.opened()
	settle(p2, d2)
	if p2.restored || loadSetting(currentKey) != galleryKey("refused") {
		t.Errorf("refused: restored %v, current %q", p2.restored, loadSetting(currentKey))
	}
	p2.loadGallery(gallery.Default)
	p2.opened()
	settle(p2, d2)
	if got := p2.sc.Hosts[1].Program; got != edited {
		t.Fatalf("back from refused the client is %q", got)
	}

	// Reset: the original, the draft gone, Undo brings the edits back.
	p2.reset(d2.Context(), app.Event{})
	html = settle(p2, d2)
	if got := p2.sc.Hosts[1].Program; got != orig.Hosts[1].Program {
		t.Errorf("after Reset the client is not the original")
	}
	if loadSetting(key) != "" || !strings.Contains(html, `id="np-undo-reset"`) {
		t.Errorf("after Reset: draft %d bytes, undo button %v", len(loadSetting(key)), strings.Contains(html, `id="np-undo-reset"`))
	}
	p2.undoReset(d2.Context(), app.Event{})
	settle(p2, d2)
	if got := p2.sc.Hosts[1].Program; got != edited || !strings.Contains(loadSetting(key), "return 7;") {
		t.Errorf("Undo: client %q, draft saved %v", got, strings.Contains(loadSetting(key), "return 7;"))
	}

	// The scenario last opened is the one a reload opens.
	p2.saveDraft()
	p2.loadGallery("refused")
	p2.opened()
	p3, d3 := mountPage(t, Config{})
	settle(p3, d3)
	if p3.gallery != "refused" {
		t.Errorf("reload opened %q, want refused", p3.gallery)
	}

	// Storage full: the page says the edits are not saved.
	Fake.Lock()
	Fake.StoreFull = true
	Fake.Unlock()
	defer func() { Fake.Lock(); Fake.StoreFull = false; Fake.Unlock() }()
	editor.Set(p3.keys[0], "int main(void) { return 1; }\n")
	p3.saveDraft()
	if p3.notice != T(LangEN, "draft.full") {
		t.Errorf("storage full: notice %q", p3.notice)
	}
}

// TestLaneOrder: a lifeline moved beside its neighbour stays there for the
// scenario, over a reload, and the other scenarios keep their order.
func TestLaneOrder(t *testing.T) {
	resetFake()
	p, d := mountPage(t, Config{})
	settle(p, d)
	before := p.diagramOptions().Hosts
	if len(before) != 2 {
		t.Fatalf("hosts %q", before)
	}
	p.moveLane(nil, before[1], -1)
	if got := p.diagramOptions().Hosts; got[0] != before[1] || got[1] != before[0] {
		t.Fatalf("after moving %s left: %q", before[1], got)
	}
	p.moveLane(nil, before[1], -1) // already first: stays
	p2, d2 := mountPage(t, Config{})
	settle(p2, d2)
	if got := p2.diagramOptions().Hosts; got[0] != before[1] {
		t.Errorf("after a reload: %q", got)
	}
	if l := p2.layout(); l.Lanes[0].Host != before[1] {
		t.Errorf("the diagram's first lifeline is %s", l.Lanes[0].Host)
	}
	p2.loadGallery("backlog")
	if got := p2.diagramOptions().Hosts; got[0] != p2.sc.Hosts[0].Name {
		t.Errorf("another scenario takes the order: %q", got)
	}
}
