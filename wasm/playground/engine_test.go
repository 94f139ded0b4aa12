package main

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"netplay/app/engineapi"
	"netplay/app/gallery"
	"netplay/stack/scenario"
)

// TestEngineMessages: what the runner gives the page survives the trip
// from the engine worker (app/engineapi) whole: a real run's trace with
// its frame bytes, and a real compile error with its file:line:col lines.
func TestEngineMessages(t *testing.T) {
	sc, err := gallery.Load("handshake")
	if err != nil {
		t.Fatal(err)
	}
	res, err := run(sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := engineapi.DecodeResult(engineapi.EncodeResult(res, nil))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, res) {
		t.Errorf("result changed on the way")
	}
	frames := 0
	for _, e := range got.Events {
		if len(e.Data) > 0 {
			frames++
		}
	}
	if frames < 3 {
		t.Errorf("%d events with frame bytes after the trip, want the handshake's", frames)
	}

	sc.Hosts[0].Program = "int main(void) { return x; }\n"
	_, err = run(sc, nil)
	if err == nil {
		t.Fatal("undeclared x compiled")
	}
	_, err2 := engineapi.DecodeResult(engineapi.EncodeResult(nil, err))
	if err2 == nil || err2.Error() != err.Error() || !strings.Contains(err2.Error(), ":1:") {
		t.Errorf("compile error after the trip: %v, want %v", err2, err)
	}
}

// TestCompileShared: runs asking for a program being compiled wait for
// that compile and get its result.
func TestCompileShared(t *testing.T) {
	src := "int main(void) { return y; }\n"
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = compileCached(scenario.File{Name: "shared.c", Text: src}, nil, nil)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err == nil || err.Error() != errs[0].Error() {
			t.Errorf("errors %v, want the same compile error each time", errs)
			break
		}
	}
}

// TestCompileCacheKeysOnEveryFile: a build is reused only for the same
// main file, own files and shared files, in the same order.
func TestCompileCacheKeysOnEveryFile(t *testing.T) {
	main := scenario.File{Name: "cache.c", Text: "#include \"lib/x.h\"\nint main(void) { return X; }\n"}
	good := []scenario.File{{Name: "lib/x.h", Text: "#define X 1\n"}}
	bad := []scenario.File{{Name: "lib/x.h", Text: "int y;\n"}}
	if _, _, err := compileCached(main, nil, good); err != nil {
		t.Fatalf("with X defined: %v", err)
	}
	if _, _, err := compileCached(main, nil, bad); err == nil {
		t.Fatal("a changed shared header reused the build made with the old one")
	}
	if _, _, err := compileCached(main, bad, nil); err == nil {
		t.Fatal("the header as the host's own file: no error")
	}
	if _, _, err := compileCached(main, good, nil); err != nil {
		t.Fatalf("with X defined in the host's own header: %v", err)
	}
	a := []scenario.File{{Name: "lib/a.c", Text: "int f(void){return 1;}"}, {Name: "lib/b.c", Text: "int f(void){return 2;}"}}
	b := []scenario.File{a[1], a[0]}
	if buildKey(main, nil, a) == buildKey(main, nil, b) {
		t.Error("the library's order is not in the key")
	}
	if buildKey(main, a[:1], nil) == buildKey(main, nil, a[:1]) {
		t.Error("a host's own file and a shared one give the same key")
	}
	if buildKey(scenario.File{Name: "ab", Text: "c"}, nil, nil) == buildKey(scenario.File{Name: "a", Text: "bc"}, nil, nil) {
		t.Error("names and texts run together in the key")
	}
}
