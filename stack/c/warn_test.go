package c

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"netplay/app/gallery"
	"netplay/stack/scenario"
)

// warnFlags are the gcc options whose warnings netplay gives (warn.go);
// gcc's other warnings are not compared.
var warnFlags = map[string]bool{
	"int-conversion": true, "implicit-function-declaration": true, "builtin-declaration-mismatch": true,
	"incompatible-pointer-types": true, "pointer-sign": true, "format=": true, "format-extra-args": true,
	"unused-variable": true, "unused-but-set-variable": true, "unused-function": true, "unused-label": true,
	"unused-const-variable=": true, "parentheses": true, "return-type": true,
}

var gccWarning = regexp.MustCompile(`^([^:]+):(\d+):(\d+): warning: (.*) \[-W([^\]]+)\]$`)

// gccWarnings compiles the programs (name to text) with one gcc -Wall -c
// in the C locale and returns, for each, its warnings of warnFlags as
// netplay prints them.
func gccWarnings(t *testing.T, gcc string, progs map[string]string) map[string][]string {
	t.Helper()
	dir := t.TempDir()
	var names []string
	for name, src := range progs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	cmd := exec.Command(gcc, append([]string{"-Wall", "-c", "-fdiagnostics-plain-output"}, names...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	ws := map[string][]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if m := gccWarning.FindStringSubmatch(l); m != nil && warnFlags[m[5]] {
			ws[m[1]] = append(ws[m[1]], l)
		}
	}
	return ws
}

// netplayWarnings builds src alone and returns its warnings.
func netplayWarnings(t *testing.T, name, src string) []string {
	t.Helper()
	p, err := Build(scenario.File{Name: name, Text: src}, nil, nil)
	if err != nil {
		t.Fatalf("netplay %s: %v", name, err)
	}
	var ws []string
	for _, w := range p.Warnings {
		ws = append(ws, w.String())
	}
	return ws
}

// warnKey is what must match: where and which option.
func warnKey(l string) string {
	m := gccWarning.FindStringSubmatch(l)
	if m == nil {
		return l
	}
	return fmt.Sprintf("%s:%s:%s [-W%s]", m[1], m[2], m[3], m[5])
}

func keys(ws []string) map[string]string {
	m := map[string]string{}
	for _, w := range ws {
		m[warnKey(w)] = w
	}
	return m
}

// TestWarningsMatchGcc compiles each program of testdata/warn with gcc
// -Wall and with netplay: netplay warns on the same lines and columns with
// the same options (for the options it gives, warnFlags), and with gcc's
// words.
func TestWarningsMatchGcc(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc")
	}
	files, _ := filepath.Glob("testdata/warn/*.c")
	if len(files) < 6 {
		t.Fatalf("only %d programs", len(files))
	}
	progs := map[string]string{}
	for _, file := range files {
		src, _ := os.ReadFile(file)
		progs[filepath.Base(file)] = string(src)
	}
	want := gccWarnings(t, gcc, progs)
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			if len(want[name]) == 0 {
				t.Fatal("gcc gives no warning: the program tests nothing")
			}
			compareWarnings(t, want[name], netplayWarnings(t, name, progs[name]), true)
		})
	}
}

// compareWarnings reports warnings netplay lacks (when all) and those gcc
// does not give (always: a false warning misleads).
func compareWarnings(t *testing.T, want, got []string, all bool) {
	t.Helper()
	w, g := keys(want), keys(got)
	var missing, extra, words []string
	for k, l := range w {
		gl, ok := g[k]
		switch {
		case !ok:
			missing = append(missing, l)
		case gl != l:
			words = append(words, "gcc:     "+l+"\nnetplay: "+gl)
		}
	}
	for k, l := range g {
		if _, ok := w[k]; !ok {
			extra = append(extra, l)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	sort.Strings(words)
	if all && len(missing) > 0 {
		t.Errorf("gcc warns, netplay does not:\n%s", strings.Join(missing, "\n"))
	}
	if len(extra) > 0 {
		t.Errorf("netplay warns, gcc does not:\n%s", strings.Join(extra, "\n"))
	}
	if all && len(words) > 0 {
		t.Errorf("in other words:\n%s", strings.Join(words, "\n"))
	}
}

// TestNoFalseWarnings: on the differential corpus and the lecture's
// gallery programs netplay gives no warning gcc -Wall does not give.
func TestNoFalseWarnings(t *testing.T) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("no gcc")
	}
	files, _ := filepath.Glob("testdata/pure/*.c")
	more, _ := filepath.Glob("testdata/net/*.c")
	progs := map[string]string{}
	for _, f := range append(files, more...) {
		src, _ := os.ReadFile(f)
		progs[filepath.Base(filepath.Dir(f))+"_"+filepath.Base(f)] = string(src)
	}
	for _, e := range gallery.List() {
		sc, err := gallery.Load(e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range sc.Hosts {
			if h.Program != "" {
				progs[e.ID+"_"+h.MainFile().Name] = h.Program
			}
		}
	}
	if len(progs) < 40 {
		t.Fatalf("only %d programs", len(progs))
	}
	want := gccWarnings(t, gcc, progs)
	for name, src := range progs {
		compareWarnings(t, want[name], netplayWarnings(t, name, src), false)
	}
}
