//go:build !wasm

package page

import (
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/editor"
	"netplay/app/engineapi"
	"netplay/app/project"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// courseUploads is stack/c/testdata/course as a dropped folder hands it over.
func courseUploads(t *testing.T) []project.Upload {
	t.Helper()
	dir := filepath.Join("..", "..", "stack", "c", "testdata", "course")
	var ups []project.Upload
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		b, err := os.ReadFile(path)
		ups = append(ups, project.Upload{Path: "course/" + filepath.ToSlash(rel), Data: b})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ups
}

// A course's folder taken in opens as its scenario; the tree lists its
// files; files are added, renamed, edited and deleted; the share link
// carries them and opens them again.
func TestPageFiles(t *testing.T) {
	resetFake()
	p, d := mountPage(t, Config{})
	p.takeIn(d.Context(), courseUploads(t), nil)
	html := settle(p, d)
	if len(p.sc.Hosts) != 2 || p.sc.Hosts[0].File != "ch03/echo_server.c" || len(p.sc.Files) < 3 {
		t.Fatalf("the course opened as %+v", p.sc)
	}
	for _, want := range []string{`id="np-files"`, "lib/", `data-file="lib/common.h"`, "ch03/echo_server.c", "files taken in"} {
		if !strings.Contains(html, want) {
			t.Errorf("the files panel lacks %q", want)
		}
	}

	// Files without netplay.json join the scenario open.
	p.loadGallery("handshake")
	p.takeIn(d.Context(), []project.Upload{{Path: "lib/common.h", Data: []byte("int extra(void);\n")}}, nil)
	if len(p.sc.Hosts) != 2 || len(p.sc.Files) != 1 || p.sc.Title == "" {
		t.Fatalf("the files did not join the handshake: %+v", p.sc.Files)
	}
	if err := p.checkNewName("", "lib/common.h"); err == nil {
		t.Errorf("a name in use was accepted")
	}
	*p.filesOf("") = append(*p.filesOf(""), scenario.File{Name: "lib/extra.c"})
	p.openFile = fileID("", "lib/extra.c")
	settle(p, d)
	editor.Set(p.fileKey(p.openFile), "int extra(void) { return 1; }\n")
	p.renameFile(p.openFile, "lib/more.c")
	html = settle(p, d)
	if p.openFile != fileID("", "lib/more.c") || !strings.Contains(html, `data-file="lib/more.c"`) {
		t.Fatalf("the renamed file is not open under its name: %q", p.openFile)
	}
	if got := fileText(p.sc.Files, "lib/more.c"); got != "int extra(void) { return 1; }\n" {
		t.Errorf("lib/more.c holds %q", got)
	}
	p.renameFile(p.openFile, "../x.c")
	if !strings.Contains(p.filesMsg, "cannot leave the project") {
		t.Errorf("a name leaving the project: %q", p.filesMsg)
	}

	p.shareLink(d.Context(), app.Event{})
	hash := Fake.Hash
	if !strings.HasPrefix(hash, scenario.FragmentPrefix) {
		t.Fatalf("no #s= link: %q", p.notice)
	}
	want := clone(p.sc)
	p.deleteFile(fileID("", "lib/more.c"))
	if fileText(p.sc.Files, "lib/more.c") != "" || len(p.sc.Files) != len(want.Files)-1 {
		t.Errorf("lib/more.c was not deleted")
	}
	p.openFragment(hash)
	if !reflect.DeepEqual(p.sc.Files, want.Files) || !reflect.DeepEqual(p.sc.Hosts, want.Hosts) {
		t.Errorf("the share link did not carry the files back")
	}
}

// A #s= link longer than a URL takes is not made: the page says so and
// offers the short link.
func TestPageLinkTooLong(t *testing.T) {
	resetFake()
	p, d := mountPage(t, Config{ShareAPI: "/api/share"})
	r := rand.New(rand.NewSource(1))
	var b strings.Builder
	for b.Len() < 20000 {
		b.WriteString(string(rune('a' + r.Intn(26))))
	}
	p.sc.Files = append(p.sc.Files, scenario.File{Name: "lib/noise.txt", Text: b.String()})
	p.shareLink(d.Context(), app.Event{})
	html := settle(p, d)
	if Fake.Hash != "" || !strings.Contains(html, "too long for a URL") || !strings.Contains(html, `id="np-short-instead"`) {
		t.Errorf("a long link: hash %d chars, notice %q", len(Fake.Hash), p.notice)
	}
}

func fileText(files []scenario.File, name string) string {
	for _, f := range files {
		if f.Name == name {
			return f.Text
		}
	}
	return ""
}

// A compile error in a shared file opens that file's tab with the error
// marked at its line.
func TestPageErrorInLibFile(t *testing.T) {
	resetFake()
	runner := func(sc *scenario.Scenario, live engineapi.Live) (*engineapi.Result, error) {
		return nil, errors.New("lib/util.c:3:5: use of undeclared identifier 'x'")
	}
	p, d := mountPage(t, Config{Runner: runner})
	p.sc.Files = append(p.sc.Files, scenario.File{Name: "lib/util.c", Text: "int f(void)\n{\n\treturn x;\n}\n"})
	p.run(d.Context())
	html := settle(p, d)
	if p.openFile != fileID("", "lib/util.c") || !strings.Contains(html, "np-file-tab") {
		t.Fatalf("lib/util.c's tab is not open: %q", p.openFile)
	}
	want := []editor.Mark{{Line: 3, Col: 5, Msg: "use of undeclared identifier 'x'"}}
	if got := editor.Marks(p.fileKey(p.openFile)); !reflect.DeepEqual(got, want) {
		t.Errorf("lib/util.c's marks %+v, want %+v", got, want)
	}
}

// A call made in a shared file, selected in the diagram, opens that
// file's tab with its line marked (the trace's file beside line).
func TestPageCallInLibFile(t *testing.T) {
	resetFake()
	events := fixtureTrace()
	events = append(events, trace.Event{T: 2e6, Host: "client", Kind: trace.KindSyscall, Call: "read", FD: 3, Args: "3, 4096", Ret: 6, Line: 14, File: "lib/readline.c"})
	f := &fakeRunner{events: events}
	p, d := mountPage(t, Config{Runner: f.run})
	p.sc.Files = append(p.sc.Files, scenario.File{Name: "lib/readline.c", Text: strings.Repeat("\n", 20)})
	p.run(d.Context())
	settle(p, d)
	p.selectEvent(d.Context(), len(p.events)-1)
	html := settle(p, d)
	if p.openFile != fileID("", "lib/readline.c") || !strings.Contains(html, "np-file-tab") {
		t.Fatalf("the call's file is not open: %q", p.openFile)
	}
	if got := editor.Current(p.fileKey(p.openFile)); got != 14 {
		t.Errorf("line %d marked in lib/readline.c, want 14", got)
	}
}

// A host's own file is added from its row of the tree and goes into the
// host's files, not the shared ones.
func TestPageAddOwnFile(t *testing.T) {
	resetFake()
	p, d := mountPage(t, Config{})
	i := p.hostIndex("client")
	p.adding, p.newOwner = true, p.keys[i]
	if err := p.checkNewName(p.newOwner, "util.c"); err != nil {
		t.Fatal(err)
	}
	*p.filesOf(p.newOwner) = append(*p.filesOf(p.newOwner), scenario.File{Name: "util.c"})
	html := settle(p, d)
	if len(p.sc.Hosts[i].Files) != 1 || len(p.sc.Files) != 0 || !strings.Contains(html, `data-file="util.c"`) {
		t.Errorf("client's files %+v, shared %+v", p.sc.Hosts[i].Files, p.sc.Files)
	}
	if err := p.checkNewName(p.keys[i], "client.c"); err == nil {
		t.Errorf("a host's own file may take its program's name")
	}
}
