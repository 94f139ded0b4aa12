package c

import (
	cc "modernc.org/cc/v4"

	"netplay/stack/libc"

	"netplay/stack/linux/signal"
)

type blockFn func(f *frame, start int) ctl

// switchInfo collects the case labels at the top level of a switch body.
type switchInfo struct {
	cases   map[int64]int
	ranges  [][3]int64
	def     int
	t       cc.Type
	claimed map[*cc.LabeledStatement]bool
}

// item is one statement of a block. An expression statement is kept as
// its expression and line (e), so that running it costs no wrapper call.
type item struct {
	s  stm
	e  ie
	ln int
	ex *expr // e's expression (the operands it reads)

	list []item // s runs these items of a block (loops run them themselves)
}

// run runs the item.
func (it *item) run(f *frame) ctl {
	if it.e != nil {
		f.m.line = it.ln
		it.e(f)
		return cNext
	}
	return it.s(f)
}

// stm returns the item as a statement.
func (it item) stm() stm {
	if it.e == nil {
		return it.s
	}
	x, ln := it.e, it.ln
	return func(f *frame) ctl { f.m.line = ln; x(f); return cNext }
}

// blockStm compiles a compound statement that is not a switch body.
func (c *compiler) blockStm(cs *cc.CompoundStatement) stm {
	return c.blockItem(cs).stm()
}

// blockItem compiles a compound statement that is not a switch body as an
// item: a loop runs the items of a block without labels itself (list).
func (c *compiler) blockItem(cs *cc.CompoundStatement) item {
	list, labels := c.blockItems(cs, nil)
	if marks := c.lastVLAMarks; marks != nil {
		b, vb := blockRun(list, labels), c.vlaBlock(marks)
		return item{s: func(f *frame) ctl {
			vb.enter(f)
			r := b(f, 0)
			vb.leave(f)
			return r
		}}
	}
	if len(labels) > 0 {
		b := blockRun(list, labels)
		return item{s: func(f *frame) ctl { return b(f, 0) }}
	}
	switch len(list) {
	case 0:
		return item{s: func(*frame) ctl { return cNext }}
	case 1:
		return list[0]
	}
	return item{s: blockList(list), list: list}
}

// blockList runs the items of a block without labels.
func blockList(list []item) stm {
	return func(f *frame) ctl {
		for i := range list {
			it := &list[i]
			if it.e != nil {
				f.m.line = it.ln
				it.e(f)
				continue
			}
			if r := it.s(f); r != cNext {
				return r
			}
		}
		return cNext
	}
}

func (c *compiler) blockWith(cs *cc.CompoundStatement, sw *switchInfo) blockFn {
	list, labels := c.blockItems(cs, sw)
	b := blockRun(list, labels)
	if marks := c.lastVLAMarks; marks != nil {
		vb := c.vlaBlock(marks)
		return func(f *frame, start int) ctl {
			vb.enter(f)
			r := b(f, start)
			vb.leave(f)
			return r
		}
	}
	return b
}

// blockItems compiles the items of a compound statement; labels maps the
// ids of the labels directly in it to their item index.
func (c *compiler) blockItems(cs *cc.CompoundStatement, sw *switchInfo) ([]item, map[int]int) {
	bi := &blockInfo{labels: map[int]int{}}
	c.blocks = append(c.blocks, bi)
	defer func() {
		c.blocks = c.blocks[:len(c.blocks)-1]
		c.lastVLAMarks = bi.vlaMarks
	}()
	var list []item
	if cs != nil {
		for l := cs.BlockItemList; l != nil; l = l.BlockItemList {
			it := l.BlockItem
			switch it.Case {
			case cc.BlockItemDecl:
				list = append(list, c.localDecl(it.Declaration)...)
			case cc.BlockItemLabel:
				// __label__ declarations: nothing to do.
			case cc.BlockItemStmt:
				s := it.Statement
				// Labels directly in this block can be jumped to.
				for s != nil && s.Case == cc.StatementLabeled {
					ls := s.LabeledStatement
					idx := len(list)
					switch ls.Case {
					case cc.LabeledStatementLabel:
						bi.labels[c.labelID(ls.Token.SrcStr())] = idx
					case cc.LabeledStatementCaseLabel, cc.LabeledStatementRange, cc.LabeledStatementDefault:
						if sw == nil {
							c.errorf(ls, "case label not directly inside a switch body is not supported by netplay")
							break
						}
						c.addCase(sw, ls, idx)
					}
					s = ls.Statement
				}
				list = append(list, c.item(s))
			case cc.BlockItemFuncDef:
				c.errorf(it.Declarator, "nested functions are not supported")
			}
		}
	}
	return list, bi.labels
}

// blockRun runs the items from start, following gotos to labels among them.
func blockRun(items []item, labels map[int]int) blockFn {
	list := make([]stm, len(items))
	for i, it := range items {
		list[i] = it.stm()
	}
	if len(labels) == 0 {
		if len(list) == 1 {
			s := list[0]
			return func(f *frame, start int) ctl {
				if start > 0 {
					return cNext
				}
				return s(f)
			}
		}
		return func(f *frame, start int) ctl {
			for i := start; i < len(list); i++ {
				if r := list[i](f); r != cNext {
					return r
				}
			}
			return cNext
		}
	}
	return func(f *frame, start int) ctl {
		for i := start; i < len(list); i++ {
			r := list[i](f)
			if r == cNext {
				continue
			}
			if r == cGoto {
				if j, ok := labels[f.label]; ok {
					f.m.gate()
					i = j - 1
					continue
				}
			}
			return r
		}
		return cNext
	}
}

func (c *compiler) labelID(name string) int {
	if id, ok := c.labels[name]; ok {
		return id
	}
	id := len(c.labels) + 1
	c.labels[name] = id
	return id
}

func (c *compiler) addCase(sw *switchInfo, ls *cc.LabeledStatement, idx int) {
	sw.claimed[ls] = true
	k := kindOf(sw.t)
	val := func(n cc.ExpressionNode) int64 {
		e, ok := c.constant(n)
		if !ok || e.i == nil {
			c.errorf(n, "case label does not reduce to an integer constant")
			return 0
		}
		return k.normalize(e.i(nil))
	}
	switch ls.Case {
	case cc.LabeledStatementCaseLabel:
		v := val(ls.ConstantExpression)
		if _, dup := sw.cases[v]; dup {
			c.errorf(ls, "duplicate case value")
		}
		sw.cases[v] = idx
	case cc.LabeledStatementRange:
		sw.ranges = append(sw.ranges, [3]int64{val(ls.ConstantExpression), val(ls.ConstantExpression2), int64(idx)})
	case cc.LabeledStatementDefault:
		if sw.def >= 0 {
			c.errorf(ls, "multiple default labels in one switch")
		}
		sw.def = idx
	}
}

// item compiles a statement as a block item.
func (c *compiler) item(s *cc.Statement) item {
	if s != nil && s.Case == cc.StatementExpr {
		es := s.ExpressionStatement
		if es.ExpressionList == nil {
			return item{s: func(*frame) ctl { return cNext }}
		}
		e := c.expr(es.ExpressionList)
		ln := c.line(es.ExpressionList)
		if e.f != nil {
			x := e.f
			return item{e: func(f *frame) int64 { x(f); return 0 }, ln: ln}
		}
		if e.i == nil {
			return item{s: func(*frame) ctl { return cNext }}
		}
		return item{e: e.i, ln: ln, ex: &e}
	}
	if s != nil && s.Case == cc.StatementCompound {
		return c.blockItem(s.CompoundStatement)
	}
	return item{s: c.stmt(s)}
}

// stmt compiles a statement; it records its line for fault messages and the
// UI's current-line highlight.
func (c *compiler) stmt(s *cc.Statement) stm {
	defer c.enter()()
	if s == nil {
		return func(*frame) ctl { return cNext }
	}
	switch s.Case {
	case cc.StatementLabeled:
		ls := s.LabeledStatement
		switch ls.Case {
		case cc.LabeledStatementLabel:
			c.labelID(ls.Token.SrcStr())
		default:
			c.errorf(ls, "case label not directly inside a switch body is not supported by netplay")
		}
		return c.stmt(ls.Statement)
	case cc.StatementCompound:
		return c.blockStm(s.CompoundStatement)
	case cc.StatementExpr:
		return c.item(s).stm()
	case cc.StatementSelection:
		return c.selection(s.SelectionStatement)
	case cc.StatementIteration:
		return c.iteration(s.IterationStatement)
	case cc.StatementJump:
		return c.jump(s.JumpStatement)
	case cc.StatementAsm:
		c.errorf(s.AsmStatement, "asm is not supported")
	}
	return func(*frame) ctl { return cNext }
}

func (c *compiler) selection(s *cc.SelectionStatement) stm {
	ln := c.line(s.ExpressionList)
	switch s.Case {
	case cc.SelectionStatementIf:
		fc := c.fcondOf(s.ExpressionList, c.expr(s.ExpressionList))
		return ifStm(ln, fc, c.stmt(s.Statement), nil)
	case cc.SelectionStatementIfElse:
		fc := c.fcondOf(s.ExpressionList, c.expr(s.ExpressionList))
		then := c.stmt(s.Statement)
		return ifStm(ln, fc, then, c.stmt(s.Statement2))
	case cc.SelectionStatementSwitch:
		e := c.expr(s.ExpressionList)
		if e.i == nil || classOf(e.t) != clInt {
			c.errorf(s.ExpressionList, "switch quantity not an integer")
			return func(*frame) ctl { return cNext }
		}
		pt := cc.IntegerPromotion(e.t)
		e = c.conv(e, pt)
		sw := &switchInfo{cases: map[int64]int{}, def: -1, t: pt, claimed: map[*cc.LabeledStatement]bool{}}
		var body blockFn
		if s.Statement.Case == cc.StatementCompound {
			body = c.blockWith(s.Statement.CompoundStatement, sw)
		} else {
			// switch (x) case 1: stmt; — a one-statement body.
			cs := s.Statement
			idx := 0
			for cs != nil && cs.Case == cc.StatementLabeled && cs.LabeledStatement.Case != cc.LabeledStatementLabel {
				c.addCase(sw, cs.LabeledStatement, idx)
				cs = cs.LabeledStatement.Statement
			}
			one := c.stmt(cs)
			body = func(f *frame, start int) ctl { return one(f) }
		}
		cases, ranges, def := sw.cases, sw.ranges, sw.def
		v := e.i
		return func(f *frame) ctl {
			f.m.line = ln
			x := v(f)
			start, ok := cases[x]
			if !ok {
				start = -1
				for _, r := range ranges {
					if x >= r[0] && x <= r[1] {
						start = int(r[2])
						break
					}
				}
				if start < 0 {
					if def < 0 {
						return cNext
					}
					start = def
				}
			}
			r := body(f, start)
			if r == cBreak {
				return cNext
			}
			return r
		}
	}
	return func(*frame) ctl { return cNext }
}

func (c *compiler) iteration(s *cc.IterationStatement) stm {
	switch s.Case {
	case cc.IterationStatementWhile:
		fc := c.fcondOf(s.ExpressionList, c.expr(s.ExpressionList))
		return forStm(c.line(s.ExpressionList), nil, fc, fpost{k: fpNone}, c.item(s.Statement))
	case cc.IterationStatementDo:
		body, cond := c.item(s.Statement), c.cond(s.ExpressionList)
		be, bs, bln := body.e, body.s, body.ln
		ln := c.line(s.ExpressionList)
		return func(f *frame) ctl {
			m := f.m
			for {
				if be != nil {
					m.line = bln
					be(f)
				} else {
					switch bs(f) {
					case cBreak:
						return cNext
					case cReturn:
						return cReturn
					case cGoto:
						return cGoto
					}
				}
				m.line = ln
				if !cond(f) {
					return cNext
				}
				m.gate()
			}
		}
	case cc.IterationStatementFor, cc.IterationStatementForDecl:
		var init []item
		var condN, postN cc.ExpressionNode
		if s.Case == cc.IterationStatementFor {
			if s.ExpressionList != nil {
				init = append(init, item{s: c.exprStmt(c.expr(s.ExpressionList))})
			}
			condN, postN = s.ExpressionList2, s.ExpressionList3
		} else {
			init = c.localDecl(s.Declaration)
			condN, postN = s.ExpressionList, s.ExpressionList2
		}
		var fc fcond // for (;;): true
		if condN != nil {
			fc = c.fcondOf(condN, c.expr(condN))
		}
		var post fpost
		if postN != nil {
			post = fpostOf(c, c.expr(postN))
		}
		return forStm(c.line(s), init, fc, post, c.item(s.Statement))
	}
	return func(*frame) ctl { return cNext }
}

func (c *compiler) jump(s *cc.JumpStatement) stm {
	ln := c.line(s)
	switch s.Case {
	case cc.JumpStatementBreak:
		return func(*frame) ctl { return cBreak }
	case cc.JumpStatementContinue:
		return func(*frame) ctl { return cContinue }
	case cc.JumpStatementGoto:
		name := s.Token2.SrcStr()
		id := c.labelID(name)
		p := s.Position()
		c.gotos = append(c.gotos, gotoRef{name: name, pos: fmtPos(p.Filename, p.Line, p.Column), blocks: append([]*blockInfo(nil), c.blocks...)})
		return func(f *frame) ctl { f.label = id; return cGoto }
	case cc.JumpStatementGotoExpr:
		c.errorf(s, "computed goto is not supported")
	case cc.JumpStatementReturn:
		if s.ExpressionList == nil {
			return func(f *frame) ctl { f.m.line = ln; return cReturn }
		}
		e := c.expr(s.ExpressionList)
		rt := c.retType
		if rt == nil || rt.Kind() == cc.Void {
			x := c.exprI(e)
			return func(f *frame) ctl { f.m.line = ln; x(f); return cReturn }
		}
		e = c.conv(e, rt)
		switch classOf(rt) {
		case clFloat:
			x := e.f
			return func(f *frame) ctl { f.m.line = ln; f.ret = i64(x(f)); return cReturn }
		case clAgg:
			x := e.i
			size := uint64(rt.Size())
			return func(f *frame) ctl {
				f.m.line = ln
				src := uint64(x(f))
				if f.retAddr != 0 {
					f.m.mem.Move(f.retAddr, src, size)
				}
				f.ret = int64(f.retAddr)
				return cReturn
			}
		}
		if o := xoperandOf(e); o.k == oArith || o.k == oLd {
			return returnFused(ln, o)
		}
		x := e.i
		return func(f *frame) ctl { f.m.line = ln; f.ret = x(f); return cReturn }
	}
	return func(*frame) ctl { return cNext }
}

// localDecl compiles a block scope declaration: allocates its objects and
// returns the statements running their initializers.
func (c *compiler) localDecl(d *cc.Declaration) []item {
	if d.Case != cc.DeclarationDecl {
		return nil
	}
	var out []item
	for l := d.InitDeclaratorList; l != nil; l = l.InitDeclaratorList {
		id := l.InitDeclarator
		dr := id.Declarator
		if dr.IsTypename() {
			continue
		}
		t := dr.Type()
		if t.Kind() == cc.Function {
			c.function(dr)
			continue
		}
		if dr.IsExtern() {
			continue
		}
		if at, ok := t.(*cc.ArrayType); ok && at.IsVLA() {
			if it := c.vlaDecl(dr, at); it.s != nil {
				out = append(out, it)
			}
			continue
		}
		if t.IsIncomplete() || t.Size() < 0 {
			c.errorf(dr, "storage size of '%s' isn't known", dr.Name())
			continue
		}
		if dr.IsStatic() {
			// A static local: global storage, initialized once before main.
			v := &varInfo{slot: -1, glob: true, t: t}
			v.addr = c.alloc(t.Size(), t.Align())
			c.prog.named(dr.Name(), v.addr, t.Size())
			c.statics[dr] = v
			if id.Initializer != nil {
				addr := int64(v.addr)
				saved := c.nslots
				init := c.initializer(func(*frame) int64 { return addr }, t, id.Initializer)
				c.prog.inits = append(c.prog.inits, init...)
				if c.nslots > c.prog.initSlots {
					c.prog.initSlots = c.nslots
				}
				_ = saved
			}
			continue
		}
		v := c.local(dr, t)
		ln := c.line(dr)
		if id.Initializer == nil {
			continue
		}
		if v.slot >= 0 {
			e := c.conv(c.expr(id.Initializer.AssignmentExpression), t)
			st := c.storeLval(lval{t: t, slot: v.slot}, e)
			out = append(out, item{e: c.exprI(st), ln: ln, ex: &st})
			continue
		}
		off := uint64(v.off)
		init := c.initializer(func(f *frame) int64 { return int64(f.bp + off) }, t, id.Initializer)
		out = append(out, item{s: func(f *frame) ctl {
			f.m.line = ln
			for _, s := range init {
				s(f)
			}
			return cNext
		}})
	}
	return out
}

// vlaDecl compiles the declaration of a variable length array: when it
// runs, the size expression is evaluated and the array placed on the C
// stack above the frame (16-aligned, zeroed as frames are), as gcc places
// it below its frame. Running the declaration again (a loop, a goto back)
// first frees what its previous run and the arrays declared after it took;
// leaving the block frees them all (vlaScope). Only the outermost bound
// may vary: an element of variable size is refused.
func (c *compiler) vlaDecl(dr *cc.Declarator, at *cc.ArrayType) item {
	elem := at.Elem()
	if isVLA(elem) || elem.IsIncomplete() || elem.Size() <= 0 {
		c.errorf(dr, "variable length arrays of variable length arrays are not supported by netplay")
		return item{}
	}
	if dr.IsStatic() {
		c.errorf(dr, "storage size of '%s' isn't constant", dr.Name())
		return item{}
	}
	n := c.conv(c.expr(at.SizeExpression()), c.ast.Long).i
	esize := uint64(elem.Size())
	vi := &vlaInfo{addr: c.nslots, size: c.nslots + 1}
	mark := c.nslots + 2
	c.nslots += 3
	c.locals[dr] = &varInfo{slot: -1, t: at, vla: vi}
	bi := c.blocks[len(c.blocks)-1]
	k := len(bi.vlaMarks)
	bi.vlaMarks = append(bi.vlaMarks, mark)
	ln := c.line(dr)
	return item{s: func(f *frame) ctl {
		m := f.m
		m.line = ln
		count := n(f)
		if prev := f.slots[mark]; prev != 0 {
			m.sp = uint64(prev - 1)
			for _, later := range bi.vlaMarks[k+1:] {
				f.slots[later] = 0
			}
		} else {
			f.slots[mark] = int64(m.sp) + 1
		}
		size := uint64(count) * esize // a negative count is a huge size, as on Linux
		a := (m.sp + 15) &^ 15
		if count < 0 || size/esize != uint64(count) || a+size > m.stackEnd || a+size < a {
			fault("Stack overflow", signal.SIGSEGV)
		}
		clear(m.mem.B[a : a+size])
		m.sp = a + size
		f.slots[vi.addr] = int64(a)
		f.slots[vi.size] = int64(size)
		return cNext
	}}
}

// vlaScope is a block that declares variable length arrays: they are not
// allocated when it is entered, and leaving it (however it ends: the end,
// break, return, a goto out) frees them, as gcc's stack does.
type vlaScope struct {
	marks []int
	top   int // the slot of the stack top at entry
}

func (c *compiler) vlaBlock(marks []int) vlaScope {
	c.nslots++
	return vlaScope{marks: marks, top: c.nslots - 1}
}

func (v vlaScope) enter(f *frame) {
	for _, k := range v.marks {
		f.slots[k] = 0
	}
	f.slots[v.top] = int64(f.m.sp)
}

func (v vlaScope) leave(f *frame) { f.m.sp = uint64(f.slots[v.top]) }

// initializer compiles the initialization of the object of type t at addr.
func (c *compiler) initializer(addr ie, t cc.Type, in *cc.Initializer) []stm {
	if in.Case == cc.InitializerExpr {
		return c.initLeaf(addr, 0, t, in)
	}
	return c.initList(addr, t, in.InitializerList)
}

// initList zeroes the object, then stores every initializer at its offset
// (cc reports offsets from the start of the outermost object).
func (c *compiler) initList(addr ie, t cc.Type, l *cc.InitializerList) []stm {
	size := uint64(t.Size())
	out := []stm{func(f *frame) ctl {
		f.m.mem.Set(uint64(addr(f)), 0, size)
		return cNext
	}}
	var walk func(l *cc.InitializerList)
	walk = func(l *cc.InitializerList) {
		for ; l != nil; l = l.InitializerList {
			in := l.Initializer
			if in == nil {
				continue
			}
			if in.Case == cc.InitializerInitList {
				walk(in.InitializerList)
				continue
			}
			n := in.Len()
			for k := int64(0); k < n; k++ {
				out = append(out, c.initLeaf(addr, in.Offset()+k*in.Type().Size(), in.Type(), in)...)
			}
		}
	}
	walk(l)
	return out
}

func (c *compiler) initLeaf(addr ie, off int64, t cc.Type, in *cc.Initializer) []stm {
	e := in.AssignmentExpression
	at := addr
	if off != 0 {
		at = func(f *frame) int64 { return addr(f) + off }
	}
	// char s[] = "text";
	if arr, ok := t.(*cc.ArrayType); ok {
		if sv, ok := e.Value().(cc.StringValue); ok && arr.Elem().Size() == 1 {
			b := []byte(string(sv))
			if int64(len(b)) > arr.Len() {
				b = b[:arr.Len()]
			}
			size := arr.Len()
			return []stm{func(f *frame) ctl {
				a := uint64(at(f))
				dst := f.m.mem.Slice(a, uint64(size))
				n := copy(dst, b)
				clear(dst[n:])
				return cNext
			}}
		}
		if classOf(e.Type()) == clAgg || isPtr(e.Type()) {
			c.errorf(in, "array initializer must be a list or a string literal")
			return nil
		}
	}
	lv := lval{t: t, slot: -1, addr: at}
	if fld := in.Field(); fld != nil && fld.IsBitfield() {
		lv.bf = fld
		lv.t = fld.Type()
	}
	val := c.conv(c.expr(e), lv.t)
	return []stm{c.exprStmt(c.storeLval(lv, val))}
}

func fmtPos(file string, l, col int) string {
	return file + ":" + itoa(l) + ":" + itoa(col)
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	var b []byte
	neg := v < 0
	if neg {
		v = -v
	}
	for v > 0 {
		b = append([]byte{byte('0' + v%10)}, b...)
		v /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

var _ = libc.Guard
