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

// TestBenchCourseTime times, in this process, natively or under wasm: the
// first build of chapter 3's server (nothing cached), the client's build
// next (the library files both link are through the front end already),
// and the server's rebuild after an edit of its program (the mean of 5),
// and the first build's CPU time (natively): "COURSE_NS first other
// rebuild firstCPU".
func TestBenchCourseTime(t *testing.T) {
	if os.Getenv("NETPLAY_BENCH") == "" {
		t.Skip("set NETPLAY_BENCH=1")
	}
	main, shared, _ := courseBuild(t)
	b, err := os.ReadFile("testdata/course/ch03/echo_client.c")
	if err != nil {
		t.Fatal(err)
	}
	client := scenario.File{Name: "ch03/echo_client.c", Text: string(b)}
	timed := func(m scenario.File) time.Duration {
		start := time.Now()
		if _, err := Build(m, nil, shared); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	cpu0 := cpuTime()
	first := timed(main)
	firstCPU := cpuTime() - cpu0
	other := timed(client)
	const rounds = 5
	var rebuild time.Duration
	for i := 0; i < rounds; i++ {
		edited := main
		edited.Text += fmt.Sprintf("/* edit %d */\n", i)
		rebuild += timed(edited)
	}
	fmt.Printf("COURSE_NS %d %d %d %d\n", first.Nanoseconds(), other.Nanoseconds(), rebuild.Nanoseconds()/rounds, firstCPU.Nanoseconds())
}

// TestBenchCourse prints compile_course_ms (issue 12: the front end and
// the compile of a chapter program with a 2,000-line lib/, native; goal
// ≤ 100 ms): the first build in a fresh process, and compile_course_wasm_ms
// beside it; the client's build next and a rebuild after an edit are
// printed with them. Each port is timed in fresh processes, in turns (the
// machine drifts), three rounds; the figures are the rounds' medians.
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
	timeIn := func(cmd *exec.Cmd) [4]time.Duration {
		cmd.Env = append(os.Environ(), "NETPLAY_BENCH=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", cmd.Args, err, out)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if v, ok := strings.CutPrefix(l, "COURSE_NS "); ok {
				var d [4]int64
				fmt.Sscan(v, &d[0], &d[1], &d[2], &d[3])
				return [4]time.Duration{time.Duration(d[0]), time.Duration(d[1]), time.Duration(d[2]), time.Duration(d[3])}
			}
		}
		t.Fatalf("no COURSE_NS from %v:\n%s", cmd.Args, out)
		return [4]time.Duration{}
	}
	var native, wasm [4][]time.Duration
	for r := 0; r < 3; r++ {
		n := timeIn(exec.Command(os.Args[0], "-test.run", "^TestBenchCourseTime$"))
		w := timeIn(exec.Command("node", "--stack-size=8192", wasmExec, wasmBin, "-test.run", "^TestBenchCourseTime$"))
		for i := range n {
			native[i], wasm[i] = append(native[i], n[i]), append(wasm[i], w[i])
		}
	}
	med := func(d []time.Duration) float64 { slices.Sort(d); return float64(d[len(d)/2].Microseconds()) / 1000 }
	what := fmt.Sprintf("%s with lib/: %d lines in %d files, %d units linked", main.Name, lines, len(shared), len(p.units))
	fmt.Printf("BENCH compile_course_ms %.1f ms (first build in a fresh process, median of 3, %.1f ms of CPU; then the client %.1f ms, a rebuild after an edit %.1f ms; %s)\n", med(native[0]), med(native[3]), med(native[1]), med(native[2]), what)
	fmt.Printf("BENCH compile_course_wasm_ms %.1f ms (the same in node; then the client %.1f ms, a rebuild after an edit %.1f ms)\n", med(wasm[0]), med(wasm[1]), med(wasm[2]))
}
