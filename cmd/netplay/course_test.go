package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"netplay/app/project"
	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/scenario"
	"netplay/stack/trace"
)

var updateCourse = flag.Bool("update", false, "rewrite the course's golden files in testdata/course")

// courseRun is one run of the course's corpus: a chapter's netplay.json
// with its programs and the course's lib/ (docs/course.md).
type courseRun struct {
	name string // "ch03", "ch04"…
	sc   *scenario.Scenario
	res  *runner.Result // its run in netplay (courseRan)
	err  error
}

var (
	courseOnce sync.Once
	courseAll  []courseRun
)

// courseRan runs every chapter in netplay once for the tests of the
// process (TestCourse, TestCourseOnLinux), one after another.
func courseRan(t testing.TB) []courseRun {
	t.Helper()
	courseOnce.Do(func() {
		courseAll = courseRuns(t)
		for i := range courseAll {
			r := &courseAll[i]
			r.res, r.err = runner.Run(r.sc, runner.Options{Compile: c.CompileProgram})
		}
	})
	if courseAll == nil {
		t.Fatal("the course did not load")
	}
	return courseAll
}

// courseRuns packs every chapter of the course as a learner who takes in
// the chapter's folder and lib/ gets it (project.Pack, the rule of the
// page and of `netplay pack`): chapter 3 from the course's own
// netplay.json, every other chapter from chNN/netplay.json.
func courseRuns(t testing.TB) []courseRun {
	t.Helper()
	read := func(dir string) []scenario.File {
		var files []scenario.File
		err := filepath.WalkDir(filepath.Join(course, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name() == project.Skeleton {
				return err
			}
			b, err := os.ReadFile(path)
			rel, _ := filepath.Rel(course, path)
			files = append(files, scenario.File{Name: filepath.ToSlash(rel), Text: string(b)})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	lib := read("lib")
	skel := func(path string) scenario.File {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return scenario.File{Name: project.Skeleton, Text: string(b)}
	}
	sc, err := project.Pack(skel(filepath.Join(course, project.Skeleton)), append(read("ch03"), lib...))
	if err != nil {
		t.Fatalf("ch03: %v", err)
	}
	runs := []courseRun{{name: "ch03", sc: sc}}
	dirs, _ := filepath.Glob(filepath.Join(course, "ch*", project.Skeleton))
	sort.Strings(dirs)
	for _, p := range dirs {
		ch := filepath.Base(filepath.Dir(p))
		sc, err := project.Pack(skel(p), append(read(ch), lib...))
		if err != nil {
			t.Fatalf("%s: %v", ch, err)
		}
		runs = append(runs, courseRun{name: ch, sc: sc})
	}
	return runs
}

// courseGolden is what a golden file keeps of a run: per host, its exit
// statuses, what it printed and its system calls with their results.
func courseGolden(evs []trace.Event) string {
	type host struct {
		exits, out, errs, calls strings.Builder
	}
	hosts := map[string]*host{}
	var names []string
	get := func(name string) *host {
		h := hosts[name]
		if h == nil {
			h = &host{}
			hosts[name] = h
			names = append(names, name)
		}
		return h
	}
	for _, e := range evs {
		switch e.Kind {
		case trace.KindSyscall:
			h := get(e.Host)
			fmt.Fprintf(&h.calls, "%s(%d) = %d", e.Call, e.FD, e.Ret)
			if e.Errno != "" {
				fmt.Fprintf(&h.calls, " %s", e.Errno)
			}
			if e.Pid != 0 {
				fmt.Fprintf(&h.calls, " [pid %d tid %d]", e.Pid, e.Tid)
			}
			h.calls.WriteByte('\n')
		case trace.KindOutput:
			h := get(e.Host)
			if e.Stream == "stderr" {
				h.errs.WriteString(e.Text)
			} else {
				h.out.WriteString(e.Text)
			}
		case trace.KindExit:
			h := get(e.Host)
			fmt.Fprintf(&h.exits, " %d", e.Status)
			if e.Reason != "" {
				fmt.Fprintf(&h.exits, " (%s)", e.Reason)
			}
		}
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		h := hosts[n]
		fmt.Fprintf(&b, "== %s: exit%s\n-- stdout\n%s-- stderr\n%s-- calls\n%s", n, h.exits.String(), h.out.String(), h.errs.String(), h.calls.String())
	}
	return b.String()
}

// TestCourse runs every chapter of the course in netplay and compares each
// host's exit status, output and system calls with the chapter's golden
// file (testdata/course/chNN.golden; go test -update rewrites them): the
// runs are deterministic, and a change in what a course program does is
// seen. TestCourseOnLinux compares the same runs with the kernel.
func TestCourse(t *testing.T) {
	runs := courseRan(t)
	// Issue 12: a corpus of at least 40 programs (a program run by two
	// hosts counts once).
	seen := map[string]bool{}
	for _, r := range runs {
		for _, h := range r.sc.Hosts {
			seen[h.File] = true
		}
	}
	if len(seen) < 40 {
		t.Errorf("the course has %d chapter programs, want at least 40", len(seen))
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			if r.err != nil {
				t.Fatal(r.err)
			}
			res := r.res
			got := courseGolden(res.Events)
			path := filepath.Join("testdata", "course", r.name+".golden")
			if *updateCourse {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -run TestCourse -update writes it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (go test -run TestCourse -update if intended):\n%s", r.name, path, lineDiff(string(want), got))
			}
			for _, e := range res.Events {
				if e.Kind == trace.KindExit && e.Reason != "" {
					t.Errorf("%s: %s", e.Host, e.Reason)
				}
			}
		})
	}
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			lo := max(0, i-3)
			return fmt.Sprintf("line %d:\nwant: %q\ngot:  %q\n(context from line %d: %q)", i+1, a, b, lo+1, strings.Join(g[lo:min(len(g), i+3)], "\n"))
		}
	}
	return "(same lines)"
}
