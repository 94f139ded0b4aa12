package c

// Fused closures: an operator whose operands are loads from shaped
// addresses (p->x, a[i], a global), and the read-modify-write of compound
// assignment and ++/--, run as one closure instead of a chain. A closure
// call is dear in Go's wasm port (no registers across calls, a resumable
// frame per call), so these save most where the page runs. Each computes
// exactly what the closures of shape.go and expr*.go compute, in the same
// order: the left operand before the right one, an lvalue's address before
// the value stored there.
//
// The closures that read operands inline (arithFused, cmpFused, rmwSlot,
// rmwMem, and those of fusestmt.go and calls) are generated from the
// templates in internal/genop into *_gen.go: go generate after editing them.

//go:generate go run ./internal/cmd/genop

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
