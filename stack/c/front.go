// Package c runs C programs: modernc.org/cc/v4 preprocesses, parses and
// type checks the source (with the in-memory headers of stack/libc); the
// checked AST is compiled once into Go closures over resolved variable slots
// and precomputed sizes and offsets; the closures run on a per-program
// byte-addressed memory (stack/libc.Memory). A program may be several
// translation units of a project tree, linked by name as gcc and ld link
// them (link.go, project.go, archive.go).
package c

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	cc "modernc.org/cc/v4"
)

// predefined are the macros and declarations gcc predefines on
// linux/amd64 that the headers and programs rely on.
const predefined = `#define __STDC__ 1
#define __STDC_VERSION__ 201710L
#define __STDC_HOSTED__ 1
#define __x86_64__ 1
#define __x86_64 1
#define __amd64__ 1
#define __linux__ 1
#define __linux 1
#define __unix__ 1
#define __LP64__ 1
#define _LP64 1
#define __CHAR_BIT__ 8
#define __SIZEOF_INT__ 4
#define __SIZEOF_LONG__ 8
#define __SIZEOF_LONG_LONG__ 8
#define __SIZEOF_POINTER__ 8
#define __SIZEOF_SHORT__ 2
#define __SIZEOF_FLOAT__ 4
#define __SIZEOF_DOUBLE__ 8
#define __SIZEOF_LONG_DOUBLE__ 16
#define __SIZEOF_SIZE_T__ 8
#define __INT_MAX__ 2147483647
#define __LONG_MAX__ 9223372036854775807L
#define __SCHAR_MAX__ 127
#define __SHRT_MAX__ 32767
#define __SIZE_TYPE__ unsigned long
#define __PTRDIFF_TYPE__ long
#define __WCHAR_TYPE__ int
#define __ORDER_LITTLE_ENDIAN__ 1234
#define __ORDER_BIG_ENDIAN__ 4321
#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__
#define __netplay__ 1
#define __extension__
#define __restrict restrict
#define __restrict__ restrict
#define __inline inline
#define __inline__ inline
#define __const const
#define __volatile__ volatile
#define __signed__ signed
#define __asm__ asm
typedef void *__builtin_va_list;
void *__netplay_va_start(void);
void *__builtin_va_arg_impl(__builtin_va_list);
long __builtin_expect(long, long);
unsigned short __builtin_bswap16(unsigned short);
unsigned int __builtin_bswap32(unsigned int);
unsigned long __builtin_bswap64(unsigned long);
void __builtin_unreachable(void);
void __builtin_trap(void);
typedef unsigned long __predefined_size_t;
typedef long __predefined_ptrdiff_t;
typedef int __predefined_wchar_t;
int __predefined_declarator;
`

// sourceCache keeps the headers the front end has scanned and parsed for
// the next translation units: every unit of a course includes the same
// system headers and lib/common.h. Its generations are kept small for the
// browser (positions of all files read stay in memory until a generation
// is dropped).
var sourceCache = &cc.SourceCache{MaxBytes: 8 << 20}

// CompileError lists every diagnostic of a failed compile, one
// "file:line:col: message" a line.
type CompileError struct{ List []string }

func (e *CompileError) Error() string { return strings.Join(e.List, "\n") }

// frontEnd preprocesses, parses and type checks the translation unit file
// of project p.
func (p *project) frontEnd(file string) (*cc.AST, error) {
	ast, _, err := p.translate(file)
	return ast, err
}

// translate is frontEnd, and looked lists the files the front end looked
// for (found or not) besides the unit itself: what its result depends on.
func (p *project) translate(file string) (ast *cc.AST, looked []string, err error) {
	src, _ := p.text(file)
	if err := truncated(file, src); err != nil {
		return nil, nil, err
	}
	if err := p.missingHeaders(file); err != nil {
		return nil, nil, err
	}
	if err := p.tooDeep(file); err != nil {
		return nil, nil, err
	}
	abi, err := cc.NewABI("linux", "amd64")
	if err != nil {
		return nil, nil, err
	}
	fsys := &lookedFS{p: p}
	cfg := &cc.Config{
		ABI:             abi,
		FS:              fsys,
		FSOnly:          true,
		IncludePaths:    quoteDirs,
		SysIncludePaths: sysDirs,
		Predefined:      predefined,
		ABILayout:       true,
		ExpansionLimit:  1 << 22,
		SourceCache:     sourceCache,
		// Enumeration constants have type int (C11 6.7.2.2p3): with
		// UnsignedEnums, cc typed them unsigned like their enumeration,
		// so `for (int i = -3; i < N; i++)` never ran
		// (testdata/pure/enum_constants.c). The cost: an enumeration
		// without negative constants is signed here, unsigned in gcc,
		// which shows only in arithmetic on such an object that goes
		// below zero.
		UnsignedEnums: false,
	}
	if err := cfg.ApplyOptions("-std=gnu17"); err != nil {
		return nil, nil, err
	}
	resumeGC := pauseGC()
	// A unit starting with #include lines starts from their precompiled
	// prefix (pch.go); the units share its types: one at a time.
	// (A panic, which Build turns into a compile error, unlocks too.)
	pchMu.Lock()
	locked := true
	defer func() {
		if locked {
			pchMu.Unlock()
		}
	}()
	ast, err = p.translateAfterPrefix(cfg, fsys, file, src)
	if err == errNoPrefix {
		pchMu.Unlock()
		locked = false
		ast, err = cc.Translate(cfg, []cc.Source{
			{Name: "<predefined>", Value: predefined},
			{Name: file, Value: src},
		})
	}
	resumeGC()
	if err != nil {
		ce := compileError(err).(*CompileError)
		// The front end places the end of input at "-": it is the end of
		// the unit (a header cut off in the middle ends it too).
		line := strings.Count(src, "\n") + 1
		col := len(src) - strings.LastIndexByte(src, '\n')
		for i, l := range ce.List {
			if rest, ok := strings.CutPrefix(l, "-: "); ok {
				ce.List[i] = fmt.Sprintf("%s:%d:%d: %s", file, line, col, rest)
			}
		}
		ce.List = p.gccBitFields(p.gccSyntax(expansionLimit(ce.List)))
		sort.SliceStable(ce.List, func(i, j int) bool { return posKey(ce.List[i]) < posKey(ce.List[j]) })
		return nil, nil, ce
	}
	if errs := impossibleTypes(ast, p.text); len(errs) > 0 {
		return nil, nil, &CompileError{List: errs}
	}
	return ast, fsys.looked, nil
}

// expansionLimit words the front end's "macro expansion limit exceeded
// (Config.ExpansionLimit N)" as gcc words a fatal error, at the same place:
// gcc has no such limit, netplay has it so that a few lines of macros
// cannot take hours and all memory.
func expansionLimit(list []string) []string {
	for i, l := range list {
		if at, rest, ok := strings.Cut(l, ": macro expansion limit exceeded (Config.ExpansionLimit "); ok {
			n, _, _ := strings.Cut(rest, ")")
			list[i] = at + ": fatal error: macros expand too much here for netplay (over " + n + " tokens processed): expand fewer levels"
		}
	}
	return list
}

// lookedFS is the project as one translation sees it: it notes every name
// the front end looks for.
type lookedFS struct {
	p      *project
	looked []string
}

func (f *lookedFS) Open(name string) (fs.File, error) {
	f.looked = append(f.looked, name)
	return f.p.Open(name)
}

// compileError turns the front end's error into a CompileError, one
// diagnostic a line, in source order.
func compileError(err error) error {
	var list, other []string
	for _, l := range strings.Split(err.Error(), "\n") {
		l = strings.TrimSpace(l)
		// Drop the front end's own source locations: "(check.go:4671:check:)".
		if i := strings.LastIndex(l, " ("); i > 0 && strings.HasSuffix(l, ":)") && strings.Contains(l[i:], ".go:") {
			l = l[:i]
		}
		switch {
		case l == "":
		case strings.HasPrefix(l, "TODO ") || strings.HasPrefix(l, "<"):
			other = append(other, l) // follow-on notes of the type checker
		default:
			list = append(list, l)
		}
	}
	if len(list) == 0 {
		list = other
	}
	sort.SliceStable(list, func(i, j int) bool { return posKey(list[i]) < posKey(list[j]) })
	return &CompileError{List: list}
}

func posKey(s string) string {
	f := strings.SplitN(s, ":", 4)
	if len(f) < 3 {
		return s
	}
	var l, c int
	fmt.Sscan(f[1], &l)
	fmt.Sscan(f[2], &c)
	return fmt.Sprintf("%s:%08d:%08d", f[0], l, c)
}
