//go:build !wasm

package page

import (
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/project"
)

// The native twin of the browser glue: an in-memory fake that tests read
// and set through Fake.
var Fake = struct {
	sync.Mutex
	Lang      string            // what navigator.language says
	Hash      string            // location.hash
	Stored    map[string]string // localStorage
	StoreFull bool              // localStorage refuses to store
	Copied    string            // last text put on the clipboard
	Downloads map[string][]byte // file name → bytes
	Origin    string
	DocLang   string // <html lang>
	// NoClipboard: the clipboard refuses what is written to it.
	NoClipboard bool
}{Stored: map[string]string{}, Downloads: map[string][]byte{}, Origin: "http://127.0.0.1:8080"}

func browserLang() string {
	Fake.Lock()
	defer Fake.Unlock()
	return Fake.Lang
}

func loadSetting(key string) string {
	Fake.Lock()
	defer Fake.Unlock()
	return Fake.Stored[key]
}

func storeSetting(key, val string) bool {
	Fake.Lock()
	defer Fake.Unlock()
	if Fake.StoreFull {
		return false
	}
	Fake.Stored[key] = val
	return true
}

func removeSetting(key string) {
	Fake.Lock()
	defer Fake.Unlock()
	delete(Fake.Stored, key)
}

func setDocumentLang(lang string) {
	Fake.Lock()
	defer Fake.Unlock()
	Fake.DocLang = lang
}

func locationHash() string {
	Fake.Lock()
	defer Fake.Unlock()
	return Fake.Hash
}

func setLocationHash(h string) {
	Fake.Lock()
	defer Fake.Unlock()
	Fake.Hash = h
}

// HashChange is what onHashChange registered (native tests call it).
var HashChange func()

func onHashChange(f func()) {
	Fake.Lock()
	defer Fake.Unlock()
	HashChange = f
}

func origin() string {
	Fake.Lock()
	defer Fake.Unlock()
	return Fake.Origin
}

func copyText(s string, done func(ok bool)) {
	Fake.Lock()
	took := !Fake.NoClipboard
	if took {
		Fake.Copied = s
	}
	Fake.Unlock()
	go done(took)
}

func download(name, mime string, data []byte) {
	Fake.Lock()
	defer Fake.Unlock()
	Fake.Downloads[name] = append([]byte(nil), data...)
}

func scrollToNow() {}

// readPicked and readDropped have no files natively: tests hand uploads to
// Playground.takeIn.
func readPicked(input app.Value, done func([]project.Upload, error)) {}

func readDropped(e app.Event, done func([]project.Upload, error)) {}

func diagramPaneWidth() float64 { return 0 }
