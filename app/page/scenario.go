package page

import (
	"encoding/json"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/gallery"
	"netplay/stack/scenario"
)

// editing is the scenario being edited, and where it came from.
type editing struct {
	sc      *scenario.Scenario // the scenario being edited
	origin  *scenario.Scenario // what Reset goes back to
	gallery string             // its gallery id; "" when it came from elsewhere
	keys    []string           // a stable key per host (editor ids survive renames)
	nextID  int
}

// loadGallery opens a built-in scenario.
func (p *Playground) loadGallery(id string) {
	sc, err := gallery.Load(id)
	if err != nil {
		p.openBlank(err)
		return
	}
	p.setScenario(sc, id)
	p.draftKey = galleryKey(id)
}

// openBlank opens the empty playground and says why.
func (p *Playground) openBlank(err error) {
	p.setScenario(gallery.Blank(), "")
	p.draftKey = blankKey
	p.notice = p.t("badlink") + " " + err.Error()
}

// setScenario replaces the scenario; editors get new ids and mount afresh.
func (p *Playground) setScenario(sc *scenario.Scenario, galleryID string) {
	p.sc = sc
	p.origin = clone(sc)
	p.gallery = galleryID
	p.keys = p.keys[:0]
	for range sc.Hosts {
		p.keys = append(p.keys, p.newKey())
	}
	p.clearRun()
	p.fileKeys, p.openFile, p.renaming, p.adding = nil, "", "", false
	p.notice = ""
	p.restored, p.undo = false, nil
	if len(sc.Hosts) > 0 {
		p.tab = sc.Hosts[0].Name
	}
}

func (p *Playground) newKey() string {
	p.nextID++
	return "np-ed-" + strconv.Itoa(p.nextID)
}

// reset goes back to the scenario as it was opened. The edits it
// discards are kept until the next edit: Undo brings them back.
func (p *Playground) reset(ctx app.Context, e app.Event) {
	p.stopRun(ctx, e)
	p.syncDocs()
	var edits *scenario.Scenario
	if scenarioJSON(p.sc) != scenarioJSON(p.origin) {
		edits = clone(p.sc)
	}
	key := p.draftKey
	p.setScenario(clone(p.origin), p.gallery)
	p.draftKey = key
	p.dropDraft(key)
	if edits != nil {
		p.undo = edits
		p.notice = p.t("draft.reset")
	}
	p.prepareSoon(ctx)
}

// clone deep-copies a scenario.
func clone(sc *scenario.Scenario) *scenario.Scenario {
	// A round trip through JSON, not scenario.Parse: the copy is of the
	// page's own data (the runner validates what it runs), and Parse's
	// field-naming pass cost tens of milliseconds of every Run in wasm.
	b, err := json.Marshal(sc)
	if err != nil {
		c := *sc
		return &c
	}
	var c scenario.Scenario
	if err := json.Unmarshal(b, &c); err != nil {
		c := *sc
		return &c
	}
	return &c
}

// hostIndex finds the host named name.
func (p *Playground) hostIndex(name string) int {
	for i, h := range p.sc.Hosts {
		if h.Name == name {
			return i
		}
	}
	return -1
}

// hostByFile finds the host whose program file is name ("server.c").
func (p *Playground) hostByFile(name string) int {
	for i, h := range p.sc.Hosts {
		if h.FileName() == name {
			return i
		}
	}
	return -1
}

// hostNames lists the hosts in order.
func (p *Playground) hostNames() []string {
	names := make([]string, len(p.sc.Hosts))
	for i, h := range p.sc.Hosts {
		names[i] = h.Name
	}
	return names
}
