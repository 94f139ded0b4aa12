package c

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"netplay/stack/libc"
	"netplay/stack/scenario"
)

// sysInclude is where the system headers (stack/libc's) are, as the
// preprocessor and the messages see them. A project file cannot be there:
// its names are relative.
const sysInclude = "/usr/include"

// project is the files a host's program is built from, as the preprocessor
// sees them: the project tree (the scenario's shared files, the host's own
// files and its program) at their names, and the system headers under
// /usr/include. Nothing else exists: no name reaches the machine's disk.
type project struct {
	files      map[string]string
	macroTable map[string]*macro    // the #defines of its files (archive.go)
	scans      map[string]*fileScan // mayDefine's reading of each file
}

func newProject(main scenario.File, own, shared []scenario.File) *project {
	p := &project{files: make(map[string]string, 1+len(own)+len(shared))}
	for _, f := range shared {
		p.files[f.Name] = f.Text
	}
	for _, f := range own {
		p.files[f.Name] = f.Text
	}
	p.files[main.Name] = main.Text
	return p
}

// text returns the text of the file the preprocessor names name.
func (p *project) text(name string) (string, bool) {
	if h, ok := strings.CutPrefix(name, sysInclude+"/"); ok {
		t, ok := libc.Headers[h]
		return t, ok
	}
	t, ok := p.files[name]
	return t, ok
}

// Open implements fs.FS for the front end (cc.Config.FS with FSOnly).
func (p *project) Open(name string) (fs.File, error) {
	t, ok := p.text(name)
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{name: path.Base(name), Reader: strings.NewReader(t)}, nil
}

// memFile is an open file of a project.
type memFile struct {
	name string
	*strings.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Name() string               { return f.name }
func (f *memFile) Mode() fs.FileMode          { return 0o444 }
func (f *memFile) ModTime() time.Time         { return time.Time{} }
func (f *memFile) IsDir() bool                { return false }
func (f *memFile) Sys() any                   { return nil }

var _ io.Reader = (*memFile)(nil)

// The include search, as `gcc -I.` run in the project's root does it:
//
//	#include "x.h"  the including file's folder, the root, the system headers
//	#include <x.h>  the root (-I applies to <> too), the system headers
//
// quoteDirs and sysDirs are that order for cc.Config: "" is the including
// file's folder.
var (
	quoteDirs = []string{"", ".", sysInclude}
	sysDirs   = []string{".", sysInclude}
)

// resolve finds the file `#include "name"` (quote) or `#include <name>`
// names in a file called from, in the order above, as cc does it.
func (p *project) resolve(from, name string, quote bool) (string, bool) {
	dirs := sysDirs
	if quote {
		dirs = quoteDirs
	}
	for _, d := range dirs {
		if d == "" {
			d = path.Dir(from)
		}
		full := path.Join(d, name)
		if _, ok := p.text(full); ok {
			return full, true
		}
	}
	return "", false
}

// missingHeaders reports every #include in the unit file, and in the
// project files it includes, that names no file, in gcc's words, before the
// front end runs (cc can loop on what follows a failed include). Each
// message is at the #include that fails, in the file that has it. It
// reports an endless chain of includes too (includeCycle).
func (p *project) missingHeaders(file string) error {
	var list []string
	seen := map[string]bool{}
	var chain []string // the files being walked, the unit first
	var walk func(file string) error
	walk = func(file string) error {
		if strings.HasPrefix(file, sysInclude+"/") {
			return nil
		}
		if i := slices.Index(chain, file); i >= 0 {
			return p.includeCycle(chain, i)
		}
		if seen[file] {
			return nil
		}
		seen[file] = true
		chain = append(chain, file)
		defer func() { chain = chain[:len(chain)-1] }()
		src, _ := p.text(file)
		for n, l := range strings.Split(src, "\n") {
			name, quote, col, ok := includeLine(l)
			if !ok {
				continue
			}
			if name == "__FILE__" {
				name = path.Base(file) // the including file, as its folder finds it
			}
			if full, found := p.resolve(file, name, quote); found {
				if err := walk(full); err != nil {
					return err
				}
				continue
			}
			list = append(list, fmt.Sprintf("%s:%d:%d: fatal error: %s: No such file or directory (%s)", file, n+1, col, name, p.haveHint(quote)))
		}
		return nil
	}
	if err := walk(file); err != nil {
		return err
	}
	if len(list) > 0 {
		return &CompileError{List: list}
	}
	return nil
}

// maxIncludeDepth is gcc's -fmax-include-depth.
const maxIncludeDepth = 200

// includeCycle reports chain[from:] including chain[from] again without
// end (no file of it has an include guard or #pragma once) as gcc does,
// at the #include that would go deeper than maxIncludeDepth: "#include
// nested depth 200 exceeds maximum of 200". The front end would crash
// there. A cycle some file of which guards itself is no error.
func (p *project) includeCycle(chain []string, from int) error {
	cycle := chain[from:]
	for _, f := range cycle {
		if src, _ := p.text(f); guarded(src) {
			return nil
		}
	}
	at := func(depth int) string {
		if depth < len(chain) {
			return chain[depth]
		}
		return cycle[(depth-from)%len(cycle)]
	}
	file, next := at(maxIncludeDepth-1), at(maxIncludeDepth)
	src, _ := p.text(file)
	for n, l := range strings.Split(src, "\n") {
		name, quote, _, ok := includeLine(l)
		if !ok {
			continue
		}
		if name == "__FILE__" {
			name = path.Base(file)
		}
		if full, found := p.resolve(file, name, quote); !found || full != next {
			continue
		}
		col := len(strings.TrimRight(l, " \t\r")) + 1 // after the header's name, as gcc
		return &CompileError{List: []string{fmt.Sprintf("%s:%d:%d: error: #include nested depth %d exceeds maximum of %d (use -fmax-include-depth=DEPTH to increase the maximum)",
			file, n+1, col, maxIncludeDepth, maxIncludeDepth)}}
	}
	return nil
}

// guarded says whether a file includes itself once at most: #pragma once,
// or a first directive #ifndef X (#if !defined X) followed by #define X.
func guarded(src string) bool {
	var dirs []string
	for _, l := range strings.Split(src, "\n") {
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "#") {
			continue
		}
		d := strings.Join(strings.Fields(strings.TrimSpace(t[1:])), " ")
		if d == "pragma once" {
			return true
		}
		if dirs = append(dirs, d); len(dirs) == 2 {
			break
		}
	}
	if len(dirs) < 2 {
		return false
	}
	var macro string
	switch {
	case strings.HasPrefix(dirs[0], "ifndef "):
		macro = strings.TrimPrefix(dirs[0], "ifndef ")
	case strings.HasPrefix(dirs[0], "if !defined"):
		macro = strings.Trim(strings.TrimPrefix(dirs[0], "if !defined"), " ()")
	default:
		return false
	}
	f := strings.Fields(dirs[1])
	return len(f) >= 2 && f[0] == "define" && f[1] == macro
}

// includeLine reads an #include line: the header's name, whether it is in
// quotes, and the column of the '#'. A macro-named header is the front
// end's to resolve (ok false).
func includeLine(l string) (name string, quote bool, col int, ok bool) {
	t := strings.TrimSpace(l)
	if !strings.HasPrefix(t, "#") {
		return "", false, 0, false
	}
	t = strings.TrimSpace(t[1:])
	if !strings.HasPrefix(t, "include") {
		return "", false, 0, false
	}
	t = strings.TrimSpace(t[len("include"):])
	if t == "__FILE__" { // the file including itself
		return t, true, strings.Index(l, "#") + 1, true
	}
	if len(t) < 2 {
		return "", false, 0, false
	}
	switch t[0] {
	case '<':
		name, _, _ = strings.Cut(t[1:], ">")
	case '"':
		name, _, _ = strings.Cut(t[1:], "\"")
		quote = true
	default:
		return "", false, 0, false
	}
	return name, quote, strings.Index(l, "#") + 1, true
}

// haveHint lists what an #include can name: the system headers, and for
// quoted names the project's headers too.
func (p *project) haveHint(quote bool) string {
	s := "netplay has: " + headerNames()
	if !quote {
		return s
	}
	var own []string
	for n := range p.files {
		if strings.HasSuffix(n, ".h") {
			own = append(own, n)
		}
	}
	if len(own) == 0 {
		return s
	}
	sort.Strings(own)
	return "the project has: " + strings.Join(own, " ") + "; " + s
}
