package gallery

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"netplay/stack/scenario"
)

func TestGalleryValid(t *testing.T) {
	names, err := files.ReadDir(".")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded scenarios: %v", err)
	}
	list := List()
	if len(list) != len(names) {
		t.Errorf("List has %d entries, %d files embedded: some do not parse", len(list), len(names))
	}
	for i, n := range names {
		sc, err := Load(n.Name()[:len(n.Name())-len(".json")])
		if err != nil {
			t.Error(err)
			continue
		}
		// Load skips Parse's first pass; the file must pass all of Parse,
		// and give the same scenario.
		b, _ := files.ReadFile(n.Name())
		if parsed, err := scenario.Parse(b); err != nil {
			t.Errorf("%s: %v", n.Name(), err)
		} else if !reflect.DeepEqual(parsed, sc) {
			t.Errorf("%s: Load and scenario.Parse disagree", n.Name())
		}
		if i < len(list) && !slices.ContainsFunc(list, func(e Entry) bool { return e.Title == sc.Title && e.ID+".json" == n.Name() }) {
			t.Errorf("List has no entry %s titled %q", n.Name(), sc.Title)
		}
	}
	if list[0].ID != Default || list[0].Title == "" {
		t.Errorf("first entry = %+v, want the default with a title", list[0])
	}
	if _, err := Load("../gallery"); err == nil {
		t.Errorf("Load of a path outside the gallery succeeded")
	}
	b, err := Blank().Canonical()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := scenario.Parse(b); err != nil {
		t.Errorf("Blank is not a valid scenario: %v", err)
	}
}

// TestProgramsCompileWithGCC: the programs are real C that the Linux
// comparison builds unchanged, so gcc must take them without a warning.
func TestProgramsCompileWithGCC(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc")
	}
	dir := t.TempDir()
	seen := map[string]bool{}
	for _, e := range List() {
		sc, _ := Load(e.ID)
		for _, h := range sc.Hosts {
			if h.Program == "" || seen[h.Program] {
				continue
			}
			seen[h.Program] = true
			src := filepath.Join(dir, e.ID+"-"+h.FileName())
			if err := os.WriteFile(src, []byte(h.Program), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(gcc, "-Wall", "-Wextra", "-Wno-unused-parameter", "-Werror", "-O1", "-D_FORTIFY_SOURCE=2", "-c", "-o", os.DevNull, src)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s %s: gcc: %v\n%s", e.ID, h.FileName(), err, out)
			}
		}
	}
}

// TestOrder: the menu follows the lecture, every listed id exists and every
// scenario is listed.
func TestOrder(t *testing.T) {
	list := List()
	if len(list) != len(Order) {
		t.Errorf("%d scenarios, %d in Order", len(list), len(Order))
	}
	for i, e := range list {
		if i < len(Order) && e.ID != Order[i] {
			t.Errorf("entry %d is %s, want %s", i, e.ID, Order[i])
		}
	}
}

func TestTopTitle(t *testing.T) {
	for _, tt := range []struct {
		in    string
		title string
		ok    bool
	}{
		{`{"version": 1, "title": "Three-way handshake", "hosts": []}`, "Three-way handshake", true},
		{`{"version":1,"title":"a \"quoted\" \u00e9 title"}`, `a "quoted" é title`, true},
		{`{"hosts": [{"title": "not this"}], "text": {"title": "nor this"}, "title": "this"}`, "this", true},
		{`{"note": "\"title\": \"fake\"", "title": "real"}`, "real", true},
		{`{"version": 1}`, "", true},
		{`{"title": 5}`, "", false},
		{`{"title" "x"}`, "", false},
		{`{"title": "never ends`, "", false},
		{``, "", false},
	} {
		title, ok := topTitle([]byte(tt.in))
		if title != tt.title || ok != tt.ok {
			t.Errorf("topTitle(%s) = %q, %v; want %q, %v", tt.in, title, ok, tt.title, tt.ok)
		}
	}
}

// TestGalleryTitlesZH: the page's menu in Chinese has every title in
// Chinese (add a scenario's to titlesZH with the scenario).
func TestGalleryTitlesZH(t *testing.T) {
	for _, e := range List() {
		if e.TitleZH == "" {
			t.Errorf("%s (%q) has no title in titlesZH", e.ID, e.Title)
		}
	}
	for id := range titlesZH {
		if _, err := Load(id); err != nil {
			t.Errorf("titlesZH[%q]: %v", id, err)
		}
	}
}
