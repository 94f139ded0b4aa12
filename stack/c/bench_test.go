package c

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// timeRun returns the best of n runs of the compiled program and its stdout.
func timeRun(t testing.TB, p *Program, n int) (time.Duration, string) {
	best := time.Duration(1 << 62)
	var out string
	for i := 0; i < n; i++ {
		start := time.Now() // benchmark timing only, outside the virtual world
		r := runProg(p)
		d := time.Since(start)
		if r.fault != "" {
			t.Fatalf("fault: %s", r.fault)
		}
		out = r.stdout
		best = min(best, d)
	}
	return best, out
}

// TestBenchCPUTime prints the interpreter's time for testdata/bench/cpu.c
// ("INTERP_NS n"), natively or under wasm; TestBenchFigures runs it under
// node for interp_wasm_vs_native_ratio.
func TestBenchCPUTime(t *testing.T) {
	if os.Getenv("NETPLAY_BENCH") == "" {
		t.Skip("set NETPLAY_BENCH=1")
	}
	p, err := Compile("cpu.c", readFile(t, "testdata/bench/cpu.c"))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := timeRun(t, p, 3)
	fmt.Printf("INTERP_NS %d\n", d.Nanoseconds())
	cl, lp, err := floorTimes(3)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("FLOOR_NS %d %d\n", cl.Nanoseconds(), lp.Nanoseconds())
}

// TestBenchFigures prints the BENCH lines of issue 3 (make bench):
// interp_vs_gcc_ratio, interp_wasm_vs_native_ratio, compile_lecture_server_ms.
func TestBenchFigures(t *testing.T) {
	if os.Getenv("NETPLAY_BENCH") == "" {
		t.Skip("set NETPLAY_BENCH=1")
	}
	if runtime.GOOS == "js" {
		t.Skip("native only")
	}
	// compile_lecture_server_ms: front end + compile of a ~100-line server.
	src := readFile(t, "testdata/bench/server100.c")
	if _, err := Compile("server.c", src); err != nil {
		t.Fatal(err)
	}
	const rounds = 20
	start := time.Now()
	for i := 0; i < rounds; i++ {
		Compile("server.c", src)
	}
	fmt.Printf("BENCH compile_lecture_server_ms %.2f ms\n", float64(time.Since(start).Microseconds())/1000/rounds)

	// interp_vs_gcc_ratio.
	p, err := Compile("cpu.c", readFile(t, "testdata/bench/cpu.c"))
	if err != nil {
		t.Fatal(err)
	}
	native, out := timeRun(t, p, 3)
	bin := filepath.Join(t.TempDir(), "cpu")
	if b, err := exec.Command("gcc", "-O0", "-o", bin, "testdata/bench/cpu.c").CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v %s", err, b)
	}
	best := time.Duration(1 << 62)
	for i := 0; i < 3; i++ {
		start := time.Now()
		gout, err := exec.Command(bin).Output()
		d := time.Since(start)
		if err != nil || string(gout) != out {
			t.Fatalf("gcc output %q (%v), netplay %q", gout, err, out)
		}
		best = min(best, d)
	}
	fmt.Printf("BENCH interp_vs_gcc_ratio %.1f ratio (netplay %v, gcc -O0 %v)\n", float64(native)/float64(best), native.Round(time.Millisecond), best.Round(time.Microsecond))

	// interp_wasm_vs_native_ratio: the same program under node.
	goroot, _ := exec.Command("go", "env", "GOROOT").Output()
	cmd := exec.Command("go", "test", "-count=1", "-v", "-run", "TestBenchCPUTime", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "NETPLAY_BENCH=1",
		"PATH="+os.Getenv("PATH")+":"+filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm"))
	var wout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &wout, &wout
	if err := cmd.Run(); err != nil {
		t.Fatalf("wasm run: %v\n%s", err, wout.String())
	}
	var wasmNs, wasmCl, wasmLp int64
	for _, l := range strings.Split(wout.String(), "\n") {
		if v, ok := strings.CutPrefix(l, "INTERP_NS "); ok {
			fmt.Sscan(v, &wasmNs)
		}
		if v, ok := strings.CutPrefix(l, "FLOOR_NS "); ok {
			fmt.Sscan(v, &wasmCl, &wasmLp)
		}
	}
	if wasmNs == 0 || wasmCl == 0 || wasmLp == 0 {
		t.Fatalf("no timing from wasm:\n%s", wout.String())
	}
	fmt.Printf("BENCH interp_wasm_vs_native_ratio %.2f ratio (wasm %v, native %v)\n", float64(wasmNs)/float64(native), time.Duration(wasmNs).Round(time.Millisecond), native.Round(time.Millisecond))

	// What the wasm port costs plain Go code, for comparison (floor_test.go).
	cl, lp, err := floorTimes(3)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("BENCH go_closures_wasm_vs_native_ratio %.2f ratio (wasm %v, native %v)\n", float64(wasmCl)/float64(cl), time.Duration(wasmCl).Round(time.Millisecond), cl.Round(time.Millisecond))
	fmt.Printf("BENCH go_loop_wasm_vs_native_ratio %.2f ratio (wasm %v, native %v)\n", float64(wasmLp)/float64(lp), time.Duration(wasmLp).Round(time.Millisecond), lp.Round(time.Millisecond))
}
