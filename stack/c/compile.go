package c

import (
	"fmt"

	cc "modernc.org/cc/v4"

	"netplay/stack/libc"
	"netplay/stack/scenario"
)

// Program is a compiled C program; Run it any number of times.
type Program struct {
	File      string
	Warnings  []Warning // what gcc -Wall would warn of (warn.go), in file and line order
	files     []string  // the files of m.line's locations; files[0] is File
	units     []string  // the translation units linked, in link order
	data      []byte    // image of globals and string literals, placed at libc.Guard
	inits     []stm     // global initializers, run before main
	initSlots int
	funcs     []*function // every callable, indexed by function pointer value
	main      *function
	libVars   map[string]uint64 // the C library's variables the program names, and where
	// concurrent: the program may make threads or processes (it uses
	// pthread_create or fork); forks: processes (its calls are journaled,
	// for fork's replay: vnet.Journal).
	concurrent, forks bool
	globals           []global // the program's variables in data, for messages
}

// global is a variable of the program's data: its name and place.
type global struct {
	name       string
	addr, size uint64
}

// Function pointer values: fnBase + 16*index into Program.funcs.
const fnBase = 0x7f00_0000_0000

type param struct {
	slot  int // >= 0: register slot
	off   int64
	store func(f *frame, addr uint64, v uint64)
}

// function is a C function or a library function.
type function struct {
	name      string
	idx       int
	lib       libc.Func
	ft        *cc.FunctionType
	params    []param
	variadic  bool
	nslots    int
	frameSize int64
	body      stm    // the function's block (with labels); call handles how it ended
	items     []item // or the items of a block without labels
	isMain    bool
	frames    int // Go frames an activation holds at most (gostack.go)
	// slotParams: every parameter is a register slot, parameter i in slot i.
	slotParams bool
	defined    bool
	resolved   bool // defined says whether any unit defines it (link.go)
}

type varInfo struct {
	slot int // >= 0: register slot; -1: memory
	off  int64
	glob bool
	addr uint64 // globals
	t    cc.Type
	vla  *vlaInfo // a variable length array: its place and size are in slots
}

// vlaInfo is where a variable length array is: the slots holding its
// address and its size in bytes, both set when its declaration runs.
type vlaInfo struct{ addr, size int }

// compiler compiles one translation unit into the program the linker
// builds. Its globals and funcs are the unit's view by name: its own static
// objects and functions, and the linker's external ones.
type compiler struct {
	file    string
	ast     *cc.AST
	errs    []string
	prog    *Program
	link    *linker
	globals map[string]*varInfo
	statics map[*cc.Declarator]*varInfo
	funcs   map[string]*function
	strs    map[string]uint64

	// What the unit defines and uses, for the linker (link.go).
	bodies map[*function]*cc.Declarator // functions defined here
	inline map[*function]bool           // static inline ones: emitted only when used
	refs   []ref

	// per function
	fn     *function
	locals map[*cc.Declarator]*varInfo
	nslots int
	frame  int64
	labels map[string]int
	// lastVLAMarks are the variable length arrays of the block blockItems
	// compiled last (nil: none).
	lastVLAMarks []int
	gotos        []gotoRef
	blocks       []*blockInfo
	retType      cc.Type
	// nest is the compiler's recursion over statements and expressions,
	// which the closures it makes follow; maxNest its deepest in fn.
	nest, maxNest int
}

type gotoRef struct {
	name   string
	pos    string
	blocks []*blockInfo
}

type blockInfo struct {
	labels map[int]int
	// vlaMarks are the slots of the block's variable length arrays, in
	// declaration order: each holds 1 + the stack top before the array
	// was allocated (0: not allocated in this run of the block).
	vlaMarks []int
}

// Compile compiles the one-file C program src (named file in messages).
// The error, a *CompileError, lists every diagnostic as
// "file:line:col: message".
func Compile(file, src string) (*Program, error) {
	return Build(scenario.File{Name: file, Text: src}, nil, nil)
}

func dedup(l []string) []string {
	var out []string
	for i, s := range l {
		if i == 0 || s != l[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func (c *compiler) errorf(n cc.Node, format string, args ...any) {
	pos := c.file + ":0:0"
	if n != nil {
		if p := n.Position(); p.Line > 0 {
			pos = fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
		}
	}
	c.errs = append(c.errs, pos+": "+fmt.Sprintf(format, args...))
}

// line returns where n is as the machine keeps it in m.line: the line,
// and above lineBits the index of its file in Program.files (0: the
// program's main file), so a crash in lib/readn.c says so.
func (c *compiler) line(n cc.Node) int {
	if n == nil {
		return 0
	}
	p := n.Position()
	p.Line = min(p.Line, 1<<lineBits-1)
	if p.Filename == c.prog.File {
		return p.Line
	}
	i, ok := c.link.fileIndex[p.Filename]
	if !ok {
		i = len(c.prog.files)
		c.prog.files = append(c.prog.files, p.Filename)
		c.link.fileIndex[p.Filename] = i
	}
	return i<<lineBits | p.Line
}

// lineBits is where m.line's file index starts.
const lineBits = 24

// where returns the file and line of a machine location (see line).
func (p *Program) where(loc int) (file string, line int) {
	file = p.File
	if i := loc >> lineBits; i > 0 && i < len(p.files) {
		file = p.files[i]
	}
	return file, loc & (1<<lineBits - 1)
}

// alloc reserves size bytes of global data aligned to al.
func (c *compiler) alloc(size int64, al int) uint64 {
	if al < 1 {
		al = 1
	}
	n := (int64(len(c.prog.data)) + int64(al) - 1) / int64(al) * int64(al)
	if size < 1 {
		size = 1
	}
	if n+size > libc.Cap/2 {
		c.errorf(nil, "global data too large (over %d bytes)", libc.Cap/2)
		return libc.Guard
	}
	c.prog.data = append(c.prog.data, make([]byte, n+size-int64(len(c.prog.data)))...)
	return uint64(libc.Guard + n)
}

// stringLit returns the address of a NUL-terminated copy of s in the data.
func (c *compiler) stringLit(s string) uint64 {
	if a, ok := c.strs[s]; ok {
		return a
	}
	a := c.alloc(int64(len(s))+1, 1)
	copy(c.prog.data[a-libc.Guard:], s)
	c.strs[s] = a
	return a
}

// unit compiles the translation unit: its file scope declarations and
// function definitions (pass 1), then the bodies (pass 2). What it defines
// and uses is left in c.bodies and c.refs for the linker.
func (c *compiler) unit() {
	// Pass 1: functions and globals.
	var defs []*cc.FunctionDefinition
	for l := c.ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		ed := l.ExternalDeclaration
		switch ed.Case {
		case cc.ExternalDeclarationFuncDef:
			fd := ed.FunctionDefinition
			d := fd.Declarator
			if inlineDefinition(c.ast, d) {
				// Not a definition of the external function: calls
				// go to the one another unit defines, as in gcc -O0.
				c.function(d)
				continue
			}
			fn := c.function(d)
			if c.bodies[fn] != nil {
				c.errorf(d, "redefinition of '%s'", fn.name)
			}
			c.bodies[fn] = d
			fn.defined = true
			if d.IsInline() && d.Linkage() == cc.Internal {
				c.inline[fn] = true
			}
			defs = append(defs, fd)
		case cc.ExternalDeclarationDecl:
			c.fileDecl(ed.Declaration)
		case cc.ExternalDeclarationAsmStmt:
			c.errorf(ed, "asm is not supported")
		}
	}
	// Pass 2: bodies.
	for _, fd := range defs {
		c.funcDef(fd)
	}
}

// function returns the function called by d's name, creating it: the
// unit's own when d has internal linkage (static), else the program's.
func (c *compiler) function(d *cc.Declarator) *function {
	name := d.Name()
	if fn := c.funcs[name]; fn != nil {
		return fn
	}
	ft, _ := d.Type().(*cc.FunctionType)
	var fn *function
	if d.Linkage() == cc.Internal {
		fn = newFunction(c.prog, name, ft)
	} else {
		fn = c.link.function(name, ft)
	}
	c.funcs[name] = fn
	return fn
}

// newFunction adds a function to prog (its index is its address).
func newFunction(prog *Program, name string, ft *cc.FunctionType) *function {
	fn := &function{name: name, idx: len(prog.funcs), ft: ft}
	if ft != nil {
		fn.variadic = ft.IsVariadic()
	}
	if lf, ok := libc.Lookup(name); ok {
		fn.lib = lf
	}
	prog.funcs = append(prog.funcs, fn)
	return fn
}

// useFunc is a use of the function d names at n: its address or a call.
func (c *compiler) useFunc(d *cc.Declarator, n cc.Node) *function {
	fn := c.function(d)
	r := ref{from: c.fn, at: n}
	if d.Linkage() == cc.Internal {
		r.fn = fn
	} else {
		r.name = fn.name
		if !fn.resolved {
			// How calls are compiled depends on it: a C function or
			// the C library's.
			fn.defined = c.link.definedAnywhere(fn.name)
			fn.resolved = true
		}
	}
	c.refs = append(c.refs, r)
	return fn
}

// fileDecl handles a file scope declaration: typedefs, prototypes, globals.
func (c *compiler) fileDecl(d *cc.Declaration) {
	for l := d.InitDeclaratorList; l != nil; l = l.InitDeclaratorList {
		id := l.InitDeclarator
		dr := id.Declarator
		if dr.IsTypename() {
			continue
		}
		t := dr.Type()
		if t.Kind() == cc.Function {
			// A prototype: the function is made when it is used or
			// defined (a course's headers declare hundreds).
			continue
		}
		v := c.global(dr, id.Initializer == nil && dr.IsExtern())
		if v == nil {
			continue
		}
		if id.Initializer != nil {
			c.fn = &function{name: "<init>"}
			c.locals = map[*cc.Declarator]*varInfo{}
			c.nslots = 0
			addr := v.addr
			c.prog.inits = append(c.prog.inits, c.initializer(func(*frame) int64 { return int64(addr) }, v.t, id.Initializer)...)
			if c.nslots > c.prog.initSlots {
				c.prog.initSlots = c.nslots
			}
			c.fn = nil
		}
	}
}

// global returns the storage of the file scope object named by d: the
// linker's for an object with external linkage (nil for a declaration
// that defines nothing), the unit's own for a static one.
func (c *compiler) global(d *cc.Declarator, externOnly bool) *varInfo {
	if d.Linkage() != cc.Internal {
		if externOnly {
			return nil
		}
		return c.extern(d)
	}
	name := d.Name()
	t := d.Type()
	if v := c.globals[name]; v != nil {
		if v.t.IsIncomplete() && !t.IsIncomplete() && !externOnly {
			// int a[]; completed later: give it its full size.
			nv := &varInfo{slot: -1, glob: true, t: t}
			nv.addr = c.alloc(t.Size(), t.Align())
			c.prog.named(name, nv.addr, t.Size())
			c.globals[name] = nv
			return nv
		}
		return v
	}
	if externOnly {
		return nil // defined later in the file, or nowhere (checked when used)
	}
	if t.IsIncomplete() {
		if at, ok := t.(*cc.ArrayType); ok && at.Elem().Size() > 0 {
			// int a[]; with no size anywhere: one element, as gcc does.
			v := &varInfo{slot: -1, glob: true, t: t}
			v.addr = c.alloc(at.Elem().Size(), t.Align())
			c.prog.named(name, v.addr, at.Elem().Size())
			c.globals[name] = v
			return v
		}
		c.errorf(d, "storage size of '%s' isn't known", name)
		return nil
	}
	v := &varInfo{slot: -1, glob: true, t: t}
	v.addr = c.alloc(t.Size(), t.Align())
	c.prog.named(name, v.addr, t.Size())
	c.globals[name] = v
	return v
}

// named records that the program's global name is at [addr, addr+size),
// for messages that name an object (Program.describe).
func (p *Program) named(name string, addr uint64, size int64) {
	p.globals = append(p.globals, global{name: name, addr: addr, size: uint64(max(size, 1))})
}

// extern returns the unit's view of the object with external linkage d
// names: the linker's storage, typed as the unit declares it (the complete
// type once the unit has one). It is nil when nothing defines the object.
func (c *compiler) extern(d *cc.Declarator) *varInfo {
	name, t := d.Name(), d.Type()
	if v := c.globals[name]; v != nil {
		if v.t.IsIncomplete() && !t.IsIncomplete() {
			v = &varInfo{slot: -1, glob: true, addr: v.addr, t: t}
			c.globals[name] = v
		}
		return v
	}
	st := c.link.object(c, d)
	if st == nil {
		return nil
	}
	if t.IsIncomplete() && !st.t.IsIncomplete() {
		t = st.t
	}
	v := &varInfo{slot: -1, glob: true, addr: st.addr, t: t}
	c.globals[name] = v
	return v
}

// libVar returns the C library's global variables (optind, environ,
// in6addr_any ...): placed in the program's data, their address given to
// the library at run time (libc.Proc.Vars).
func (c *compiler) libVar(name string, t cc.Type) *varInfo {
	lv, ok := libc.Vars[name]
	if !ok {
		return nil
	}
	v := &varInfo{slot: -1, glob: true, t: t}
	v.addr = c.alloc(int64(lv.Size), int(lv.Align))
	if lv.Init != nil {
		init := lv.Init(func(b []byte) uint64 {
			a := c.alloc(int64(len(b)), 8)
			copy(c.prog.data[a-libc.Guard:], b)
			return a
		})
		copy(c.prog.data[v.addr-libc.Guard:], init)
	}
	if c.prog.libVars == nil {
		c.prog.libVars = map[string]uint64{}
	}
	c.prog.libVars[name] = v.addr
	return v
}

// lookupVar resolves a declarator used in an expression.
func (c *compiler) lookupVar(n cc.Node, d *cc.Declarator) *varInfo {
	if v := c.locals[d]; v != nil {
		return v
	}
	if v := c.statics[d]; v != nil {
		return v
	}
	if d.IsExtern() || d.Linkage() != cc.None {
		if d.Linkage() != cc.Internal {
			c.refs = append(c.refs, ref{from: c.fn, name: d.Name(), at: n})
		}
		if v := c.globals[d.Name()]; v != nil {
			return v
		}
		if v := c.global(d, false); v != nil {
			return v
		}
		if d.Linkage() != cc.Internal {
			// Defined nowhere: the linker reports it if the use is in
			// code the program has.
			return &varInfo{slot: -1, glob: true, addr: 0, t: d.Type()}
		}
	}
	c.errorf(n, "undefined reference to '%s'", d.Name())
	return &varInfo{slot: -1, glob: true, addr: 0, t: d.Type()}
}

// funcDef compiles a function body.
func (c *compiler) funcDef(fd *cc.FunctionDefinition) {
	fn := c.funcs[fd.Declarator.Name()]
	c.fn = fn
	c.locals = map[*cc.Declarator]*varInfo{}
	c.nslots, c.frame = 0, 0
	c.labels = map[string]int{}
	c.gotos = nil
	c.blocks = nil
	c.nest, c.maxNest = 0, 0
	ft, ok := fd.Declarator.Type().(*cc.FunctionType)
	if !ok {
		c.errorf(fd.Declarator, "not a function")
		return
	}
	fn.ft = ft
	fn.variadic = ft.IsVariadic()
	c.retType = ft.Result()
	fn.params = nil
	for _, p := range ft.Parameters() {
		if p.Type().Kind() == cc.Void {
			continue
		}
		d := p.Declarator
		pt := p.Type()
		var v *varInfo
		if d != nil && d.Name() != "" {
			v = c.local(d, pt)
		} else {
			v = c.newLocal(pt, false)
		}
		pr := param{slot: v.slot, off: v.off}
		if v.slot < 0 {
			pr.store = storeFunc(pt)
		}
		fn.params = append(fn.params, pr)
	}
	items, labels := c.blockItems(fd.CompoundStatement, nil)
	if len(labels) > 0 {
		b := blockRun(items, labels)
		fn.body = func(f *frame) ctl { return b(f, 0) }
	} else {
		fn.items = items // call runs them (one closure call less per call)
	}
	for _, g := range c.gotos {
		id, ok := c.labels[g.name]
		if !ok {
			c.errs = append(c.errs, g.pos+": label '"+g.name+"' used but not defined")
			continue
		}
		found := false
		for _, b := range g.blocks {
			if _, ok := b.labels[id]; ok {
				found = true
			}
		}
		if !found {
			c.errs = append(c.errs, g.pos+": goto into a nested block is not supported by netplay")
		}
	}
	fn.nslots = c.nslots
	fn.frameSize = (c.frame + 15) &^ 15
	fn.frames = c.maxNest + callFrames
	fn.isMain = fn.name == "main"
	fn.slotParams = true
	for i, p := range fn.params {
		if p.slot != i {
			fn.slotParams = false
		}
	}
	c.fn = nil
}

// local allocates storage for the block scope object d.
func (c *compiler) local(d *cc.Declarator, t cc.Type) *varInfo {
	mem := d.AddressTaken() || !isScalar(t)
	v := c.newLocal(t, mem)
	c.locals[d] = v
	return v
}

func (c *compiler) newLocal(t cc.Type, mem bool) *varInfo {
	if !mem && isScalar(t) {
		v := &varInfo{slot: c.nslots, t: t}
		c.nslots++
		return v
	}
	al := int64(t.Align())
	if al < 1 {
		al = 1
	}
	if al < 8 && t.Size() >= 8 {
		al = 8
	}
	c.frame = (c.frame + al - 1) / al * al
	v := &varInfo{slot: -1, off: c.frame, t: t}
	size := t.Size()
	if size < 1 {
		size = 1
	}
	c.frame += size
	if c.frame > libc.StackSize {
		c.errorf(nil, "function '%s' needs a stack frame over %d bytes", c.fn.name, libc.StackSize)
	}
	return v
}

// temp reserves a memory temporary in the current frame.
func (c *compiler) temp(t cc.Type) int64 {
	v := c.newLocal(t, true)
	return v.off
}

func isScalar(t cc.Type) bool {
	switch t.Kind() {
	case cc.Array, cc.Struct, cc.Union, cc.Function, cc.Void:
		return false
	}
	return true
}
