package c

// Fused closures: an operator whose operands are loads from shaped
// addresses (p->x, a[i], a global), and the read-modify-write of compound
// assignment and ++/--, run as one closure instead of a chain. A closure
// call is dear in Go's wasm port (no registers across calls, a resumable
// frame per call), so these save most where the page runs. Each computes
// exactly what the closures of shape.go and expr*.go compute, in the same
// order: the left operand before the right one, an lvalue's address before
// the value stored there.

// operand is how a fused closure reads one operand.
type operand struct {
	k   byte // oFn, oReg, oCst, oLd, oRegN, oAt, oArith
	n   byte // oRegN's and oArith's norm32
	op  byte // oArith's operator
	sub *[2]operand
	fn  ie // the operand's closure, whatever k (oAt: none)
	r   int
	v   int64
	ld  ldop
}

const (
	oFn = iota
	oReg
	oCst
	oLd
	oAt    // the address ld.at (call arguments only)
	oRegN  // norm(n, slots[r]): (unsigned)i
	oArith // arith(op, n, sub[0], sub[1]) (xoperandOf)
)

func operandOf(e expr) operand {
	switch {
	case e.cst:
		return operand{k: oCst, v: e.cv, fn: e.i}
	case e.reg > 0:
		return operand{k: oReg, r: e.reg - 1, fn: e.i}
	}
	if o, ok := ldopOf(e.ldk, e.ldsh); ok {
		return operand{k: oLd, ld: o, fn: e.i}
	}
	if rc := e.rc; rc != nil && rc.k == rNorm && rc.l.reg > 0 && rc.l.f == nil {
		if n, ok := norm32(rc.nk); ok && rc.nk.size == 4 {
			return operand{k: oRegN, n: n, r: rc.l.reg - 1, fn: e.i}
		}
	}
	return operand{k: oFn, fn: e.i}
}

// xoperandOf is operandOf for the statement closures of fusestmt.go, which
// also read arithmetic inline (an oArith their reads do not reach they call
// as fn).
func xoperandOf(e expr) operand {
	if rc := e.rc; rc != nil && rc.k == rArith {
		return operand{k: oArith, op: rc.op, n: rc.n, sub: &[2]operand{xoperandOf(*rc.l), xoperandOf(*rc.r)}, fn: e.i}
	}
	return operandOf(e)
}

// ldGet loads o (4 or 8 bytes); each fused closure writes it out so that
// get4 and get8 are inlined.
//
//	if o.n == 8 { v = o.get8(f) } else { v = o.get4(f) }

// norm applies a norm32 normalisation.
func norm(n byte, v int64) int64 {
	switch n {
	case 's':
		return int64(int32(v))
	case 'u':
		return int64(uint32(v))
	}
	return v
}

// arithFused returns l op r for a non-dividing operator of norm32 kind n,
// where at least one operand is a load, or nil.
func arithFused(op, n byte, le, re expr) ie {
	l, r := operandOf(le), operandOf(re)
	switch {
	case l.k == oLd && r.k == oCst:
		lo, b := l.ld, r.v
		return func(f *frame) int64 {
			var a int64
			if lo.n == 8 {
				a = lo.get8(f)
			} else {
				a = lo.get4(f)
			}
			return arith(op, n, a, b)
		}
	case l.k == oLd && r.k == oReg:
		lo, rb := l.ld, r.r
		return func(f *frame) int64 {
			var a int64
			if lo.n == 8 {
				a = lo.get8(f)
			} else {
				a = lo.get4(f)
			}
			return arith(op, n, a, f.slots[rb])
		}
	case l.k == oLd && r.k == oLd:
		lo, ro := l.ld, r.ld
		return func(f *frame) int64 {
			var a, b int64
			if lo.n == 8 {
				a = lo.get8(f)
			} else {
				a = lo.get4(f)
			}
			if ro.n == 8 {
				b = ro.get8(f)
			} else {
				b = ro.get4(f)
			}
			return arith(op, n, a, b)
		}
	case l.k == oLd && r.k == oFn:
		lo, y := l.ld, r.fn
		return func(f *frame) int64 {
			var a int64
			if lo.n == 8 {
				a = lo.get8(f)
			} else {
				a = lo.get4(f)
			}
			return arith(op, n, a, y(f))
		}
	case l.k == oReg && r.k == oLd:
		ra, ro := l.r, r.ld
		return func(f *frame) int64 {
			a := f.slots[ra]
			var b int64
			if ro.n == 8 {
				b = ro.get8(f)
			} else {
				b = ro.get4(f)
			}
			return arith(op, n, a, b)
		}
	case r.k == oLd && (l.k == oFn || l.k == oCst):
		x, ro := le.i, r.ld
		return func(f *frame) int64 {
			a := x(f)
			var b int64
			if ro.n == 8 {
				b = ro.get8(f)
			} else {
				b = ro.get4(f)
			}
			return arith(op, n, a, b)
		}
	}
	return nil
}

// cmpFused returns the comparison l op r where at least one operand is a
// load, or nil.
func cmpFused(op byte, u bool, le, re expr) func(f *frame) bool {
	l, r := operandOf(le), operandOf(re)
	switch {
	case l.k == oLd && r.k == oCst:
		lo, b := l.ld, r.v
		return func(f *frame) bool {
			var a int64
			if lo.n == 8 {
				a = lo.get8(f)
			} else {
				a = lo.get4(f)
			}
			return compare(op, u, a, b)
		}
	case l.k == oLd && r.k == oReg:
		lo, rb := l.ld, r.r
		return func(f *frame) bool {
			var a int64
			if lo.n == 8 {
				a = lo.get8(f)
			} else {
				a = lo.get4(f)
			}
			return compare(op, u, a, f.slots[rb])
		}
	case l.k == oLd && r.k == oLd:
		lo, ro := l.ld, r.ld
		return func(f *frame) bool {
			var a, b int64
			if lo.n == 8 {
				a = lo.get8(f)
			} else {
				a = lo.get4(f)
			}
			if ro.n == 8 {
				b = ro.get8(f)
			} else {
				b = ro.get4(f)
			}
			return compare(op, u, a, b)
		}
	case l.k == oLd && r.k == oFn:
		lo, y := l.ld, r.fn
		return func(f *frame) bool {
			var a int64
			if lo.n == 8 {
				a = lo.get8(f)
			} else {
				a = lo.get4(f)
			}
			return compare(op, u, a, y(f))
		}
	case l.k == oReg && r.k == oLd:
		ra, ro := l.r, r.ld
		return func(f *frame) bool {
			a := f.slots[ra]
			var b int64
			if ro.n == 8 {
				b = ro.get8(f)
			} else {
				b = ro.get4(f)
			}
			return compare(op, u, a, b)
		}
	}
	return nil
}

// rmwSlot returns slot op= r (already of the slot's norm32 kind n), or nil.
func rmwSlot(op, n byte, s int, re expr) ie {
	r := operandOf(re)
	switch r.k {
	case oCst:
		b := r.v
		return func(f *frame) int64 { v := arith(op, n, f.slots[s], b); f.slots[s] = v; return v }
	case oReg:
		rb := r.r
		return func(f *frame) int64 { v := arith(op, n, f.slots[s], f.slots[rb]); f.slots[s] = v; return v }
	case oLd:
		ro := r.ld
		return func(f *frame) int64 {
			var b int64
			if ro.n == 8 {
				b = ro.get8(f)
			} else {
				b = ro.get4(f)
			}
			v := arith(op, n, f.slots[s], b)
			f.slots[s] = v
			return v
		}
	}
	y := re.i
	return func(f *frame) int64 {
		a := f.slots[s]
		v := arith(op, n, a, y(f))
		f.slots[s] = v
		return v
	}
}

// rmwMem returns *at op= r for the 4- or 8-byte object the load o reads
// (r already of its norm32 kind n), or nil. The address is computed once,
// before r; the store checks it again, as r may have grown the memory.
func rmwMem(op, n byte, o ldop, re expr) ie {
	r := operandOf(re)
	nsh, nsx := normBits(n) // leafReads: arith without its switches
	if o.n == 8 {
		switch r.k {
		case oCst:
			b := r.v
			return func(f *frame) int64 {
				a := o.at(f)
				var v int64
				if leafReads {
					v = ext(nsh, nsx, uint64(arithB(op, int64(f.m.mem.L64(a)), b)))
				} else {
					v = arith(op, n, int64(f.m.mem.L64(a)), b)
				}
				f.m.mem.S64(a, uint64(v))
				return v
			}
		case oLd:
			ro := r.ld
			return func(f *frame) int64 {
				a := o.at(f)
				cur := int64(f.m.mem.L64(a))
				var b int64
				if ro.n == 8 {
					b = ro.get8(f)
				} else {
					b = ro.get4(f)
				}
				var v int64
				if leafReads {
					v = ext(nsh, nsx, uint64(arithB(op, cur, b)))
				} else {
					v = arith(op, n, cur, b)
				}
				f.m.mem.S64(a, uint64(v))
				return v
			}
		}
		y := operandFn(r, re)
		return func(f *frame) int64 {
			a := o.at(f)
			cur := int64(f.m.mem.L64(a))
			var v int64
			if leafReads {
				v = ext(nsh, nsx, uint64(arithB(op, cur, y(f))))
			} else {
				v = arith(op, n, cur, y(f))
			}
			f.m.mem.S64(a, uint64(v))
			return v
		}
	}
	sh := o.sh
	switch r.k {
	case oCst:
		b := r.v
		return func(f *frame) int64 {
			a := o.at(f)
			cur := int64(uint64(f.m.mem.L32(a))<<sh) >> sh
			var v int64
			if leafReads {
				v = ext(nsh, nsx, uint64(arithB(op, cur, b)))
			} else {
				v = arith(op, n, cur, b)
			}
			f.m.mem.S32(a, uint32(v))
			return v
		}
	case oLd:
		ro := r.ld
		return func(f *frame) int64 {
			a := o.at(f)
			cur := int64(uint64(f.m.mem.L32(a))<<sh) >> sh
			var b int64
			if ro.n == 8 {
				b = ro.get8(f)
			} else {
				b = ro.get4(f)
			}
			var v int64
			if leafReads {
				v = ext(nsh, nsx, uint64(arithB(op, cur, b)))
			} else {
				v = arith(op, n, cur, b)
			}
			f.m.mem.S32(a, uint32(v))
			return v
		}
	}
	y := operandFn(r, re)
	return func(f *frame) int64 {
		a := o.at(f)
		cur := int64(uint64(f.m.mem.L32(a))<<sh) >> sh
		var v int64
		if leafReads {
			v = ext(nsh, nsx, uint64(arithB(op, cur, y(f))))
		} else {
			v = arith(op, n, cur, y(f))
		}
		f.m.mem.S32(a, uint32(v))
		return v
	}
}

// operandFn returns a register or computed operand as a closure.
func operandFn(r operand, e expr) ie {
	if r.k == oReg {
		s := r.r
		return func(f *frame) int64 { return f.slots[s] }
	}
	return e.i
}

// incSlot returns ++/-- of a register slot of norm32 kind n by d: the new
// value, or the old one for postfix.
//
// Not inlined: copied into a big function, its closure would not inline
// what it calls.
//
//go:noinline
func incSlot(n byte, s int, d int64, post bool) ie {
	if post {
		return func(f *frame) int64 { v := f.slots[s]; f.slots[s] = norm(n, v+d); return v }
	}
	return func(f *frame) int64 { v := norm(n, f.slots[s]+d); f.slots[s] = v; return v }
}

// incMem is incSlot for the 4- or 8-byte object the load o reads.
//
// Not inlined: copied into a big function, its closure would not inline
// what it calls.
//
//go:noinline
func incMem(n byte, o ldop, d int64, post bool) ie {
	if o.n == 8 {
		return func(f *frame) int64 {
			a := o.at(f)
			v := int64(f.m.mem.L64(a))
			nv := norm(n, v+d)
			f.m.mem.S64(a, uint64(nv))
			if post {
				return v
			}
			return nv
		}
	}
	sh := o.sh
	return func(f *frame) int64 {
		a := o.at(f)
		v := int64(uint64(f.m.mem.L32(a))<<sh) >> sh
		nv := norm(n, v+d)
		f.m.mem.S32(a, uint32(nv))
		if post {
			return v
		}
		return nv
	}
}

// A recipe records what a compiled value is computed from, for the
// statements that read their condition or step inline (fusestmt.go).
const (
	rCmp     = iota + 1 // compare(op, u, l, r)
	rArith              // arith(op, n, l, r)
	rNorm               // nk.normalize(l)
	rRmwSlot            // slots[s] = arith(op, n, slots[s], l)
	rIncSlot            // slots[s] = norm(n, slots[s]+d), post: the old value
	rAnd                // l && r
	rOr                 // l || r
)

type recipe struct {
	k    byte
	op   byte
	n    byte
	u    bool
	post bool
	nk   intKind
	l, r *expr
	s    int
	d    int64
}
