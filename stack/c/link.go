package c

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	cc "modernc.org/cc/v4"

	"netplay/stack/libc"
	"netplay/stack/scenario"
)

// Build compiles and links a host's program as
//
//	gcc -I. main.c own1.c ... lib.a
//
// does in the project's root, where lib.a holds the shared .c files: main
// is the program's file, own the host's other files (every .c among them is
// linked), shared the scenario's files (its .c files are a static library:
// one is linked when it defines a symbol still undefined, until nothing
// changes, exactly as ld scans an archive). Every .c file is its own
// translation unit, preprocessed and compiled on its own (its own statics,
// its own macros); units are linked by name with gcc's errors: "undefined
// reference to 'f'" at the first use in each unit that needs f, "multiple
// definition of 'f'" (-fno-common, gcc's default since 10: `int x;` in two
// units is two definitions). A function of the C library is used when no
// unit defines one of its name. The error, a *CompileError, lists every
// diagnostic as "file:line:col: message".
func Build(main scenario.File, own, shared []scenario.File) (prog *Program, err error) {
	defer func() {
		// The front end (and the compiler) must never take the page down:
		// a panic on malformed input becomes a compile error.
		if r := recover(); r != nil {
			prog, err = nil, &CompileError{List: []string{fmt.Sprintf("%s:1:1: internal compiler error: %v", main.Name, r)}}
		}
	}()
	// One build at a time: builds share the units the front end made.
	buildMu.Lock()
	defer buildMu.Unlock()
	defer holdGC()()
	p := newProject(main, own, shared)
	units := []*unit{{file: main.Name}}
	for _, f := range own {
		if isUnit(f.Name) {
			units = append(units, &unit{file: f.Name, own: true})
		}
	}
	for _, f := range shared {
		if isUnit(f.Name) {
			units = append(units, &unit{file: f.Name, lib: true})
		}
	}
	l := newLinker(p, main.Name, units)
	errs := l.link()
	if errs == nil && l.missed {
		// The library's text hid a definition from mayDefine: link
		// again with every member through the front end.
		for _, u := range units {
			u.reset()
		}
		l = newLinker(p, main.Name, units)
		l.full = true
		errs = l.link()
	}
	if len(errs) > 0 {
		return nil, &CompileError{List: errs}
	}
	var warns []Warning
	for _, u := range l.order {
		l.prog.units = append(l.prog.units, u.file)
		warns = append(warns, u.warnings(p)...)
	}
	l.prog.Warnings = sortWarnings(warns) // of the units linked, as the program's build shows them
	return l.prog, nil
}

// warnings returns the unit's warnings, computed once for an AST the
// next builds reuse (Build runs one at a time).
func (u *unit) warnings(p *project) []Warning {
	if u.cached == nil {
		return unitWarnings(u.ast, p.text)
	}
	if !u.cached.warned {
		u.cached.warnings, u.cached.warned = unitWarnings(u.ast, p.text), true
	}
	return u.cached.warnings
}

// isUnit says whether a project file is a translation unit.
func isUnit(name string) bool { return strings.HasSuffix(name, ".c") }

// linker holds what the units of one program share: the program (data,
// functions, initializers), the string literals, and the functions and
// objects with external linkage, by name.
type linker struct {
	p     *project
	prog  *Program
	strs  map[string]uint64
	units []*unit // the host's units, then the library's, in order
	funcs map[string]*function
	objs  map[string]*varInfo // storage; nil: nothing defines it
	order []*unit             // linked units, in link order
	// fileIndex numbers the files of the program's locations (Program.files).
	fileIndex map[string]int
	// full: every library member goes through the front end first;
	// missed: a member defines what mayDefine did not see (link again, full).
	full, missed bool
	failed       []string // front end errors of library members looked into
}

func newLinker(p *project, mainFile string, units []*unit) *linker {
	return &linker{
		p:         p,
		prog:      &Program{File: mainFile, files: []string{mainFile}},
		fileIndex: map[string]int{mainFile: 0},
		strs:      map[string]uint64{},
		funcs:     map[string]*function{},
		objs:      map[string]*varInfo{},
		units:     units,
	}
}

// unit is one translation unit.
type unit struct {
	file string
	lib  bool // a member of the library: linked only when needed
	own  bool // one of the host's own files
	// Before the front end: what the member may define (mayDefine), or
	// everything (opaque).
	cand   map[string]bool
	opaque bool
	// After it: the AST, or the errors.
	translated bool
	ast        *cc.AST
	cached     *cachedUnit // where the AST is kept for the next builds, if it is
	errs       []string
	// defs are the file scope declarators defining each external name
	// (functions and objects, tentative definitions included).
	defs     map[string][]*cc.Declarator
	linked   bool
	reported bool // its front end errors are in the link's
	// uses are the external names its code uses, at the first use, once
	// it is compiled; only code gcc -O0 emits counts (not the body of a
	// static inline function nothing uses).
	uses map[string]cc.Node
	c    *compiler
}

// reset forgets what a link did with u, keeping its front end's work.
func (u *unit) reset() {
	u.linked, u.reported, u.uses, u.c = false, false, nil, nil
}

// ref is a use, in the body of from (nil or "<init>": an initializer), of
// an external name or of one of the unit's static functions.
type ref struct {
	from *function
	name string
	fn   *function
	at   cc.Node
}

// declare finds what the unit defines with external linkage, before
// anything is compiled: the linker needs it to choose library members.
func (u *unit) declare() {
	u.defs = map[string][]*cc.Declarator{}
	for l := u.ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		ed := l.ExternalDeclaration
		switch ed.Case {
		case cc.ExternalDeclarationFuncDef:
			d := ed.FunctionDefinition.Declarator
			if d.Linkage() == cc.External && !inlineDefinition(u.ast, d) {
				u.defs[d.Name()] = append(u.defs[d.Name()], d)
			}
		case cc.ExternalDeclarationDecl:
			for il := ed.Declaration.InitDeclaratorList; il != nil; il = il.InitDeclaratorList {
				id := il.InitDeclarator
				d := id.Declarator
				if d.IsTypename() || d.Type().Kind() == cc.Function || d.Linkage() != cc.External {
					continue
				}
				if id.Initializer == nil && d.IsExtern() {
					continue // a declaration, not a definition
				}
				u.defs[d.Name()] = append(u.defs[d.Name()], d)
			}
		}
	}
}

// inlineDefinition reports whether the function definition d is a C99
// inline definition: every file scope declaration of it says inline and
// none says extern. It provides no external definition (C11 6.7.4p7):
// gcc -O0 calls the external function, which another unit must define.
func inlineDefinition(ast *cc.AST, d *cc.Declarator) bool {
	if !d.IsInline() || d.Linkage() != cc.External {
		return false
	}
	for _, n := range ast.Scope.Nodes[d.Name()] {
		if x, ok := n.(*cc.Declarator); ok && (!x.IsInline() || x.IsExtern()) {
			return false
		}
	}
	return true
}

// translate puts the units that have not been through the front end
// through it, at once where there are cores (each unit is independent).
func (l *linker) translate(us []*unit) {
	var todo []*unit
	for _, u := range us {
		if !u.translated {
			todo = append(todo, u)
		}
	}
	parallel(len(todo), func(i int) {
		u := todo[i]
		var ast *cc.AST
		var err error
		if u.cached = unitASTs.get(l.p, u); u.cached != nil {
			ast = u.cached.ast
		} else {
			var looked []string
			ast, looked, err = l.p.translate(u.file)
			if err == nil {
				u.cached = unitASTs.put(l.p, u, looked, ast)
			}
		}
		u.translated = true
		if err != nil {
			if ce, ok := err.(*CompileError); ok {
				u.errs = ce.List
			} else {
				u.errs = []string{fmt.Sprintf("%s:1:1: %v", u.file, err)}
			}
			return
		}
		u.ast = ast
		if u.cached != nil && u.cached.defs != nil {
			u.defs = u.cached.defs // read only from here on
			return
		}
		u.declare()
		if u.cached != nil {
			u.cached.defs = u.defs
		}
	})
}

// parallel runs f(0..n-1), on as many goroutines as there are processors
// (one in the browser). A panic in f is raised again in the caller, where
// Build turns it into a compile error.
func parallel(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var once sync.Once
	var panicked any
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { panicked = r })
					for range next { // let the feeder finish
					}
				}
			}()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}

// mayDefine says whether unit u may define name: exactly once it has been
// through the front end, from its text before and when the front end
// failed (archive.go).
func (u *unit) mayDefine(name string) bool {
	if u.translated && u.errs == nil {
		return len(u.defs[name]) > 0
	}
	return u.opaque || u.cand[name]
}

func (u *unit) mayDefineAny(names map[string]bool) bool {
	for name := range names {
		if u.mayDefine(name) {
			return true
		}
	}
	return false
}

// usedNames adds the names with external linkage a unit reads, writes or
// takes the address of, as the front end counted them (a guess at what it
// uses: the compiler finds what its emitted code does).
func usedNames(ast *cc.AST, used map[string]bool) {
	for name, nodes := range ast.Scope.Nodes {
		for _, n := range nodes {
			if d, ok := n.(*cc.Declarator); ok && (d.ReadCount() > 0 || d.WriteCount() > 0 || d.AddressTaken()) && d.Linkage() == cc.External {
				used[name] = true
				break
			}
		}
	}
}

// definedAnywhere says whether a unit of the program or a member of the
// library defines name, putting the members that may through the front
// end to know.
func (l *linker) definedAnywhere(name string) bool {
	var maybe []*unit
	for _, u := range l.units {
		if u.mayDefine(name) {
			maybe = append(maybe, u)
		}
	}
	l.translate(maybe)
	for _, u := range maybe {
		if len(u.defs[name]) > 0 {
			return true
		}
	}
	return false
}

// link compiles the host's units, then the library members they need, as
// ld does with `main.o own.o lib.a`, and binds every name.
func (l *linker) link() []string {
	var host, members []*unit
	for _, u := range l.units {
		if u.lib {
			members = append(members, u)
		} else {
			host = append(host, u)
		}
	}
	for _, u := range members {
		if u.cand == nil && !u.opaque {
			u.cand = l.p.mayDefine(u.file)
			u.opaque = u.cand == nil
		}
	}
	if l.full {
		l.translate(l.units)
	} else {
		l.translate(host)
		// The members the program will most likely link go through the
		// front end first, in waves, several at once where there are
		// cores (compiling asks for them one at a time): those that may
		// define a name the units before them use, as the front end
		// counts uses.
		for wave := host; len(wave) > 0; {
			used := map[string]bool{}
			for _, u := range wave {
				if u.ast != nil {
					usedNames(u.ast, used)
				}
			}
			var next []*unit
			for _, m := range members {
				if !m.translated && m.mayDefineAny(used) {
					next = append(next, m)
				}
			}
			l.translate(next)
			wave = next
		}
	}
	var errs []string
	for _, u := range host {
		errs = append(errs, u.errs...)
	}
	if len(errs) > 0 {
		return errs
	}
	for _, u := range host {
		l.compile(u)
	}
	l.pull(members)
	if len(l.failed) > 0 {
		return l.failed
	}
	for _, u := range l.order {
		errs = append(errs, u.c.errs...)
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return posKey(errs[i]) < posKey(errs[j]) })
		return dedup(errs)
	}
	return l.bind(members)
}

// pull compiles the library members that define names still undefined,
// as ld scans an archive, until no member adds one. (link is in parts:
// Go's wasm makes each jump a branch back to the function's start, and
// V8 counts those against the function's size, so one large function is
// recompiled by TurboFan at its first call.)
func (l *linker) pull(members []*unit) {
	for pulled := true; pulled; {
		pulled = false
		// The members that may define a name still undefined go
		// through the front end together; then the scan in order, as ld
		// scans an archive, with the names still undefined after each
		// member it loads.
		undef := l.undefined()
		var batch []*unit
		for _, u := range members {
			if !u.linked && u.mayDefineAny(undef) {
				batch = append(batch, u)
			}
		}
		l.translate(batch)
		for _, u := range members {
			if u.linked || !u.mayDefineAny(l.undefined()) {
				continue
			}
			l.translate([]*unit{u})
			if u.errs != nil {
				if !u.reported {
					l.failed = append(l.failed, u.errs...)
					u.reported = true
				}
				continue
			}
			if !u.mayDefineAny(l.undefined()) {
				continue
			}
			l.compile(u)
			pulled = true
		}
	}
}

// bind binds every name to its one definition, or to the C library, and
// returns what ld would report: names defined twice, undefined names,
// no main. It returns nothing with l.missed set when a member the scan
// skipped might define a name after all (the link is then redone whole).
func (l *linker) bind(members []*unit) []string {
	var errs []string
	// Who defines each name, in link order: a second definition is an
	// error, as ld says it.
	first := map[string]*cc.Declarator{}
	for _, u := range l.order {
		for _, name := range sortedKeys(u.defs) {
			d := u.defs[name][0]
			if f := first[name]; f != nil {
				errs = append(errs, fmt.Sprintf("%s: multiple definition of '%s'; %s: first defined here", pos(d), name, pos(f)))
				continue
			}
			first[name] = d
		}
	}
	for name, fn := range l.funcs {
		if fn.resolved && !fn.defined && first[name] != nil {
			l.missed = true // calls were compiled to the C library's
		}
		fn.defined = first[name] != nil
	}
	for name, v := range l.objs {
		if v == nil && first[name] != nil {
			l.missed = true // its uses were compiled without storage
		}
	}
	if !l.full {
		// A name nothing defines and the C library lacks: make sure no
		// member defines it in a way mayDefine does not read.
		for _, u := range l.order {
			for name := range u.uses {
				if first[name] == nil && !l.library(name) {
					for _, m := range members {
						if !m.translated {
							l.missed = true
						}
					}
				}
			}
		}
		if l.missed {
			return nil
		}
	}
	if m := l.funcs["main"]; m == nil || !m.defined {
		errs = append(errs, fmt.Sprintf("%s:0:0: undefined reference to 'main'", l.prog.File))
	} else {
		l.prog.main = m
	}
	for _, u := range l.order {
		for _, name := range sortedKeys(u.uses) {
			if first[name] == nil && !l.library(name) {
				errs = append(errs, fmt.Sprintf("%s: undefined reference to '%s'", pos(u.uses[name]), name))
			}
		}
	}
	// What no unit defines comes from the C library.
	for _, fn := range l.prog.funcs {
		if !fn.defined && fn.lib == nil {
			fn.lib, _ = libraryFunc(fn.name)
		}
	}
	for _, u := range l.order {
		for name := range u.uses {
			if first[name] == nil && concurrencyFuncs[name] {
				l.prog.concurrent = true
				l.prog.forks = l.prog.forks || name != "pthread_create"
			}
		}
	}
	return errs
}

// concurrencyFuncs are the C library's functions that make a thread or a
// process: a program that uses one traces the pid and tid of its events
// from its start (vnet.Process.ShowIDs).
var concurrencyFuncs = map[string]bool{"pthread_create": true, "fork": true, "vfork": true}

// compile compiles unit u into the program and finds the names its emitted
// code uses.
func (l *linker) compile(u *unit) {
	c := &compiler{
		file: u.file, ast: u.ast, prog: l.prog, link: l,
		globals: map[string]*varInfo{}, statics: map[*cc.Declarator]*varInfo{},
		funcs: map[string]*function{}, strs: l.strs,
		bodies: map[*function]*cc.Declarator{}, inline: map[*function]bool{},
	}
	u.c, u.linked = c, true
	l.order = append(l.order, u)
	c.unit()
	u.uses = c.emittedUses()
}

// emittedUses returns the external names the code gcc -O0 emits for the
// unit uses: every function it defines but a static inline one no emitted
// code uses, and every initializer. A static function used but defined
// nowhere is reported here, as gcc does ("undefined reference").
func (c *compiler) emittedUses() map[string]cc.Node {
	emitted := map[*function]bool{}
	root := func(fn *function) bool { return fn == nil || c.bodies[fn] == nil || !c.inline[fn] }
	for fn := range c.bodies {
		if root(fn) {
			emitted[fn] = true
		}
	}
	// Static inline functions used from emitted code, transitively.
	for changed := true; changed; {
		changed = false
		for _, r := range c.refs {
			if r.fn != nil && !emitted[r.fn] && (root(r.from) || emitted[r.from]) {
				emitted[r.fn] = true
				changed = true
			}
		}
	}
	uses := map[string]cc.Node{}
	for _, r := range c.refs {
		if !(root(r.from) || emitted[r.from]) {
			continue
		}
		switch {
		case r.name != "":
			if _, ok := uses[r.name]; !ok {
				uses[r.name] = r.at
			}
		case c.bodies[r.fn] == nil && r.fn.lib == nil:
			c.errorf(r.at, "undefined reference to '%s'", r.fn.name)
		}
	}
	return uses
}

// undefined returns the external names the linked units use and none
// defines; main counts as used (the C runtime calls it).
func (l *linker) undefined() map[string]bool {
	defined := map[string]bool{}
	for _, u := range l.order {
		for name := range u.defs {
			defined[name] = true
		}
	}
	undef := map[string]bool{}
	if !defined["main"] {
		undef["main"] = true
	}
	for _, u := range l.order {
		for name := range u.uses {
			if !defined[name] {
				undef[name] = true
			}
		}
	}
	return undef
}

// library reports whether the C library has name: one of its functions
// or objects.
func (l *linker) library(name string) bool {
	if _, ok := libraryFunc(name); ok {
		return true
	}
	_, ok := l.objs[name]
	return ok && l.objs[name] != nil
}

// libraryFunc returns the C library's function name: by its name
// (__builtin_huge_val), or a builtin by the function it stands for
// (__builtin_memcpy is memcpy).
func libraryFunc(name string) (libc.Func, bool) {
	if f, ok := libc.Lookup(name); ok {
		return f, true
	}
	return libc.Lookup(strings.TrimPrefix(name, "__builtin_"))
}

// function returns the program's function with external linkage name.
func (l *linker) function(name string, ft *cc.FunctionType) *function {
	if fn := l.funcs[name]; fn != nil {
		return fn
	}
	fn := newFunction(l.prog, name, ft)
	l.funcs[name] = fn
	return fn
}

// object returns the storage of the object with external linkage d names,
// allocated on first use for the largest definition any unit has (only
// one is linked in a program that links). Without a definition it is the
// C library's object when a system header declares it, else nil.
func (l *linker) object(c *compiler, d *cc.Declarator) *varInfo {
	name := d.Name()
	if v, ok := l.objs[name]; ok {
		return v
	}
	l.definedAnywhere(name)
	var t cc.Type
	var size int64
	al := 1
	for _, u := range l.units {
		for _, dd := range u.defs[name] {
			dt := dd.Type()
			if dt.Kind() == cc.Function {
				continue
			}
			sz := dt.Size()
			if dt.IsIncomplete() {
				at, ok := dt.(*cc.ArrayType)
				if !ok || at.Elem().Size() <= 0 {
					continue
				}
				sz = at.Elem().Size() // int a[]; sized nowhere: one element, as gcc does
			}
			if t == nil || t.IsIncomplete() && !dt.IsIncomplete() {
				t = dt
			}
			size, al = max(size, sz), max(al, dt.Align())
		}
	}
	var v *varInfo
	switch {
	case t != nil:
		v = &varInfo{slot: -1, glob: true, t: t, addr: c.alloc(size, al)}
		c.prog.named(name, v.addr, size)
	default:
		v = c.libVar(name, d.Type())
		if v == nil && sysDeclared(c.ast, name) && !d.Type().IsIncomplete() {
			v = &varInfo{slot: -1, glob: true, t: d.Type(), addr: c.alloc(d.Type().Size(), d.Type().Align())}
		}
	}
	l.objs[name] = v
	return v
}

// sysDeclared reports whether a system header declares name: such an
// object belongs to the C library.
func sysDeclared(ast *cc.AST, name string) bool {
	for _, n := range ast.Scope.Nodes[name] {
		if strings.HasPrefix(n.Position().Filename, sysInclude+"/") {
			return true
		}
	}
	return false
}

func pos(n cc.Node) string {
	p := n.Position()
	return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
