package c

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"netplay/stack/scenario"
)

// courseBuild is chapter 3's server of testdata/course with the course's
// lib/ (about 2,000 lines in 25 files) as the shared files.
func courseBuild(t testing.TB) (main scenario.File, shared []scenario.File, lines int) {
	const dir = "testdata/course"
	b, err := os.ReadFile(filepath.Join(dir, "ch03/echo_server.c"))
	if err != nil {
		t.Fatal(err)
	}
	main = scenario.File{Name: "ch03/echo_server.c", Text: string(b)}
	libs, _ := filepath.Glob(filepath.Join(dir, "lib", "*"))
	slices.Sort(libs)
	for _, p := range libs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		shared = append(shared, scenario.File{Name: "lib/" + filepath.Base(p), Text: string(b)})
		lines += strings.Count(string(b), "\n")
	}
	return main, shared, lines
}

// TestBenchCourseTime times the course's build in this process, natively
// or under wasm: the first build (the front end's source cache is empty)
// and the mean of the next ones ("COURSE_NS first mean").
func TestBenchCourseTime(t *testing.T) {
	if os.Getenv("NETPLAY_BENCH") == "" {
		t.Skip("set NETPLAY_BENCH=1")
	}
	main, shared, _ := courseBuild(t)
	start := time.Now()
	if _, err := Build(main, nil, shared); err != nil {
		t.Fatal(err)
	}
	first := time.Since(start)
	const rounds = 5
	start = time.Now()
	for i := 0; i < rounds; i++ {
		Build(main, nil, shared)
	}
	fmt.Printf("COURSE_NS %d %d\n", first.Nanoseconds(), time.Since(start).Nanoseconds()/rounds)
}

// TestBenchCourse prints compile_course_ms (issue 12: the front end and
// the compile of a chapter program with a 2,000-line lib/, native; goal
// ≤ 100 ms) and compile_course_wasm_ms beside it. Each port is timed in
// fresh processes, in turns (the machine drifts), three rounds; the
// figure is the median of the rounds' means after the first build, and
// the first build is given beside it.
func TestBenchCourse(t *testing.T) {
	if os.Getenv("NETPLAY_BENCH") == "" {
		t.Skip("set NETPLAY_BENCH=1")
	}
	if runtime.GOOS == "js" {
		t.Skip("native only")
	}
	main, shared, lines := courseBuild(t)
	p, err := Build(main, nil, shared)
	if err != nil {
		t.Fatal(err)
	}
	wasmBin := wasmTestBinary(t)
	goroot, _ := exec.Command("go", "env", "GOROOT").Output()
	wasmExec := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec_node.js")
	timeIn := func(cmd *exec.Cmd) (first, mean time.Duration) {
		cmd.Env = append(os.Environ(), "NETPLAY_BENCH=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", cmd.Args, err, out)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if v, ok := strings.CutPrefix(l, "COURSE_NS "); ok {
				var f, m int64
				fmt.Sscan(v, &f, &m)
				return time.Duration(f), time.Duration(m)
			}
		}
		t.Fatalf("no COURSE_NS from %v:\n%s", cmd.Args, out)
		return 0, 0
	}
	var nf, nm, wf, wm []time.Duration
	for r := 0; r < 3; r++ {
		f, m := timeIn(exec.Command(os.Args[0], "-test.run", "^TestBenchCourseTime$"))
		nf, nm = append(nf, f), append(nm, m)
		f, m = timeIn(exec.Command("node", "--stack-size=8192", wasmExec, wasmBin, "-test.run", "^TestBenchCourseTime$"))
		wf, wm = append(wf, f), append(wm, m)
	}
	med := func(d []time.Duration) float64 { slices.Sort(d); return float64(d[len(d)/2].Microseconds()) / 1000 }
	what := fmt.Sprintf("%s with lib/: %d lines in %d files, %d units linked", main.Name, lines, len(shared), len(p.units))
	fmt.Printf("BENCH compile_course_ms %.1f ms (median of 3 processes; their first build %.1f ms; %s)\n", med(nm), med(nf), what)
	fmt.Printf("BENCH compile_course_wasm_ms %.1f ms (median of 3 node processes; their first build %.1f ms)\n", med(wm), med(wf))
}
