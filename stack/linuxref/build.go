//go:build linux

package linuxref

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"netplay/stack/scenario"
)

// GCCBuild builds a host's program with gcc the way a course's CMake does
// and netplay's linker imitates (stack/c, Build): the project tree (the
// shared files, the host's own files, its program) is written under dir;
// the shared .c files are compiled into lib.a, in their order (once for
// the same files: libArchive); then
//
//	gcc -O0 -w -I. PROGRAM OWN.c... lib.a -o out -lm
//
// runs in dir (the project's root). It returns gcc's and ld's messages
// with the error when the build fails.
func GCCBuild(ctx context.Context, dir, out string, main scenario.File, own, shared []scenario.File) error {
	all := append(append([]scenario.File{main}, own...), shared...)
	for _, f := range all {
		if err := scenario.CheckPath(f.Name); err != nil {
			return err
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(f.Text), 0o644); err != nil {
			return err
		}
	}
	run := func(args ...string) error {
		c := exec.CommandContext(ctx, args[0], args[1:]...)
		c.Dir = dir
		if b, err := c.CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, b)
		}
		return nil
	}
	args := []string{"gcc", "-O0", "-w", "-I.", "-o", out, main.Name}
	for _, f := range own {
		if strings.HasSuffix(f.Name, ".c") {
			args = append(args, f.Name)
		}
	}
	lib, err := libArchive(ctx, dir, shared, run)
	if err != nil {
		return err
	}
	if lib != "" {
		args = append(args, lib)
	}
	return run(append(args, "-lm")...)
}

// libs are the archives built by the content of the shared files: a
// course's runs (every chapter, every host) link one lib.a, built once and
// kept in the temporary directory under that content's hash for later
// runs.
var libs sync.Map // sha256 of the shared files → *libBuild

type libBuild struct {
	once sync.Once
	path string
	err  error
}

// libArchive builds lib.a of the shared .c files, in their order, in dir
// (with the project tree written there), or returns the one built before
// for the same files; "" when there are none.
func libArchive(ctx context.Context, dir string, shared []scenario.File, run func(args ...string) error) (string, error) {
	h := sha256.New()
	units := 0
	for _, f := range shared {
		fmt.Fprintf(h, "%d:%s%d:%s", len(f.Name), f.Name, len(f.Text), f.Text)
		if strings.HasSuffix(f.Name, ".c") {
			units++
		}
	}
	if units == 0 {
		return "", nil
	}
	key := hex.EncodeToString(h.Sum(nil))
	v, _ := libs.LoadOrStore(key, &libBuild{})
	b := v.(*libBuild)
	b.once.Do(func() {
		b.path = filepath.Join(os.TempDir(), "linuxref-lib-"+key[:20]+".a")
		if _, err := os.Stat(b.path); err == nil {
			return
		}
		var objs []string
		for i, f := range shared {
			if !strings.HasSuffix(f.Name, ".c") {
				continue
			}
			obj := fmt.Sprintf("lib.a.%d.o", i)
			if b.err = run("gcc", "-O0", "-w", "-I.", "-c", "-o", obj, f.Name); b.err != nil {
				return
			}
			objs = append(objs, obj)
		}
		if b.err = run(append([]string{"ar", "rcs", "lib.a"}, objs...)...); b.err != nil {
			return
		}
		// Renamed into place whole: another process may be building it.
		b.err = os.Rename(filepath.Join(dir, "lib.a"), b.path)
	})
	if b.err != nil {
		// A failed build (a cancelled context) is tried again next time.
		libs.CompareAndDelete(key, b)
	}
	return b.path, b.err
}
