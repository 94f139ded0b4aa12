package project

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"netplay/stack/scenario"
)

// course reads stack/c/testdata/course (chapter 3 of a course, lib/ and
// netplay.json) as a browser hands over a dropped folder: paths under the
// folder's name.
func course(t *testing.T) []Upload {
	t.Helper()
	dir := filepath.Join("..", "..", "stack", "c", "testdata", "course")
	var ups []Upload
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		ups = append(ups, Upload{Path: "course/" + filepath.ToSlash(rel), Data: b})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ups
}

func zipOf(t *testing.T, ups []Upload) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, u := range ups {
		f, err := w.Create(u.Path)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(u.Data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A course's folder, dropped or zipped, becomes its scenario: the hosts
// of netplay.json with their programs, everything else shared, the
// folder's own name gone; hidden and binary files are left out with a note.
func TestCourse(t *testing.T) {
	ups := append(course(t), Upload{Path: "course/.DS_Store", Data: []byte{0, 1}}, Upload{Path: "course/ch03/a.out", Data: []byte{0x7f, 'E', 'L', 'F', 0}})
	for _, tc := range []struct {
		how string
		ups []Upload
	}{
		{"folder", ups},
		{"zip", []Upload{{Path: "course.zip", Data: zipOf(t, ups)}}},
	} {
		files, notes, err := Read(tc.ups)
		if err != nil {
			t.Fatalf("%s: %v", tc.how, err)
		}
		if want := "left out .DS_Store: a hidden file|left out ch03/a.out: not a text file"; strings.Join(notes, "|") != want {
			t.Errorf("%s: notes %q", tc.how, notes)
		}
		sc, err := Apply(&scenario.Scenario{Version: 1}, files)
		if err != nil {
			t.Fatalf("%s: %v", tc.how, err)
		}
		if len(sc.Hosts) != 2 || sc.Hosts[0].File != "ch03/echo_server.c" || !strings.Contains(sc.Hosts[0].Program, "main") {
			t.Fatalf("%s: hosts %+v", tc.how, sc.Hosts)
		}
		var lib int
		for _, f := range sc.Files {
			if f.Name == "ch03/echo_server.c" || f.Name == Skeleton {
				t.Errorf("%s: %s is also a shared file", tc.how, f.Name)
			}
			if strings.HasPrefix(f.Name, "lib/") {
				lib++
			}
		}
		if lib < 3 {
			t.Errorf("%s: %d lib/ files shared", tc.how, lib)
		}
	}
}

// Files without netplay.json join the scenario being edited: a host's
// program takes the file of its name, the rest are shared.
func TestApplyMerge(t *testing.T) {
	sc := &scenario.Scenario{Version: 1, Hosts: []scenario.Host{{Name: "client", Program: "old"}, {Name: "server", Program: "old"}},
		Files: []scenario.File{{Name: "lib/a.h", Text: "old"}}}
	files, _, err := Read([]Upload{{Path: "client.c", Data: []byte("new client")}, {Path: "lib/a.h", Data: []byte("new a")}, {Path: "lib/b.c", Data: []byte("b")}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Apply(sc, files)
	if err != nil {
		t.Fatal(err)
	}
	if got.Hosts[0].Program != "new client" || got.Hosts[1].Program != "old" {
		t.Errorf("programs %q %q", got.Hosts[0].Program, got.Hosts[1].Program)
	}
	if len(got.Files) != 2 || got.Files[0].Text != "new a" || got.Files[1].Name != "lib/b.c" {
		t.Errorf("files %+v", got.Files)
	}
	if sc.Files[0].Text != "old" || sc.Hosts[0].Program != "old" {
		t.Errorf("the scenario given was changed")
	}
}

// Bad archives and names get clear errors.
func TestBadUploads(t *testing.T) {
	many := make([]Upload, MaxFiles+1)
	for i := range many {
		many[i] = Upload{Path: "f" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + ".c", Data: []byte("x")}
	}
	big := bytes.Repeat([]byte("a"), MaxBytes+1)
	for _, tc := range []struct {
		name string
		ups  []Upload
		want string
	}{
		{"not a zip", []Upload{{Path: "c.zip", Data: []byte("PK not really")}}, "c.zip is not a zip archive that can be read"},
		{"dotdot in a zip", []Upload{{Path: "c.zip", Data: zipOf(t, []Upload{{Path: "../etc/passwd", Data: []byte("x")}})}}, `"../etc/passwd" leaves the folder it is in`},
		{"dotdot", []Upload{{Path: "a/../../b.c", Data: []byte("x")}}, "leaves the folder"},
		{"too many files", many, "more than 1000 files"},
		{"too many in a zip", []Upload{{Path: "c.zip", Data: zipOf(t, many)}}, "holds 1001 files"},
		{"too large", []Upload{{Path: "big.c", Data: big}}, "more than 1 MiB of files"},
		{"too large in a zip", []Upload{{Path: "c.zip", Data: zipOf(t, []Upload{{Path: "big.c", Data: big}})}}, "big.c unpacks to 1048577 bytes"},
		{"a bad name", []Upload{{Path: "my file.c", Data: []byte("x")}}, "a file name may use only"},
		{"nothing", []Upload{{Path: ".git/config", Data: []byte("x")}}, "no text files"},
	} {
		_, _, err := Read(tc.ups)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
