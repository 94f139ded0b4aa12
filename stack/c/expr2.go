package c

import (
	"math/bits"

	cc "modernc.org/cc/v4"

	"netplay/stack/libc"
	"netplay/stack/linux/signal"
)

func (c *compiler) postfix(x *cc.PostfixExpression) expr {
	switch x.Case {
	case cc.PostfixExpressionPrimary:
		return c.expr(x.PrimaryExpression)
	case cc.PostfixExpressionIndex, cc.PostfixExpressionSelect, cc.PostfixExpressionPSelect:
		return c.loadLval(x, c.lvalue(x))
	case cc.PostfixExpressionComplit:
		lv := c.lvalue(x)
		return c.loadLval(x, lv)
	case cc.PostfixExpressionInc, cc.PostfixExpressionDec:
		return c.incDec(x.PostfixExpression, x.Case == cc.PostfixExpressionInc, true)
	case cc.PostfixExpressionCall:
		return c.call(x)
	}
	return c.bad(x, "unsupported postfix expression")
}

func (c *compiler) unary(x *cc.UnaryExpression) expr {
	switch x.Case {
	case cc.UnaryExpressionPostfix:
		return c.expr(x.PostfixExpression)
	case cc.UnaryExpressionInc, cc.UnaryExpressionDec:
		return c.incDec(x.UnaryExpression, x.Case == cc.UnaryExpressionInc, false)
	case cc.UnaryExpressionAddrof:
		lv := c.lvalue(x.CastExpression)
		if lv.slot >= 0 || lv.addr == nil {
			return c.bad(x, "cannot take the address of this expression")
		}
		if lv.bf != nil {
			return c.bad(x, "cannot take address of bit-field")
		}
		return expr{t: x.Type(), i: lv.addr, sh: lv.sh}
	case cc.UnaryExpressionDeref:
		lv := c.lvalue(x)
		if lv.t.Kind() == cc.Function {
			return expr{t: x.Type(), i: lv.addr}
		}
		return c.loadLval(x, lv)
	case cc.UnaryExpressionPlus:
		return c.conv(c.expr(x.CastExpression), x.Type())
	case cc.UnaryExpressionMinus:
		e := c.conv(c.expr(x.CastExpression), x.Type())
		if e.f != nil {
			v := e.f
			return expr{t: x.Type(), f: func(f *frame) float64 { return -v(f) }}
		}
		return expr{t: x.Type(), i: normFn(kindOf(x.Type()), negate(e.i))}
	case cc.UnaryExpressionCpl:
		e := c.conv(c.expr(x.CastExpression), x.Type())
		v := e.i
		return expr{t: x.Type(), i: normFn(kindOf(x.Type()), func(f *frame) int64 { return ^v(f) })}
	case cc.UnaryExpressionNot:
		b := c.cond(x.CastExpression)
		return expr{t: x.Type(), i: func(f *frame) int64 { return b2i(!b(f)) }, b: func(f *frame) bool { return !b(f) }}
	case cc.UnaryExpressionSizeofExpr, cc.UnaryExpressionSizeofType, cc.UnaryExpressionAlignofExpr, cc.UnaryExpressionAlignofType:
		if e, ok := c.constant(x); ok {
			return e
		}
		// sizeof of an expression that is not a constant one (a call,
		// an assignment): the size of its type; the operand is not
		// evaluated.
		var ot cc.Type
		if x.TypeName != nil {
			ot = x.TypeName.Type()
		} else if x.UnaryExpression != nil {
			ot = x.UnaryExpression.Type()
		}
		if ot != nil && !isVLA(ot) && !ot.IsIncomplete() && ot.Kind() != cc.Function {
			v := ot.Size()
			if x.Case == cc.UnaryExpressionAlignofExpr || x.Case == cc.UnaryExpressionAlignofType {
				v = int64(ot.Align())
			}
			return constI(x.Type(), v)
		}
		if ot != nil && isVLA(ot) && (x.Case == cc.UnaryExpressionSizeofExpr || x.Case == cc.UnaryExpressionSizeofType) {
			if e, ok := c.vlaSizeof(x, ot); ok {
				return e
			}
		}
		return c.bad(x, "sizeof of this variable length array is not supported by netplay")
	}
	return c.bad(x, "unsupported unary expression")
}

// vlaSizeof is sizeof of a variable length array, computed at run time:
// of an array the program declared (its size as its declaration found
// it), or of an array type (its bound evaluated now).
func (c *compiler) vlaSizeof(x *cc.UnaryExpression, t cc.Type) (expr, bool) {
	rt := x.Type()
	if x.Case == cc.UnaryExpressionSizeofExpr {
		n := x.UnaryExpression
		for {
			p, ok := n.(*cc.PrimaryExpression)
			if !ok {
				return expr{}, false
			}
			if p.Case == cc.PrimaryExpressionExpr {
				n = p.ExpressionList
				continue
			}
			d, ok := p.ResolvedTo().(*cc.Declarator)
			if !ok {
				return expr{}, false
			}
			v := c.lookupVar(p, d)
			if v.vla == nil {
				return expr{}, false
			}
			s := v.vla.size
			return expr{t: rt, i: func(f *frame) int64 { return f.slots[s] }}, true
		}
	}
	at, ok := t.(*cc.ArrayType)
	if !ok || isVLA(at.Elem()) {
		return expr{}, false
	}
	n := c.conv(c.expr(at.SizeExpression()), c.ast.Long).i
	es := at.Elem().Size()
	return expr{t: rt, i: func(f *frame) int64 { return n(f) * es }}, true
}

// isVLA reports whether t is a variable length array (or an array of
// them).
func isVLA(t cc.Type) bool {
	for {
		at, ok := t.(*cc.ArrayType)
		if !ok {
			return false
		}
		if at.IsVLA() {
			return true
		}
		t = at.Elem()
	}
}

func negate(v ie) ie { return func(f *frame) int64 { return -v(f) } }

// incDec compiles ++/-- (prefix or postfix).
func (c *compiler) incDec(n cc.ExpressionNode, inc, post bool) expr {
	lv, pre := c.once(c.lvalue(n))
	t := lv.t
	if lv.bf == nil && classOf(t) == clInt {
		d := int64(1)
		if isPtr(t) {
			d = elemSize(t)
		}
		if !inc {
			d = -d
		}
		if nk, ok := norm32(kindOf(t)); ok {
			if lv.slot >= 0 {
				return expr{t: t, i: incSlot(nk, lv.slot, d, post), rc: &recipe{k: rIncSlot, n: nk, s: lv.slot, d: d, post: post}}
			}
			if o, ok := ldopOf(kindOf(t), lv.sh); ok {
				return expr{t: t, i: incMem(nk, o, d, post)}
			}
		}
	}
	cur := c.loadLval(n, lv)
	var next expr
	switch {
	case classOf(t) == clFloat:
		d := 1.0
		if !inc {
			d = -1
		}
		v := cur.f
		single := isSingle(t)
		next = expr{t: t, f: func(f *frame) float64 {
			r := v(f) + d
			if single {
				r = float64(float32(r))
			}
			return r
		}}
	default:
		d := int64(1)
		if isPtr(t) {
			d = elemSize(t)
		}
		if !inc {
			d = -d
		}
		v := cur.i
		next = expr{t: t, i: normFn(kindOf(t), func(f *frame) int64 { return v(f) + d })}
	}
	st := c.storeLval(lv, next)
	if !post {
		if pre == nil {
			return st
		}
		if st.f != nil {
			s := st.f
			return expr{t: t, f: func(f *frame) float64 { pre(f); return s(f) }}
		}
		s := st.i
		return expr{t: t, i: func(f *frame) int64 { pre(f); return s(f) }}
	}
	// Postfix: yield the old value.
	if st.f != nil {
		s, old := st.f, cur.f
		return expr{t: t, f: func(f *frame) float64 {
			if pre != nil {
				pre(f)
			}
			o := old(f)
			s(f)
			return o
		}}
	}
	s, old := st.i, cur.i
	if pre == nil {
		return expr{t: t, i: func(f *frame) int64 { o := old(f); s(f); return o }}
	}
	return expr{t: t, i: func(f *frame) int64 { pre(f); o := old(f); s(f); return o }}
}

// binary compiles the arithmetic, shift, relational and bitwise operators.
func (c *compiler) binary(n cc.ExpressionNode, op byte, ln, rn cc.ExpressionNode) expr {
	l, r := c.expr(ln), c.expr(rn)
	return c.binop(n, op, l, r, n.Type())
}

func (c *compiler) binop(n cc.Node, op byte, l, r expr, rt cc.Type) expr {
	if (l.i == nil && l.f == nil) || (r.i == nil && r.f == nil) {
		return c.bad(n, "invalid operands")
	}
	lp, rp := isPtr(l.t), isPtr(r.t)
	switch op {
	case '+', '-':
		if lp || rp {
			return c.ptrArith(n, op, l, r, rt)
		}
	case 'l', 'g', 'L', 'G', '=', '!':
		if lp || rp {
			// Pointer comparisons are unsigned 64-bit.
			if l.f != nil || r.f != nil {
				return c.bad(n, "invalid comparison")
			}
			return cmpInt(op, intKind{8, false, false}, l, r, c.ast.Int)
		}
	}
	if op == '<' || op == '>' {
		pt := cc.IntegerPromotion(l.t)
		lc := c.conv(l, pt)
		rc := c.conv(r, cc.IntegerPromotion(r.t))
		return expr{t: pt, i: shiftOp(op, kindOf(pt), lc.i, rc.i)}
	}
	ot := cc.UsualArithmeticConversions(l.t, r.t)
	if ot == nil {
		return c.bad(n, "invalid operands to binary operator")
	}
	lc, rc := c.conv(l, ot), c.conv(r, ot)
	if classOf(ot) == clFloat {
		return floatOp(op, isSingle(ot), lc.f, rc.f, rt)
	}
	k := kindOf(ot)
	switch op {
	case 'l', 'g', 'L', 'G', '=', '!':
		return cmpInt(op, k, lc, rc, c.ast.Int)
	}
	if fn := intOpShaped(op, k, lc, rc); fn != nil {
		n, _ := norm32(k)
		return expr{t: ot, i: fn, rc: &recipe{k: rArith, op: op, n: n, l: &lc, r: &rc}}
	}
	return expr{t: ot, i: intOp(op, k, lc.i, rc.i)}
}

func (c *compiler) ptrArith(n cc.Node, op byte, l, r expr, rt cc.Type) expr {
	lp, rp := isPtr(l.t), isPtr(r.t)
	if lp && rp {
		if op != '-' {
			return c.bad(n, "invalid operands to binary +")
		}
		size := elemSize(l.t)
		li, ri := l.i, r.i
		return expr{t: rt, i: func(f *frame) int64 { return (li(f) - ri(f)) / size }}
	}
	if rp {
		l, r = r, l
	}
	if r.i == nil {
		return c.bad(n, "pointer arithmetic needs an integer")
	}
	size := elemSize(l.t)
	pi := l.i
	ii := c.conv(r, c.ast.Long).i
	if kindOf(r.t).size < 8 && !kindOf(r.t).signed {
		ii = r.i // zero-extended already
	}
	if op == '-' {
		x := ii
		ii = func(f *frame) int64 { return -x(f) }
	}
	if size == 1 {
		return expr{t: l.t, i: func(f *frame) int64 { return pi(f) + ii(f) }}
	}
	return expr{t: l.t, i: func(f *frame) int64 { return pi(f) + ii(f)*size }}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func cmpInt(op byte, k intKind, le, re expr, intType cc.Type) expr {
	e := cmpInt1(op, k, le, re, intType)
	e.rc = &recipe{k: rCmp, op: op, u: !k.signed && k.size == 8, l: &le, r: &re}
	return e
}

func cmpInt1(op byte, k intKind, le, re expr, intType cc.Type) expr {
	if b := cmpShaped(op, k, le, re); b != nil {
		return expr{t: intType, i: func(f *frame) int64 { return b2i(b(f)) }, b: b}
	}
	l, r := le.i, re.i
	var fn func(f *frame) bool
	if !k.signed && k.size == 8 {
		switch op {
		case 'l':
			fn = func(f *frame) bool { return uint64(l(f)) < uint64(r(f)) }
		case 'g':
			fn = func(f *frame) bool { return uint64(l(f)) > uint64(r(f)) }
		case 'L':
			fn = func(f *frame) bool { return uint64(l(f)) <= uint64(r(f)) }
		case 'G':
			fn = func(f *frame) bool { return uint64(l(f)) >= uint64(r(f)) }
		}
	} else {
		// Values are normalised, so int64 order is the C order (u32 is zero-extended).
		switch op {
		case 'l':
			fn = func(f *frame) bool { return l(f) < r(f) }
		case 'g':
			fn = func(f *frame) bool { return l(f) > r(f) }
		case 'L':
			fn = func(f *frame) bool { return l(f) <= r(f) }
		case 'G':
			fn = func(f *frame) bool { return l(f) >= r(f) }
		}
	}
	switch op {
	case '=':
		fn = func(f *frame) bool { return l(f) == r(f) }
	case '!':
		fn = func(f *frame) bool { return l(f) != r(f) }
	}
	return expr{t: intType, i: func(f *frame) int64 { return b2i(fn(f)) }, b: fn}
}

func floatOp(op byte, single bool, l, r fe, rt cc.Type) expr {
	var fn fe
	switch op {
	case '+':
		fn = func(f *frame) float64 { return l(f) + r(f) }
	case '-':
		fn = func(f *frame) float64 { return l(f) - r(f) }
	case '*':
		fn = func(f *frame) float64 { return l(f) * r(f) }
	case '/':
		fn = func(f *frame) float64 { return l(f) / r(f) }
	case 'l':
		return expr{t: rt, i: func(f *frame) int64 { return b2i(l(f) < r(f)) }}
	case 'g':
		return expr{t: rt, i: func(f *frame) int64 { return b2i(l(f) > r(f)) }}
	case 'L':
		return expr{t: rt, i: func(f *frame) int64 { return b2i(l(f) <= r(f)) }}
	case 'G':
		return expr{t: rt, i: func(f *frame) int64 { return b2i(l(f) >= r(f)) }}
	case '=':
		return expr{t: rt, i: func(f *frame) int64 { return b2i(l(f) == r(f)) }}
	case '!':
		return expr{t: rt, i: func(f *frame) int64 { return b2i(l(f) != r(f)) }}
	default:
		return expr{t: rt, i: func(*frame) int64 { fault("invalid floating point operation", signal.SIGABRT); return 0 }}
	}
	if single {
		g := fn
		fn = func(f *frame) float64 { return float64(float32(g(f))) }
	}
	return expr{t: rt, f: fn}
}

// intOp is an arithmetic or bitwise operator on operands of kind k (int,
// unsigned, long or unsigned long after the usual conversions).
func intOp(op byte, k intKind, l, r ie) ie {
	var fn ie
	switch op {
	case '+':
		fn = func(f *frame) int64 { return l(f) + r(f) }
	case '-':
		fn = func(f *frame) int64 { return l(f) - r(f) }
	case '*':
		fn = func(f *frame) int64 { return l(f) * r(f) }
	case '&':
		return func(f *frame) int64 { return l(f) & r(f) }
	case '|':
		return func(f *frame) int64 { return l(f) | r(f) }
	case '^':
		fn = func(f *frame) int64 { return l(f) ^ r(f) }
	case '/', '%':
		return divOp(op, k, l, r)
	}
	if k.size == 8 {
		return fn
	}
	return normFn(k, fn)
}

func divOp(op byte, k intKind, l, r ie) ie {
	switch {
	case k.signed && k.size == 4:
		if op == '/' {
			return func(f *frame) int64 {
				a, b := l(f), r(f)
				if b == 0 || (b == -1 && a == -1<<31) {
					fpe()
				}
				return a / b
			}
		}
		return func(f *frame) int64 {
			a, b := l(f), r(f)
			if b == 0 || (b == -1 && a == -1<<31) {
				fpe()
			}
			return a % b
		}
	case k.signed:
		if op == '/' {
			return func(f *frame) int64 {
				a, b := l(f), r(f)
				if b == 0 || (b == -1 && a == -1<<63) {
					fpe()
				}
				return a / b
			}
		}
		return func(f *frame) int64 {
			a, b := l(f), r(f)
			if b == 0 || (b == -1 && a == -1<<63) {
				fpe()
			}
			return a % b
		}
	}
	// Unsigned (u32 values are zero-extended, so 64-bit unsigned math is exact).
	if op == '/' {
		return func(f *frame) int64 {
			a, b := uint64(l(f)), uint64(r(f))
			if b == 0 {
				fpe()
			}
			return int64(a / b)
		}
	}
	return func(f *frame) int64 {
		a, b := uint64(l(f)), uint64(r(f))
		if b == 0 {
			fpe()
		}
		return int64(a % b)
	}
}

func shiftOp(op byte, k intKind, l, r ie) ie {
	mask := int64(31)
	if k.size == 8 {
		mask = 63
	}
	if op == '<' {
		return normFn(k, func(f *frame) int64 { return l(f) << uint(r(f)&mask) })
	}
	if k.signed {
		return func(f *frame) int64 { return l(f) >> uint(r(f)&mask) }
	}
	return func(f *frame) int64 { return int64(uint64(l(f)) >> uint(r(f)&mask)) }
}

func (c *compiler) conditional(x *cc.ConditionalExpression) expr {
	cond := c.cond(x.LogicalOrExpression)
	t := x.Type()
	var a expr
	if x.ExpressionList == nil {
		return c.bad(x, "the ?: operator with an omitted operand is not supported")
	}
	a = c.expr(x.ExpressionList)
	b := c.expr(x.ConditionalExpression)
	if classOf(t) != clVoid && classOf(t) != clAgg {
		a, b = c.conv(a, t), c.conv(b, t)
	}
	if classOf(t) == clFloat {
		af, bf := a.f, b.f
		return expr{t: t, f: func(f *frame) float64 {
			if cond(f) {
				return af(f)
			}
			return bf(f)
		}}
	}
	ai, bi := c.exprI(a), c.exprI(b)
	return expr{t: t, i: func(f *frame) int64 {
		if cond(f) {
			return ai(f)
		}
		return bi(f)
	}}
}

// exprI returns e as an int closure that also works for void and float
// (evaluated for effect).
func (c *compiler) exprI(e expr) ie {
	if e.i != nil {
		return e.i
	}
	if e.f != nil {
		x := e.f
		return func(f *frame) int64 { x(f); return 0 }
	}
	return func(*frame) int64 { return 0 }
}

func (c *compiler) assign(x *cc.AssignmentExpression) expr {
	lv := c.lvalue(x.UnaryExpression)
	t := lv.t
	if x.Case == cc.AssignmentExpressionAssign {
		r := c.expr(x.AssignmentExpression)
		if classOf(t) == clAgg && classOf(r.t) != clAgg {
			return c.bad(x, "incompatible types in assignment")
		}
		return c.storeLval(lv, c.conv(r, t))
	}
	op := map[cc.AssignmentExpressionCase]byte{
		cc.AssignmentExpressionMul: '*', cc.AssignmentExpressionDiv: '/', cc.AssignmentExpressionMod: '%',
		cc.AssignmentExpressionAdd: '+', cc.AssignmentExpressionSub: '-', cc.AssignmentExpressionLsh: '<',
		cc.AssignmentExpressionRsh: '>', cc.AssignmentExpressionAnd: '&', cc.AssignmentExpressionXor: '^',
		cc.AssignmentExpressionOr: '|',
	}[x.Case]
	lv, pre := c.once(lv)
	cur := c.loadLval(x.UnaryExpression, lv)
	r := c.expr(x.AssignmentExpression)
	if fn, rc := c.rmw(op, lv, r); fn != nil {
		return expr{t: t, i: fn, rc: rc}
	}
	res := c.binop(x, op, cur, r, t)
	st := c.storeLval(lv, c.conv(res, t))
	if pre == nil {
		return st
	}
	if st.f != nil {
		s := st.f
		return expr{t: t, f: func(f *frame) float64 { pre(f); return s(f) }}
	}
	s := st.i
	return expr{t: t, i: func(f *frame) int64 { pre(f); return s(f) }}
}

// rmw returns lv op= r as one fused closure (fuse.go) when lv is a register
// slot or a shaped 4- or 8-byte integer object of a kind the operation
// keeps (int += int, not char += int), or nil.
func (c *compiler) rmw(op byte, lv lval, r expr) (ie, *recipe) {
	switch op {
	case '+', '-', '*', '&', '|', '^':
	default:
		return nil, nil
	}
	t := lv.t
	if lv.bf != nil || classOf(t) != clInt || isPtr(t) || r.i == nil || r.f != nil || isPtr(r.t) || classOf(r.t) != clInt {
		return nil, nil
	}
	ot := cc.UsualArithmeticConversions(t, r.t)
	if ot == nil || kindOf(ot) != kindOf(t) {
		return nil, nil
	}
	n, ok := norm32(kindOf(t))
	if !ok {
		return nil, nil
	}
	rc := c.conv(r, ot)
	if lv.slot >= 0 {
		return rmwSlot(op, n, lv.slot, rc), &recipe{k: rRmwSlot, op: op, n: n, s: lv.slot, l: &rc}
	}
	if o, ok := ldopOf(kindOf(t), lv.sh); ok {
		return rmwMem(op, n, o, rc), nil
	}
	return nil, nil
}

// call compiles a function call.
func (c *compiler) call(x *cc.PostfixExpression) expr {
	var argNodes []cc.ExpressionNode
	for l := x.ArgumentExpressionList; l != nil; l = l.ArgumentExpressionList {
		argNodes = append(argNodes, l.AssignmentExpression)
	}
	rt := x.Type()
	// Direct calls by name, and the builtins the compiler implements.
	var fn *function
	var dft *cc.FunctionType // the callee's type as this unit declares it
	if p, ok := x.PostfixExpression.(*cc.PrimaryExpression); ok && p.Case == cc.PrimaryExpressionIdent {
		name := p.Token.SrcStr()
		if e, ok := c.builtin(x, name, argNodes); ok {
			return e
		}
		if d, ok := p.ResolvedTo().(*cc.Declarator); ok && d.Type().Kind() == cc.Function {
			fn = c.useFunc(d, x)
			dft, _ = d.Type().(*cc.FunctionType)
		} else if p.ResolvedTo() == nil {
			return c.bad(x, "implicit declaration of function '%s'", name)
		}
	}
	var ft *cc.FunctionType
	var target ie
	if fn != nil {
		ft = dft
	} else {
		callee := c.expr(x.PostfixExpression)
		t := callee.t
		if pt, ok := t.(*cc.PointerType); ok {
			t = pt.Elem()
		}
		ft, _ = t.(*cc.FunctionType)
		target = callee.i
		if ft == nil || target == nil {
			return c.bad(x, "called object is not a function or function pointer")
		}
	}
	var params []*cc.Parameter
	if ft != nil {
		for _, p := range ft.Parameters() {
			if p.Type().Kind() != cc.Void {
				params = append(params, p)
			}
		}
		if !ft.IsVariadic() && len(params) > 0 && len(argNodes) != len(params) {
			return c.bad(x, "wrong number of arguments to function (%d, want %d)", len(argNodes), len(params))
		}
	}
	args := make([]ie, len(argNodes)) // each argument's bits
	argx := make([]expr, len(argNodes))
	for i, an := range argNodes {
		a := c.expr(an)
		if i < len(params) {
			a = c.conv(a, params[i].Type())
		} else if a.f != nil && isSingle(a.t) {
			a = c.conv(a, c.ast.Double)
		}
		args[i] = c.bits(a)
		argx[i] = a
	}
	n := len(args)
	ln := c.line(x)
	var retOff uint64
	agg := classOf(rt) == clAgg
	if agg {
		retOff = uint64(c.temp(rt))
	}
	var run func(f *frame) int64
	var callInto func(dk byte, ds int, dl ldop) ie
	switch {
	case fn != nil && fn.lib != nil && !fn.defined && !c.definedLater(fn):
		lib := fn.lib
		run = func(f *frame) int64 {
			m := f.m
			base := m.pushArgs(n)
			for i := n - 1; i >= 0; i-- { // right to left, as gcc on amd64
				m.astack[base+i] = uint64(args[i](f))
			}
			r := lib(m.proc, m.astack[base:base+n:base+n])
			m.asp = base
			m.line = ln
			return int64(r)
		}
	case fn != nil && fn.defined && !agg:
		// The arguments that are registers, constants, loads or addresses
		// are read inline (callFused).
		ops := make([]operand, n)
		for i := range ops {
			a := argx[i]
			switch {
			case a.f != nil || a.i == nil:
				ops[i] = operand{k: oFn, fn: args[i]}
			case a.sh.ok && !a.cst && a.reg == 0:
				ops[i] = operand{k: oAt, ld: shapeLd(a.sh)}
			default:
				ops[i] = operandOf(a)
			}
		}
		generic := func(f *frame) int64 {
			m := f.m
			base := m.pushArgs(n)
			for i := n - 1; i >= 0; i-- { // right to left, as gcc on amd64
				m.astack[base+i] = uint64(args[i](f))
			}
			r := m.call(fn, m.astack[base:base+n:base+n], 0)
			m.asp = base
			m.line = ln
			return r
		}
		into := callFused(fn, ln, ops, generic)
		run = into(0, 0, ldop{})
		callInto = into
	case fn != nil:
		run = func(f *frame) int64 {
			m := f.m
			base := m.pushArgs(n)
			for i := n - 1; i >= 0; i-- { // right to left, as gcc on amd64
				m.astack[base+i] = uint64(args[i](f))
			}
			var ra uint64
			if agg {
				ra = f.bp + retOff
			}
			var r int64
			if fn.defined {
				r = m.call(fn, m.astack[base:base+n:base+n], ra)
			} else {
				r = m.invoke(fn, m.astack[base:base+n:base+n], ra)
			}
			m.asp = base
			m.line = ln
			if agg {
				return int64(ra)
			}
			return r
		}
	default:
		run = func(f *frame) int64 {
			m := f.m
			fv := uint64(target(f))
			base := m.pushArgs(n)
			for i := n - 1; i >= 0; i-- { // right to left, as gcc on amd64
				m.astack[base+i] = uint64(args[i](f))
			}
			var ra uint64
			if agg {
				ra = f.bp + retOff
			}
			r := m.invoke(m.fnAt(fv), m.astack[base:base+n:base+n], ra)
			m.asp = base
			m.line = ln
			if agg {
				return int64(ra)
			}
			return r
		}
	}
	switch classOf(rt) {
	case clFloat:
		single := isSingle(rt)
		return expr{t: rt, f: func(f *frame) float64 {
			v := f64(run(f))
			if single {
				v = float64(float32(v))
			}
			return v
		}}
	case clVoid, clAgg:
		return expr{t: rt, i: run}
	}
	if fn != nil && fn.defined {
		return expr{t: rt, i: run, into: callInto} // return converted the value to rt
	}
	return expr{t: rt, i: normFn(kindOf(rt), run)}
}

// definedLater reports whether fn has a C definition (known after pass 1).
func (c *compiler) definedLater(fn *function) bool { return fn.defined }

// fnAt returns the function a function pointer value designates.
func (m *machine) fnAt(v uint64) *function {
	i := (v - fnBase) / 16
	if v < fnBase || (v-fnBase)%16 != 0 || i >= uint64(len(m.prog.funcs)) {
		libc.Segv()
	}
	return m.prog.funcs[i]
}

// invoke calls a C or library function.
func (m *machine) invoke(fn *function, args []uint64, retAddr uint64) int64 {
	if fn.defined {
		return m.call(fn, args, retAddr)
	}
	if fn.lib != nil {
		return int64(fn.lib(m.proc, args))
	}
	fault("call to undefined function "+fn.name, signal.SIGABRT)
	return 0
}

// builtin compiles the calls the compiler implements itself.
func (c *compiler) builtin(x *cc.PostfixExpression, name string, args []cc.ExpressionNode) (expr, bool) {
	rt := x.Type()
	switch name {
	case "__netplay_va_start":
		if c.fn == nil || !c.fn.variadic {
			return c.bad(x, "va_start used in a function with fixed arguments"), true
		}
		return expr{t: rt, i: func(f *frame) int64 { return int64(f.va) }}, true
	case "__builtin_va_arg_impl":
		if len(args) != 1 {
			return c.bad(x, "va_arg needs a va_list"), true
		}
		lv, pre := c.once(c.lvalue(args[0]))
		cur := c.loadLval(args[0], lv).i
		next := c.storeLval(lv, expr{t: lv.t, i: func(f *frame) int64 { return cur(f) + 8 }}).i
		return expr{t: rt, i: func(f *frame) int64 {
			if pre != nil {
				pre(f)
			}
			v := cur(f)
			next(f)
			return v
		}}, true
	case "__builtin_expect":
		if len(args) == 2 {
			return c.conv(c.expr(args[0]), rt), true
		}
	case "__builtin_bswap16", "__builtin_bswap32", "__builtin_bswap64":
		if len(args) == 1 {
			a := c.conv(c.expr(args[0]), rt).i
			switch name {
			case "__builtin_bswap16":
				return expr{t: rt, i: func(f *frame) int64 { return int64(bits.ReverseBytes16(uint16(a(f)))) }}, true
			case "__builtin_bswap32":
				return expr{t: rt, i: func(f *frame) int64 { return int64(bits.ReverseBytes32(uint32(a(f)))) }}, true
			}
			return expr{t: rt, i: func(f *frame) int64 { return int64(bits.ReverseBytes64(uint64(a(f)))) }}, true
		}
	case "__builtin_unreachable", "__builtin_trap":
		return expr{t: rt, i: func(*frame) int64 { fault(signal.SIGILL.Text(), signal.SIGILL); return 0 }}, true
	}
	return expr{}, false
}
