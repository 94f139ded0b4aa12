package c

import (
	"math"

	cc "modernc.org/cc/v4"

	"netplay/stack/libc"
)

// expr is a compiled rvalue: i for the int class (and aggregates, as their
// address, and void), f for floating point.
type expr struct {
	t cc.Type
	i ie
	f fe

	// What the operator compilers specialise on (shape.go): reg is the
	// register slot + 1 when i only reads that slot; cst when i is the
	// constant cv; b, when set, is the same value as a Go bool (comparisons),
	// so a condition needs no second closure.
	reg int
	cst bool
	cv  int64
	b   func(f *frame) bool
	sh  ashape // a pointer value computed as this address shape

	// ldsh.ok when i loads an integer of kind ldk from the address shape
	// ldsh (the fused closures of fuse.go read such operands inline).
	ldsh ashape
	ldk  intKind

	rc *recipe // what i computes from, for the statement closures (fuse.go)

	// into, for a call of a C function, makes the call closure that also
	// stores the result: in slot ds (dk 1) or the dk-byte object dl.
	into func(dk byte, ds int, dl ldop) ie
}

// as returns e retyped to t, keeping its shape: for conversions that leave
// the int64 value as it is.
func (e expr) as(t cc.Type) expr {
	e.t = t
	return e
}

func constI(t cc.Type, v int64) expr {
	return expr{t: t, i: func(*frame) int64 { return v }, cst: true, cv: v}
}
func constF(t cc.Type, v float64) expr {
	return expr{t: t, f: func(*frame) float64 { return v }}
}

// lval is a compiled lvalue.
type lval struct {
	t    cc.Type // the object's type (arrays not decayed)
	slot int     // >= 0: register slot
	addr ie
	bf   *cc.Field
	sh   ashape // addr's shape, when it has one (shape.go)
}

// shaped returns an lvalue of type t at the address shape s.
func shaped(t cc.Type, s ashape) lval {
	return lval{t: t, slot: -1, addr: s.closure(), sh: s}
}

func (c *compiler) bad(n cc.Node, format string, args ...any) expr {
	c.errorf(n, format, args...)
	return constI(c.ast.Int, 0)
}

// bits returns e's value as int64 bits: integers as they are, floating
// point values as their IEEE bits (call arguments travel so).
func (c *compiler) bits(e expr) ie {
	if e.f != nil {
		x := e.f
		return func(f *frame) int64 { return int64(math.Float64bits(x(f))) }
	}
	if e.i == nil {
		return func(*frame) int64 { return 0 }
	}
	return e.i
}

// cond compiles a controlling expression to a boolean.
func (c *compiler) cond(n cc.ExpressionNode) func(f *frame) bool {
	e := c.expr(n)
	return c.condOf(n, e)
}

// condOf is cond of the compiled e.
func (c *compiler) condOf(n cc.ExpressionNode, e expr) func(f *frame) bool {
	if e.f != nil {
		x := e.f
		return func(f *frame) bool { return x(f) != 0 }
	}
	if e.i == nil {
		c.errorf(n, "used void value where a scalar is required")
		return func(*frame) bool { return false }
	}
	if e.b != nil {
		return e.b
	}
	x := e.i
	return func(f *frame) bool { return x(f) != 0 }
}

// conv converts e to type to, as C's implicit and explicit conversions do.
func (c *compiler) conv(e expr, to cc.Type) expr {
	tc := classOf(to)
	if tc == clVoid {
		if e.f != nil {
			x := e.f
			return expr{t: to, i: func(f *frame) int64 { x(f); return 0 }}
		}
		return expr{t: to, i: e.i}
	}
	if e.i == nil && e.f == nil {
		return c.bad(nil, "void value not ignored as it ought to be")
	}
	if tc == clAgg {
		if e.i == nil {
			return c.bad(nil, "cannot convert a scalar to %s", to)
		}
		return expr{t: to, i: e.i}
	}
	if tc == clFloat {
		single := isSingle(to)
		if e.f != nil {
			if single && !isSingle(e.t) {
				x := e.f
				return expr{t: to, f: func(f *frame) float64 { return float64(float32(x(f))) }}
			}
			return expr{t: to, f: e.f}
		}
		k, x := kindOf(e.t), e.i
		if !k.signed && k.size == 8 {
			return expr{t: to, f: func(f *frame) float64 { return intToFloat(k, x(f), single) }}
		}
		if single {
			return expr{t: to, f: func(f *frame) float64 { return float64(float32(float64(x(f)))) }}
		}
		return expr{t: to, f: func(f *frame) float64 { return float64(x(f)) }}
	}
	k := kindOf(to)
	if e.f != nil {
		x := e.f
		return expr{t: to, i: func(f *frame) int64 { return floatToInt(k, x(f)) }}
	}
	from := kindOf(e.t)
	if classOf(e.t) == clAgg {
		from = intKind{8, false, false}
	}
	switch {
	case k.bool_:
		if from.bool_ {
			return e.as(to)
		}
		return expr{t: to, i: normFn(k, e.i), rc: &recipe{k: rNorm, nk: k, l: &e}}
	case k.size == 8:
		return e.as(to)
	case from.bool_ || from == k:
		return e.as(to)
	case from.size < k.size && (!from.signed || k.signed):
		return e.as(to)
	}
	if e.cst {
		return constI(to, k.normalize(e.cv))
	}
	if e.ldsh.ok && e.ldk.size == k.size {
		// (unsigned)a[i]: load the object as the other type.
		if i := loadShaped(k, e.ldsh); i != nil {
			return expr{t: to, i: i, ldsh: e.ldsh, ldk: k}
		}
	}
	return expr{t: to, i: normFn(k, e.i), rc: &recipe{k: rNorm, nk: k, l: &e}}
}

// value returns the compiled constant of a pure node, if cc knows it.
func (c *compiler) constant(n cc.ExpressionNode) (expr, bool) {
	if !n.Pure() {
		return expr{}, false
	}
	t := n.Type()
	switch classOf(t) {
	case clAgg, clVoid:
		return expr{}, false
	}
	if t.Kind() == cc.Ptr && addrOfComplit(n) {
		return expr{}, false
	}
	switch v := n.Value().(type) {
	case cc.Int64Value:
		if classOf(t) == clFloat {
			return constF(t, float64(v)), true
		}
		return constI(t, kindOf(t).normalize(int64(v))), true
	case cc.UInt64Value:
		if classOf(t) == clFloat {
			return constF(t, float64(v)), true
		}
		return constI(t, kindOf(t).normalize(int64(v))), true
	case cc.Float64Value:
		if classOf(t) == clFloat {
			if isSingle(t) {
				return constF(t, float64(float32(v))), true
			}
			return constF(t, float64(v)), true
		}
		return constI(t, floatToInt(kindOf(t), float64(v))), true
	}
	return expr{}, false
}

// addrOfComplit reports whether n is the address of a compound literal,
// through casts and parentheses (&(int){5}, (void *)&(struct s){0}): the
// front end gives such an expression the literal's value as if it were a
// constant (5), where it is the address of an object.
func addrOfComplit(n cc.ExpressionNode) bool {
	addr := false
	for n != nil {
		switch x := n.(type) {
		case *cc.CastExpression:
			if x.Case == cc.CastExpressionUnary {
				n = x.UnaryExpression
			} else {
				n = x.CastExpression
			}
		case *cc.UnaryExpression:
			switch x.Case {
			case cc.UnaryExpressionPostfix:
				n = x.PostfixExpression
			case cc.UnaryExpressionAddrof:
				addr, n = true, x.CastExpression
			default:
				return false
			}
		case *cc.PostfixExpression:
			switch x.Case {
			case cc.PostfixExpressionPrimary:
				n = x.PrimaryExpression
			case cc.PostfixExpressionComplit:
				return addr
			default:
				return false
			}
		case *cc.PrimaryExpression:
			if x.Case != cc.PrimaryExpressionExpr {
				return false
			}
			n = x.ExpressionList
		case *cc.ExpressionList:
			if x.ExpressionList != nil {
				return false // a comma expression
			}
			n = x.AssignmentExpression
		default:
			return false
		}
	}
	return false
}

// expr compiles an rvalue.
func (c *compiler) expr(n cc.ExpressionNode) expr {
	defer c.enter()()
	if n == nil {
		return c.bad(nil, "missing expression")
	}
	if e, ok := c.constant(n); ok {
		return e
	}
	switch x := n.(type) {
	case *cc.PrimaryExpression:
		return c.primary(x)
	case *cc.PostfixExpression:
		return c.postfix(x)
	case *cc.UnaryExpression:
		return c.unary(x)
	case *cc.CastExpression:
		if x.Case == cc.CastExpressionUnary {
			return c.expr(x.UnaryExpression)
		}
		return c.conv(c.expr(x.CastExpression), x.Type())
	case *cc.MultiplicativeExpression:
		if x.Case == cc.MultiplicativeExpressionCast {
			return c.expr(x.CastExpression)
		}
		op := map[cc.MultiplicativeExpressionCase]byte{cc.MultiplicativeExpressionMul: '*', cc.MultiplicativeExpressionDiv: '/', cc.MultiplicativeExpressionMod: '%'}[x.Case]
		return c.binary(x, op, x.MultiplicativeExpression, x.CastExpression)
	case *cc.AdditiveExpression:
		if x.Case == cc.AdditiveExpressionMul {
			return c.expr(x.MultiplicativeExpression)
		}
		op := byte('+')
		if x.Case == cc.AdditiveExpressionSub {
			op = '-'
		}
		return c.binary(x, op, x.AdditiveExpression, x.MultiplicativeExpression)
	case *cc.ShiftExpression:
		if x.Case == cc.ShiftExpressionAdd {
			return c.expr(x.AdditiveExpression)
		}
		op := byte('<')
		if x.Case == cc.ShiftExpressionRsh {
			op = '>'
		}
		return c.binary(x, op, x.ShiftExpression, x.AdditiveExpression)
	case *cc.RelationalExpression:
		if x.Case == cc.RelationalExpressionShift {
			return c.expr(x.ShiftExpression)
		}
		op := map[cc.RelationalExpressionCase]byte{cc.RelationalExpressionLt: 'l', cc.RelationalExpressionGt: 'g', cc.RelationalExpressionLeq: 'L', cc.RelationalExpressionGeq: 'G'}[x.Case]
		return c.binary(x, op, x.RelationalExpression, x.ShiftExpression)
	case *cc.EqualityExpression:
		if x.Case == cc.EqualityExpressionRel {
			return c.expr(x.RelationalExpression)
		}
		op := byte('=')
		if x.Case == cc.EqualityExpressionNeq {
			op = '!'
		}
		return c.binary(x, op, x.EqualityExpression, x.RelationalExpression)
	case *cc.AndExpression:
		if x.Case == cc.AndExpressionEq {
			return c.expr(x.EqualityExpression)
		}
		return c.binary(x, '&', x.AndExpression, x.EqualityExpression)
	case *cc.ExclusiveOrExpression:
		if x.Case == cc.ExclusiveOrExpressionAnd {
			return c.expr(x.AndExpression)
		}
		return c.binary(x, '^', x.ExclusiveOrExpression, x.AndExpression)
	case *cc.InclusiveOrExpression:
		if x.Case == cc.InclusiveOrExpressionXor {
			return c.expr(x.ExclusiveOrExpression)
		}
		return c.binary(x, '|', x.InclusiveOrExpression, x.ExclusiveOrExpression)
	case *cc.LogicalAndExpression:
		if x.Case == cc.LogicalAndExpressionOr {
			return c.expr(x.InclusiveOrExpression)
		}
		le, re := c.expr(x.LogicalAndExpression), c.expr(x.InclusiveOrExpression)
		l, r := c.condOf(x.LogicalAndExpression, le), c.condOf(x.InclusiveOrExpression, re)
		b := func(f *frame) bool { return l(f) && r(f) }
		return expr{t: x.Type(), i: func(f *frame) int64 { return b2i(l(f) && r(f)) }, b: b, rc: &recipe{k: rAnd, l: &le, r: &re}}
	case *cc.LogicalOrExpression:
		if x.Case == cc.LogicalOrExpressionLAnd {
			return c.expr(x.LogicalAndExpression)
		}
		le, re := c.expr(x.LogicalOrExpression), c.expr(x.LogicalAndExpression)
		l, r := c.condOf(x.LogicalOrExpression, le), c.condOf(x.LogicalAndExpression, re)
		b := func(f *frame) bool { return l(f) || r(f) }
		return expr{t: x.Type(), i: func(f *frame) int64 { return b2i(l(f) || r(f)) }, b: b, rc: &recipe{k: rOr, l: &le, r: &re}}
	case *cc.ConditionalExpression:
		if x.Case == cc.ConditionalExpressionLOr {
			return c.expr(x.LogicalOrExpression)
		}
		return c.conditional(x)
	case *cc.AssignmentExpression:
		if x.Case == cc.AssignmentExpressionCond {
			return c.expr(x.ConditionalExpression)
		}
		return c.assign(x)
	case *cc.ExpressionList:
		var list []expr
		for l := x; l != nil; l = l.ExpressionList {
			list = append(list, c.expr(l.AssignmentExpression))
		}
		if len(list) == 1 {
			return list[0]
		}
		last := list[len(list)-1]
		var pre []stm
		for _, e := range list[:len(list)-1] {
			pre = append(pre, c.exprStmt(e))
		}
		run := func(f *frame) {
			for _, s := range pre {
				s(f)
			}
		}
		if last.f != nil {
			lf := last.f
			return expr{t: last.t, f: func(f *frame) float64 { run(f); return lf(f) }}
		}
		li := last.i
		if li == nil {
			li = func(*frame) int64 { return 0 }
		}
		return expr{t: last.t, i: func(f *frame) int64 { run(f); return li(f) }}
	case *cc.ConstantExpression:
		return c.expr(x.ConditionalExpression)
	}
	return c.bad(n, "unsupported expression")
}

// exprStmt evaluates e for its side effects.
func (c *compiler) exprStmt(e expr) stm {
	if e.f != nil {
		x := e.f
		return func(f *frame) ctl { x(f); return cNext }
	}
	if e.i == nil {
		return func(*frame) ctl { return cNext }
	}
	x := e.i
	return func(f *frame) ctl { x(f); return cNext }
}

func (c *compiler) primary(x *cc.PrimaryExpression) expr {
	switch x.Case {
	case cc.PrimaryExpressionIdent:
		return c.loadLval(x, c.lvalue(x))
	case cc.PrimaryExpressionString:
		if s, ok := x.Value().(cc.StringValue); ok {
			a := int64(c.stringLit(string(s)))
			return constI(x.Type(), a)
		}
	case cc.PrimaryExpressionLString:
		var r []rune
		switch s := x.Value().(type) {
		case cc.UTF32StringValue:
			r = []rune(s)
		case cc.StringValue:
			r = []rune(string(s))
		}
		b := make([]byte, 0, 4*len(r)+4)
		for _, ch := range r {
			b = append(b, byte(ch), byte(ch>>8), byte(ch>>16), byte(ch>>24))
		}
		a := c.alloc(int64(len(b)+4), 4)
		copy(c.prog.data[a-libc.Guard:], b)
		return constI(x.Type(), int64(a))
	case cc.PrimaryExpressionExpr:
		return c.expr(x.ExpressionList)
	case cc.PrimaryExpressionStmt:
		return c.bad(x, "statement expressions are not supported by netplay")
	case cc.PrimaryExpressionGeneric:
		if a := x.GenericSelection.Associated(); a != nil {
			return c.expr(a.AssignmentExpression)
		}
	}
	if e, ok := c.constant(x); ok {
		return e
	}
	return c.bad(x, "unsupported primary expression")
}

// lvalue compiles an expression designating an object.
func (c *compiler) lvalue(n cc.ExpressionNode) lval {
	switch x := n.(type) {
	case *cc.PrimaryExpression:
		switch x.Case {
		case cc.PrimaryExpressionIdent:
			var d *cc.Declarator
			switch r := x.ResolvedTo().(type) {
			case *cc.Declarator:
				d = r
			case *cc.Parameter:
				d = r.Declarator
			case *cc.Enumerator:
				v := int64(0)
				switch val := r.Value().(type) {
				case cc.Int64Value:
					v = int64(val)
				case cc.UInt64Value:
					v = int64(val)
				}
				tmp := c.newLocal(c.ast.Int, false)
				s := tmp.slot
				_ = v
				c.errorf(x, "enumeration constant is not an lvalue")
				return lval{t: c.ast.Int, slot: s}
			}
			if d == nil {
				if x.Token.SrcStr() == "__func__" && c.fn != nil {
					a := int64(c.stringLit(c.fn.name))
					return lval{t: x.Type(), slot: -1, addr: func(*frame) int64 { return a }}
				}
				c.errorf(x, "undeclared identifier '%s'", x.Token.SrcStr())
				return lval{t: c.ast.Int, slot: -1, addr: func(*frame) int64 { return 0 }}
			}
			if d.Type().Kind() == cc.Function {
				fn := c.useFunc(d, x)
				a := int64(fnBase + 16*fn.idx)
				return lval{t: d.Type(), slot: -1, addr: func(*frame) int64 { return a }}
			}
			v := c.lookupVar(x, d)
			t := v.t
			if v.slot >= 0 {
				return lval{t: t, slot: v.slot}
			}
			if v.vla != nil {
				return shaped(t, ashape{ok: true, base: bReg, r: v.vla.addr})
			}
			if v.glob {
				return shaped(t, ashape{ok: true, off: int64(v.addr)})
			}
			return shaped(t, ashape{ok: true, base: bBP, off: int64(v.off)})
		case cc.PrimaryExpressionExpr:
			return c.lvalue(x.ExpressionList)
		case cc.PrimaryExpressionString, cc.PrimaryExpressionLString:
			e := c.primary(x)
			return lval{t: x.Type().Undecay(), slot: -1, addr: e.i}
		}
	case *cc.PostfixExpression:
		switch x.Case {
		case cc.PostfixExpressionPrimary:
			return c.lvalue(x.PrimaryExpression)
		case cc.PostfixExpressionIndex:
			return c.index(x)
		case cc.PostfixExpressionSelect, cc.PostfixExpressionPSelect:
			fld := x.Field()
			if fld == nil {
				c.errorf(x, "no such member")
				return lval{t: c.ast.Int, slot: -1, addr: func(*frame) int64 { return 0 }}
			}
			var base ie
			var bsh ashape
			if x.Case == cc.PostfixExpressionSelect {
				inner := c.lvalue(x.PostfixExpression)
				if inner.slot >= 0 || inner.addr == nil {
					c.errorf(x, "member of a non-aggregate")
					return lval{t: c.ast.Int, slot: -1, addr: func(*frame) int64 { return 0 }}
				}
				base, bsh = inner.addr, inner.sh
			} else {
				e := c.expr(x.PostfixExpression)
				base, bsh = e.i, valueShape(e)
			}
			off := fld.Offset()
			var lv lval
			if bsh.ok {
				lv = shaped(fld.Type(), bsh.plus(off))
			} else {
				addr := base
				if off != 0 {
					addr = func(f *frame) int64 { return base(f) + off }
				}
				lv = lval{t: fld.Type(), slot: -1, addr: addr}
			}
			if fld.IsBitfield() {
				lv.bf = fld
			}
			return lv
		case cc.PostfixExpressionComplit:
			t := x.TypeName.Type()
			off := uint64(c.temp(t))
			addr := func(f *frame) int64 { return int64(f.bp + off) }
			init := c.initList(addr, t, x.InitializerList)
			return lval{t: t, slot: -1, addr: func(f *frame) int64 {
				for _, s := range init {
					s(f)
				}
				return int64(f.bp + off)
			}}
		case cc.PostfixExpressionCall:
			// A struct returned by value: its temporary.
			e := c.postfix(x)
			return lval{t: x.Type(), slot: -1, addr: e.i}
		}
	case *cc.UnaryExpression:
		switch x.Case {
		case cc.UnaryExpressionPostfix:
			return c.lvalue(x.PostfixExpression)
		case cc.UnaryExpressionDeref:
			p := c.expr(x.CastExpression)
			t := pointee(p.t)
			if t == nil {
				c.errorf(x, "indirection requires a pointer")
				return lval{t: c.ast.Int, slot: -1, addr: func(*frame) int64 { return 0 }}
			}
			if sh := valueShape(p); sh.ok {
				return shaped(t, sh)
			}
			return lval{t: t, slot: -1, addr: p.i}
		}
	case *cc.CastExpression:
		if x.Case == cc.CastExpressionUnary {
			return c.lvalue(x.UnaryExpression)
		}
	case *cc.ConditionalExpression, *cc.AssignmentExpression:
		if classOf(n.Type()) == clAgg {
			e := c.expr(n)
			return lval{t: n.Type(), slot: -1, addr: e.i}
		}
	case *cc.ExpressionList:
		if x.ExpressionList == nil {
			return c.lvalue(x.AssignmentExpression)
		}
		if classOf(n.Type()) == clAgg {
			e := c.expr(n)
			return lval{t: n.Type(), slot: -1, addr: e.i}
		}
	}
	c.errorf(n, "expression is not assignable")
	return lval{t: c.ast.Int, slot: -1, addr: func(*frame) int64 { return 0 }}
}

func (c *compiler) index(x *cc.PostfixExpression) lval {
	p, i := c.expr(x.PostfixExpression), c.expr(x.ExpressionList)
	if !isPtr(p.t) {
		p, i = i, p
	}
	if !isPtr(p.t) || i.i == nil {
		c.errorf(x, "subscripted value is not an array or pointer")
		return lval{t: c.ast.Int, slot: -1, addr: func(*frame) int64 { return 0 }}
	}
	t := pointee(p.t)
	size := elemSize(p.t)
	if sh := valueShape(p).indexed(i, size); sh.ok {
		return shaped(t, sh)
	}
	pi, ii := p.i, i.i
	if kindOf(i.t).size == 8 && !kindOf(i.t).signed {
		// unsigned long index: same arithmetic modulo 2^64
	}
	var addr ie
	switch size {
	case 1:
		addr = func(f *frame) int64 { return pi(f) + ii(f) }
	case 4:
		addr = func(f *frame) int64 { return pi(f) + ii(f)<<2 }
	case 8:
		addr = func(f *frame) int64 { return pi(f) + ii(f)<<3 }
	default:
		addr = func(f *frame) int64 { return pi(f) + ii(f)*size }
	}
	return lval{t: t, slot: -1, addr: addr}
}

// loadLval reads an lvalue as an rvalue (arrays and functions decay).
func (c *compiler) loadLval(n cc.ExpressionNode, lv lval) expr {
	t := lv.t
	rt := t
	switch t.Kind() {
	case cc.Array, cc.Function:
		rt = n.Type()
		if classOf(rt) != clInt {
			rt = t.Decay()
		}
		return expr{t: rt, i: lv.addr, sh: lv.sh}
	}
	if lv.slot >= 0 {
		s := lv.slot
		if classOf(t) == clFloat {
			return expr{t: t, f: func(f *frame) float64 { return f64(f.slots[s]) }}
		}
		return expr{t: t, i: func(f *frame) int64 { return f.slots[s] }, reg: s + 1}
	}
	if lv.bf != nil {
		return expr{t: t, i: c.bitLoad(lv)}
	}
	if classOf(t) == clInt && t.Kind() != cc.Function {
		if i := loadShaped(kindOf(t), lv.sh); i != nil {
			return expr{t: t, i: i, ldsh: lv.sh, ldk: kindOf(t)}
		}
	}
	i, fl := loadFn(t, lv.addr)
	return expr{t: t, i: i, f: fl}
}

func (c *compiler) bitLoad(lv lval) ie {
	fld := lv.bf
	unit := fld.AccessBytes()
	shift := uint(fld.OffsetBits())
	width := uint(fld.ValueBits())
	signed := cc.IsSignedInteger(fld.Type())
	addr := lv.addr
	return func(f *frame) int64 {
		a := uint64(addr(f))
		var u uint64
		for i := int64(0); i < unit; i++ {
			u |= uint64(f.m.mem.L8(a+uint64(i))) << (8 * i)
		}
		u = (u >> shift) & (1<<width - 1)
		if signed && u&(1<<(width-1)) != 0 {
			return int64(u) - 1<<width
		}
		return int64(u)
	}
}

func (c *compiler) bitStore(lv lval, val ie) ie {
	fld := lv.bf
	unit := fld.AccessBytes()
	shift := uint(fld.OffsetBits())
	width := uint(fld.ValueBits())
	signed := cc.IsSignedInteger(fld.Type())
	addr := lv.addr
	mask := uint64(1<<width-1) << shift
	return func(f *frame) int64 {
		a := uint64(addr(f))
		v := val(f)
		var u uint64
		for i := int64(0); i < unit; i++ {
			u |= uint64(f.m.mem.L8(a+uint64(i))) << (8 * i)
		}
		u = u&^mask | (uint64(v)<<shift)&mask
		for i := int64(0); i < unit; i++ {
			f.m.mem.S8(a+uint64(i), byte(u>>(8*i)))
		}
		r := uint64(v) & (1<<width - 1)
		if signed && r&(1<<(width-1)) != 0 {
			return int64(r) - 1<<width
		}
		return int64(r)
	}
}

// storeLval assigns v (already converted to lv.t) and yields the stored value.
func (c *compiler) storeLval(lv lval, v expr) expr {
	t := lv.t
	if lv.slot >= 0 {
		s := lv.slot
		if v.f != nil {
			x := v.f
			return expr{t: t, f: func(f *frame) float64 { r := x(f); f.slots[s] = i64(r); return r }}
		}
		if v.into != nil {
			return expr{t: t, i: v.into(1, s, ldop{})}
		}
		if o := xoperandOf(v); o.k == oArith || o.k == oLd {
			return expr{t: t, i: storeSlotFused(s, o)}
		}
		x := v.i
		return expr{t: t, i: func(f *frame) int64 { r := x(f); f.slots[s] = r; return r }}
	}
	if lv.bf != nil {
		return expr{t: t, i: c.bitStore(lv, v.i)}
	}
	addr := lv.addr
	switch classOf(t) {
	case clFloat:
		x := v.f
		if isSingle(t) {
			return expr{t: t, f: func(f *frame) float64 { a := addr(f); r := x(f); f.m.mem.SF32(uint64(a), r); return r }}
		}
		return expr{t: t, f: func(f *frame) float64 { a := addr(f); r := x(f); f.m.mem.SF64(uint64(a), r); return r }}
	case clAgg:
		size := uint64(t.Size())
		x := v.i
		return expr{t: t, i: func(f *frame) int64 {
			a := addr(f)
			f.m.mem.Move(uint64(a), uint64(x(f)), size)
			return a
		}}
	}
	x := v.i
	if o, ok := ldopOf(kindOf(t), lv.sh); ok && v.into != nil {
		// The address is computed after the call: it depends on registers
		// and the frame base only, which the callee cannot change.
		return expr{t: t, i: v.into(byte(o.n), 0, o)}
	}
	if i := storeShaped(kindOf(t), lv.sh, x); i != nil {
		return expr{t: t, i: i}
	}
	switch kindOf(t).size {
	case 1:
		return expr{t: t, i: func(f *frame) int64 { a := addr(f); r := x(f); f.m.mem.S8(uint64(a), uint8(r)); return r }}
	case 2:
		return expr{t: t, i: func(f *frame) int64 { a := addr(f); r := x(f); f.m.mem.S16(uint64(a), uint16(r)); return r }}
	case 4:
		return expr{t: t, i: func(f *frame) int64 { a := addr(f); r := x(f); f.m.mem.S32(uint64(a), uint32(r)); return r }}
	}
	return expr{t: t, i: func(f *frame) int64 { a := addr(f); r := x(f); f.m.mem.S64(uint64(a), uint64(r)); return r }}
}

// once makes an lvalue whose address is computed once (for compound
// assignment and ++/--: a[i++] += 1 evaluates i++ once).
func (c *compiler) once(lv lval) (lval, func(f *frame)) {
	if lv.slot >= 0 || lv.sh.ok { // a shaped address has no side effects
		return lv, nil
	}
	tmp := c.newLocal(c.ast.Long, false).slot
	addr := lv.addr
	pre := func(f *frame) { f.slots[tmp] = addr(f) }
	lv.addr = func(f *frame) int64 { return f.slots[tmp] }
	return lv, pre
}
