//go:build linux

package linuxref

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"netplay/stack/scenario"
)

// GCCBuild builds a host's program with gcc the way a course's CMake does
// and netplay's linker imitates (stack/c, Build): the project tree (the
// shared files, the host's own files, its program) is written under dir;
// the shared .c files are compiled into lib.a, in their order; then
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
	var objs []string
	for i, f := range shared {
		if !strings.HasSuffix(f.Name, ".c") {
			continue
		}
		obj := fmt.Sprintf("lib.a.%d.o", i)
		if err := run("gcc", "-O0", "-w", "-I.", "-c", "-o", obj, f.Name); err != nil {
			return err
		}
		objs = append(objs, obj)
	}
	args := []string{"gcc", "-O0", "-w", "-I.", "-o", out, main.Name}
	for _, f := range own {
		if strings.HasSuffix(f.Name, ".c") {
			args = append(args, f.Name)
		}
	}
	if len(objs) > 0 {
		if err := run(append([]string{"ar", "rcs", "lib.a"}, objs...)...); err != nil {
			return err
		}
		args = append(args, "lib.a")
	}
	return run(append(args, "-lm")...)
}
