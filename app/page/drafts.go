package page

import (
	"encoding/json"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/stack/scenario"
)

// Drafts: what the learner changed is never lost. The scenario being
// edited is saved in the browser (localStorage) as it is edited, under the
// scenario it was opened as (a gallery scenario, a share link, the empty
// playground); a reload reopens the last one with its edits, switching the
// gallery keeps each scenario's edits to come back to, and Reset keeps
// them until the next edit (Undo).

// The localStorage keys: draftPrefix+key holds a scenario's edits (its
// JSON), draftsKey the keys in the order they were last saved (the oldest
// go past maxDrafts), currentKey the one being edited.
const (
	draftPrefix = "netplay.draft."
	draftsKey   = "netplay.drafts"
	currentKey  = "netplay.current"
	maxDrafts   = 20
	// saveDelay: edits are saved once typing pauses this long.
	saveDelay = 400 * time.Millisecond
)

// drafts is the edits' bookkeeping on the Playground.
type drafts struct {
	draftKey string             // what the scenario was opened as (see galleryKey, linkKey)
	saveGen  int                // the pending save (saveSoon)
	undo     *scenario.Scenario // the edits Reset put aside
	restored bool               // the scenario shown is a saved draft
}

func galleryKey(id string) string { return "g:" + id }

// linkKey names a scenario opened from a link by a hash of the link (a
// #s= link holds the whole scenario).
func linkKey(link string) string {
	h := fnv.New64a()
	h.Write([]byte(link))
	return "l:" + strconv.FormatUint(h.Sum64(), 36)
}

const blankKey = "blank"

// saveSoon saves the scenario once the edits pause (the editors and the
// topology call it on every change).
func (p *Playground) saveSoon(ctx app.Context) {
	p.saveGen++
	gen := p.saveGen
	p.rootCtx(ctx).After(saveDelay, func(ctx app.Context) {
		if gen == p.saveGen {
			p.saveDraft()
		}
	})
}

// saveDraft stores the scenario under its key when it differs from what
// was opened, and forgets the draft when it no longer does.
func (p *Playground) saveDraft() {
	if p.sc == nil || p.draftKey == "" {
		return
	}
	p.saveGen++ // a pending saveSoon has nothing more to do
	p.syncDocs()
	storeSetting(currentKey, p.draftKey)
	cur, orig := scenarioJSON(p.sc), scenarioJSON(p.origin)
	if cur == orig || cur == "" {
		p.dropDraft(p.draftKey)
		return
	}
	p.undo = nil // edited again: the edits Reset put aside are gone
	if !storeSetting(draftPrefix+p.draftKey, cur) {
		p.notice = p.t("draft.full")
		return
	}
	keys := []string{p.draftKey}
	for _, k := range draftKeys() {
		if k != p.draftKey {
			keys = append(keys, k)
		}
	}
	for _, k := range keys[min(len(keys), maxDrafts):] {
		removeSetting(draftPrefix + k)
	}
	storeSetting(draftsKey, strings.Join(keys[:min(len(keys), maxDrafts)], "\n"))
}

func (p *Playground) dropDraft(key string) {
	removeSetting(draftPrefix + key)
	var keep []string
	for _, k := range draftKeys() {
		if k != key {
			keep = append(keep, k)
		}
	}
	storeSetting(draftsKey, strings.Join(keep, "\n"))
}

func draftKeys() []string {
	s := loadSetting(draftsKey)
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// restoreDraft shows the saved edits of the scenario just opened, if any,
// and says so.
func (p *Playground) restoreDraft() {
	s := loadSetting(draftPrefix + p.draftKey)
	if s == "" {
		return
	}
	// Not scenario.Parse: a draft may be half-edited (a host renamed and
	// its link not yet); Run says what is wrong with it, as before the
	// reload.
	var sc *scenario.Scenario
	if err := json.Unmarshal([]byte(s), &sc); err != nil || sc == nil {
		p.dropDraft(p.draftKey) // damaged
		return
	}
	p.replaceScenario(sc)
	p.restored = true
	p.notice = p.t("draft.restored")
}

// replaceScenario shows sc in place of the scenario being edited, keeping
// where it came from (Reset still goes back to that).
func (p *Playground) replaceScenario(sc *scenario.Scenario) {
	origin, gallery, key := p.origin, p.gallery, p.draftKey
	p.setScenario(sc, gallery)
	p.origin, p.draftKey = origin, key
}

// opened notes the scenario just opened as the one being edited and
// brings back its saved edits.
func (p *Playground) opened() {
	storeSetting(currentKey, p.draftKey)
	p.restoreDraft()
}

// lastOpened is the gallery scenario the learner was editing when the page
// was closed, "" when none (or another kind).
func lastOpened() string {
	id, _ := strings.CutPrefix(loadSetting(currentKey), "g:")
	if id == loadSetting(currentKey) {
		return ""
	}
	return id
}

// undoReset brings back the edits Reset put aside.
func (p *Playground) undoReset(ctx app.Context, e app.Event) {
	if p.undo == nil {
		return
	}
	sc := p.undo
	p.replaceScenario(sc)
	p.undo = nil
	p.saveDraft()
	p.prepareSoon(ctx)
}

// scenarioJSON is sc as JSON, to compare and store ("" if it has none).
func scenarioJSON(sc *scenario.Scenario) string {
	if sc == nil {
		return ""
	}
	b, err := json.Marshal(sc)
	if err != nil {
		return ""
	}
	return string(b)
}
