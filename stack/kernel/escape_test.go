package kernel_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"netplay/stack/runner"
)

// A program finds nothing of the machine netplay runs on: no path leads
// out of the host's file system, however it climbs ("..", "//", the real
// working directory, /proc), and what it writes stays in the world.
func TestNoHostFiles(t *testing.T) {
	wd, _ := os.Getwd()
	prog := `#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
int main(int argc, char **argv) {
	const char *paths[] = {"/etc/passwd", "../../../../../../../../etc/passwd", "/../../etc/hostname",
		"//etc//passwd", "/dev/../etc/passwd", "/proc/self/environ", "/proc/1/root/etc/passwd",
		"/home/../../../root", "/tmp/../etc/shadow", "/sys/class/net", "/usr/include/stdio.h",
		argv[1], argv[2], "/bin/sh", "~/.ssh/id_rsa"};
	for (int i = 0; i < (int)(sizeof paths / sizeof *paths); i++) {
		struct stat st;
		int fd = open(paths[i], O_RDONLY);
		printf("%d %d %s\n", fd, stat(paths[i], &st), strerror(errno));
	}
	char cwd[256];
	chdir("../../../../..");
	printf("%s\n", getcwd(cwd, sizeof cwd));
	int fd = open("escape.txt", O_CREAT | O_WRONLY, 0644);
	printf("create at the top: %d %s\n", fd, strerror(errno));
	chdir("/tmp");
	fd = open("../../../tmp/written-by-netplay", O_CREAT | O_WRONLY, 0644);
	printf("create in /tmp: %d\n", fd);
	return 0;
}
`
	sc := newWorld(t).host("a", "", prog)
	sc.hosts[0]["args"] = []string{wd, filepath.Join(wd, "escape_test.go")}
	res, tr := sc.run(runner.Options{})
	out := output(res.Events, "a")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 18 {
		t.Fatalf("output:\n%s\n%s", out, tr)
	}
	for _, l := range lines[:15] {
		if l != "-1 -1 No such file or directory" {
			t.Errorf("a path of the host's was found: %q\n%s", l, out)
		}
	}
	if lines[15] != "/" || lines[16] != "create at the top: -1 Permission denied" || lines[17] != "create in /tmp: 3" {
		t.Errorf("output:\n%s", out)
	}
	if _, err := os.Stat("/tmp/written-by-netplay"); err == nil {
		t.Error("the program wrote /tmp on the machine")
	}
}

// The file system and the kernel hold no way out: they import nothing that
// reaches the machine's files, environment or processes.
func TestNoHostImports(t *testing.T) {
	banned := map[string]bool{"os": true, "os/exec": true, "syscall": true, "io/fs": true, "io/ioutil": true,
		"path/filepath": true, "plugin": true, "unsafe": true, "net": true}
	for _, dir := range []string{"../fs", "."} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			pf, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range pf.Imports {
				if p, _ := strconv.Unquote(imp.Path.Value); banned[p] {
					t.Errorf("%s imports %s", f, p)
				}
			}
		}
	}
}
