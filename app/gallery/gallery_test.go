package gallery

import (
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
	for _, n := range names {
		if _, err := Load(n.Name()[:len(n.Name())-len(".json")]); err != nil {
			t.Error(err)
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
