package c

import (
	cc "modernc.org/cc/v4"

	"netplay/stack/libc"
)

// The statements that read their operands inline: conditions (comparisons
// of values joined by && or ||, two at most), a for loop's step, stores to
// a register, return and call arguments. Their closures (ifStm, forStm,
// storeSlotFused, returnFused, callFused) are generated into
// fusestmt_gen.go and call_gen.go from the templates in internal/genop, in
// two variants: natively they switch on the kind of each operand
// (operand); in Go's wasm port (leafReads) they read the leaves and vals
// below, with fewer taken jumps (internal/genop/reads.tmpl says why).

// leaves reports whether the closures compiled now read leaves: always in
// the wasm port (leafReads), natively when a test asks for them
// (leavesForTest), so that the fast tier of the tests checks the wasm
// variant against gcc as well (TestCorpusDifferential). It is read only
// while compiling, never by a closure.
func leaves() bool { return leafReads || leavesForTest }

// leavesForTest is set only by tests, which do not compile in parallel.
var leavesForTest bool

// leaf is an operand read with one taken jump (reads.tmpl's "leaf"):
//
//	u = slots[r]&rm + k (slot 0 always exists)
//	slow, fn: u = fn(f)
//	slow, no fn: u += bp&bpm + slots[r2]*size; ld: u = the n-byte integer at u
//	v = u, or its low 32 bits sign- (sx) or zero-extended when s is 32
type leaf struct {
	slow, ld, sx   bool
	s              uint8
	r, r2          int
	rm, k, bpm, sz int64
	n, hoff, hm    uint64 // bytes loaded; the high half's offset and mask
	fn             ie
}

func (o *leaf) load(f *frame, a uint64) uint64 {
	b := f.m.mem.B
	if a-libc.Guard > uint64(len(b))-(libc.Guard+o.n) {
		panic(segv)
	}
	return uint64(libc.Load32(b, a)) | uint64(libc.Load32(b, a+o.hoff))<<32&o.hm
}

// ext is norm by shifts: the low 64-s bits of u, sign-extended when sx.
func ext(s uint8, sx bool, u uint64) int64 {
	u <<= s
	v := int64(u) >> s
	if !sx {
		v = int64(u >> s)
	}
	return v
}

// normBits returns the ext parameters of a norm32 kind.
func normBits(n byte) (uint8, bool) {
	switch n {
	case 's':
		return 32, true
	case 'u':
		return 32, false
	}
	return 0, false
}

// arithB is arith without its switch (before normalisation).
func arithB(op byte, a, b int64) int64 {
	v := a + b
	if op == '-' {
		v = a - b
	}
	if op == '*' {
		v = a * b
	}
	if op == '&' {
		v = a & b
	}
	if op == '|' {
		v = a | b
	}
	if op == '^' {
		v = a ^ b
	}
	return v
}

// leafOf returns the leaf reading o, which is not an oArith.
func leafOf(o operand) leaf {
	switch o.k {
	case oReg:
		return leaf{r: o.r, rm: -1}
	case oCst:
		return leaf{k: o.v}
	case oRegN:
		s, sx := normBits(o.n)
		return leaf{r: o.r, rm: -1, s: s, sx: sx}
	case oLd, oAt:
		l := leaf{slow: true, r: o.ld.r, rm: o.ld.rm, k: o.ld.off, bpm: o.ld.bpm, r2: o.ld.r2, sz: o.ld.size}
		if o.k == oLd {
			l.ld, l.n = true, o.ld.n
			if o.ld.n == 8 {
				l.hoff, l.hm = 4, 0xffff_ffff_0000_0000
			} else {
				l.s, l.sx = 32, o.ld.sh == 32
			}
		}
		return l
	}
	return leaf{slow: true, fn: o.fn}
}

// val is l[0] (d 0), t = l[0] op1 l[1] (d 1), or t op2 l[2] (d 2; rev:
// l[2] op2 t, l[2] read after t, which then reads no closure), each
// operator's result normalised by ext(s, sx) (reads.tmpl's "val").
type val struct {
	l        [3]leaf
	d        uint8
	op1, op2 byte
	s1, s2   uint8
	sx1, sx2 bool
	rev      bool
}

// valOf returns the val reading o (an xoperandOf).
func valOf(o operand) val {
	if o.k != oArith {
		return val{l: [3]leaf{leafOf(o)}}
	}
	p, q := o.sub[0], o.sub[1]
	v := val{d: 1, op1: o.op}
	v.s1, v.sx1 = normBits(o.n)
	switch {
	case p.k != oArith && q.k != oArith:
		v.l[0], v.l[1] = leafOf(p), leafOf(q)
		return v
	case p.k == oArith && q.k != oArith && p.sub[0].k != oArith && p.sub[1].k != oArith:
		v.l[0], v.l[1], v.l[2] = leafOf(p.sub[0]), leafOf(p.sub[1]), leafOf(q)
		v.op1, v.op2 = p.op, o.op
	case p.k != oArith && p.k != oFn && q.k == oArith && q.sub[0].k != oArith && q.sub[1].k != oArith && q.sub[0].k != oFn && q.sub[1].k != oFn:
		v.l[0], v.l[1], v.l[2] = leafOf(q.sub[0]), leafOf(q.sub[1]), leafOf(p)
		v.op1, v.op2, v.rev = q.op, o.op, true
	default:
		// Deeper: the operands that are operators are read by their closures.
		if p.k == oArith {
			p = operand{k: oFn, fn: p.fn}
		}
		if q.k == oArith {
			q = operand{k: oFn, fn: q.fn}
		}
		v.l[0], v.l[1] = leafOf(p), leafOf(q)
		return v
	}
	v.d = 2
	v.s2, v.sx2 = v.s1, v.sx1
	inner := p
	if v.rev {
		inner = q
	}
	v.s1, v.sx1 = normBits(inner.n)
	return v
}

// fcond is a condition as its statement reads it: fn(f), or the
// comparisons c joined by && (or false) or || (or true); no comparison is
// true (for (;;)).
type fcond struct {
	c  []fcmp
	or bool
	fn func(*frame) bool
}

// fcmp is compare(op, u, l, r).
type fcmp struct {
	op   byte
	u    bool
	l, r operand

	// leaves(): l and r as vals, op and u as cmpB's bits and um.
	bits   uint8
	um     int64
	lv, rv val
}

func fcmpOf(e *expr) (fcmp, bool) {
	if e.f != nil || e.rc == nil || e.rc.k != rCmp {
		return fcmp{}, false
	}
	cm := fcmp{op: e.rc.op, u: e.rc.u, l: xoperandOf(*e.rc.l), r: xoperandOf(*e.rc.r)}
	if leaves() {
		cm.bits, cm.lv, cm.rv = cmpBits(cm.op), condVal(cm.l), condVal(cm.r)
		if cm.u {
			cm.um = -1 << 63
		}
	}
	return cm, true
}

// fcondOf returns the condition n, compiled to e.
func (c *compiler) fcondOf(n cc.ExpressionNode, e expr) fcond {
	fn := c.condOf(n, e)
	if leaves() {
		return leafCond(e, fn)
	}
	if e.f == nil {
		if a, ok := fcmpOf(&e); ok {
			return fcond{c: []fcmp{a}}
		}
		if rc := e.rc; rc != nil && (rc.k == rAnd || rc.k == rOr) {
			a, ok1 := fcmpOf(rc.l)
			b, ok2 := fcmpOf(rc.r)
			if ok1 && ok2 {
				return fcond{c: []fcmp{a, b}, or: rc.k == rOr}
			}
		}
	}
	return fcond{fn: fn}
}

// fpost is a for loop's step.
type fpost struct {
	k     byte
	op, n byte
	s     int
	d     int64
	fn    ie
}

const (
	fpNone = iota
	fpInc  // slots[s] = norm(n, slots[s]+d)
	fpRmw  // slots[s] = arith(op, n, slots[s], d)
	fpFn   // fn(f)
)

func fpostOf(c *compiler, e expr) fpost {
	if rc := e.rc; rc != nil && e.f == nil {
		switch {
		case rc.k == rIncSlot:
			return fpost{k: fpInc, n: rc.n, s: rc.s, d: rc.d}
		case rc.k == rRmwSlot && rc.l.cst:
			return fpost{k: fpRmw, op: rc.op, n: rc.n, s: rc.s, d: rc.l.cv}
		}
	}
	return fpost{k: fpFn, fn: c.exprI(e)}
}

// condVal is the val a condition reads for o: one operator at most (a
// deeper one is read by its closure).
func condVal(o operand) val {
	v := valOf(o)
	if v.d > 1 {
		return val{l: [3]leaf{{fn: o.fn}}}
	}
	return v
}

// cmpBits returns the cmpB bits of a comparison operator: bit 0 for <,
// 1 for ==, 2 for >.
func cmpBits(op byte) uint8 {
	return map[byte]uint8{'l': 1, 'L': 3, '=': 2, '!': 5, 'g': 4, 'G': 6}[op]
}

// cmpB is compare without a switch; um flips the sign bits of both sides
// for an unsigned 64-bit comparison.
func cmpB(bits uint8, um, x, y int64) bool {
	x ^= um
	y ^= um
	r := bits & 1
	if x == y {
		r = bits & 2
	}
	if x > y {
		r = bits & 4
	}
	return r != 0
}

// leafCond is fcondOf for leaves(): every condition is comparisons, a
// value that is not one reads as value != 0 (truthOf), so that ifLeaf and
// forLeaf have no closure to check for.
func leafCond(e expr, fn func(*frame) bool) fcond {
	if a, ok := fcmpOf(&e); ok {
		return fcond{c: []fcmp{a}}
	}
	if rc := e.rc; e.f == nil && rc != nil && (rc.k == rAnd || rc.k == rOr) {
		a, ok1 := fcmpOf(rc.l)
		if !ok1 {
			a, ok1 = truthOf(rc.l)
		}
		b, ok2 := fcmpOf(rc.r)
		if !ok2 {
			b, ok2 = truthOf(rc.r)
		}
		if ok1 && ok2 {
			return fcond{c: []fcmp{a, b}, or: rc.k == rOr}
		}
	}
	if a, ok := truthOf(&e); ok {
		return fcond{c: []fcmp{a}}
	}
	// Floating point (or void, reported by condOf): fn, as a leaf.
	return fcond{c: []fcmp{{bits: cmpBits('!'), lv: val{l: [3]leaf{{slow: true, fn: func(f *frame) int64 { return b2i(fn(f)) }}}}}}}
}

// truthOf is the comparison e != 0 of an integer or pointer e (its value
// is normalised, so != 0 is C's truth), or false.
func truthOf(e *expr) (fcmp, bool) {
	if e.f != nil || e.i == nil {
		return fcmp{}, false
	}
	return fcmp{op: '!', bits: cmpBits('!'), lv: condVal(xoperandOf(*e))}, true
}
