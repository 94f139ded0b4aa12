package c

import (
	"netplay/stack/libc"

	"netplay/stack/linux/signal"
)

// Specialised closures for the hottest operator shapes. A closure call per
// operand is most of the interpreter's cost, so a binary operator whose
// operands are register slots or constants reads them directly. Each case
// computes exactly what the generic closures do (intOp, cmpInt).

// norm32 says how a result of kind k is normalised: 's' int32, 'u' uint32,
// 0 none (64-bit). ok is false for kinds the shapes do not cover.
func norm32(k intKind) (n byte, ok bool) {
	switch {
	case k.bool_:
		return 0, false
	case k.size == 8:
		return 0, true
	case k.size == 4 && k.signed:
		return 's', true
	case k.size == 4:
		return 'u', true
	}
	return 0, false
}

// arith applies a non-dividing integer operator and normalises the result.
func arith(op, n byte, a, b int64) int64 {
	var v int64
	switch op {
	case '+':
		v = a + b
	case '-':
		v = a - b
	case '*':
		v = a * b
	case '&':
		v = a & b
	case '|':
		v = a | b
	default: // '^'
		v = a ^ b
	}
	return norm(n, v)
}

// intOpShaped returns one closure for l op r (normalised), or nil for
// the operators and kinds intOp handles alone.
func intOpShaped(op byte, k intKind, l, r expr) ie {
	switch op {
	case '+', '-', '*', '&', '|', '^':
	default:
		return nil
	}
	n, ok := norm32(k)
	if !ok {
		return nil
	}
	if fn := arithFused(op, n, l, r); fn != nil {
		return fn
	}
	switch {
	case l.reg > 0 && r.cst:
		a, b := l.reg-1, r.cv
		return func(f *frame) int64 { return arith(op, n, f.slots[a], b) }
	case l.reg > 0 && r.reg > 0:
		a, b := l.reg-1, r.reg-1
		return func(f *frame) int64 { return arith(op, n, f.slots[a], f.slots[b]) }
	case r.cst:
		x, b := l.i, r.cv
		return func(f *frame) int64 { return arith(op, n, x(f), b) }
	case l.cst:
		a, y := l.cv, r.i
		return func(f *frame) int64 { return arith(op, n, a, y(f)) }
	case r.reg > 0:
		x, b := l.i, r.reg-1
		return func(f *frame) int64 { return arith(op, n, x(f), f.slots[b]) }
	case l.reg > 0:
		a, y := l.reg-1, r.i
		return func(f *frame) int64 { return arith(op, n, f.slots[a], y(f)) }
	}
	x, y := l.i, r.i
	return func(f *frame) int64 { return arith(op, n, x(f), y(f)) }
}

// compare applies a relational or equality operator; unsigned64 compares
// as uint64 (values are normalised, so int64 order is C's otherwise).
func compare(op byte, unsigned64 bool, a, b int64) bool {
	if unsigned64 {
		switch op {
		case 'l':
			return uint64(a) < uint64(b)
		case 'g':
			return uint64(a) > uint64(b)
		case 'L':
			return uint64(a) <= uint64(b)
		case 'G':
			return uint64(a) >= uint64(b)
		}
	}
	switch op {
	case 'l':
		return a < b
	case 'g':
		return a > b
	case 'L':
		return a <= b
	case 'G':
		return a >= b
	case '=':
		return a == b
	}
	return a != b
}

// cmpShaped returns a specialised comparison of l op r, or nil.
func cmpShaped(op byte, k intKind, l, r expr) func(f *frame) bool {
	u := !k.signed && k.size == 8
	if b := cmpFused(op, u, l, r); b != nil {
		return b
	}
	switch {
	case l.reg > 0 && r.cst:
		a, b := l.reg-1, r.cv
		return func(f *frame) bool { return compare(op, u, f.slots[a], b) }
	case l.reg > 0 && r.reg > 0:
		a, b := l.reg-1, r.reg-1
		return func(f *frame) bool { return compare(op, u, f.slots[a], f.slots[b]) }
	case r.cst:
		x, b := l.i, r.cv
		return func(f *frame) bool { return compare(op, u, x(f), b) }
	case r.reg > 0:
		x, b := l.i, r.reg-1
		return func(f *frame) bool { return compare(op, u, x(f), f.slots[b]) }
	case l.reg > 0:
		a, y := l.reg-1, r.i
		return func(f *frame) bool { return compare(op, u, f.slots[a], y(f)) }
	}
	return nil
}

// ashape describes an address computed without side effects as
// off + base + idx*size, where base is a register slot (bReg), the frame's
// memory base (bBP) or nothing, and idx an optional register slot. Loads
// and stores through such an address need one closure instead of a chain.
type ashape struct {
	ok   bool
	base byte // 0 none, bReg slots[r], bBP the frame base
	r    int
	idx  bool
	r2   int
	size int64
	off  int64
}

const (
	bReg = 1
	bBP  = 2
)

// closure returns the address computation as one closure of its form.
func (s *ashape) closure() ie {
	r, r2, size, off := s.r, s.r2, s.size, s.off
	switch s.form() {
	case fReg:
		return func(f *frame) int64 { return f.slots[r] + off }
	case fBP:
		return func(f *frame) int64 { return int64(f.bp) + off }
	case fConst:
		return func(*frame) int64 { return off }
	case fRegIdx:
		return func(f *frame) int64 { return f.slots[r] + f.slots[r2]*size + off }
	case fBPIdx:
		return func(f *frame) int64 { return int64(f.bp) + f.slots[r2]*size + off }
	}
	return func(f *frame) int64 { return f.slots[r2]*size + off }
}

// valueShape is the address shape of a pointer value e, if it has one.
func valueShape(e expr) ashape {
	switch {
	case e.sh.ok:
		return e.sh
	case e.reg > 0:
		return ashape{ok: true, base: bReg, r: e.reg - 1}
	case e.cst:
		return ashape{ok: true, off: e.cv}
	}
	return ashape{}
}

// plus returns s + off.
func (s ashape) plus(off int64) ashape {
	s.off += off
	return s
}

// indexed returns s + i*size for an index i that is a register or a
// constant, or no shape.
func (s ashape) indexed(i expr, size int64) ashape {
	switch {
	case !s.ok:
	case i.cst:
		return s.plus(i.cv * size)
	case i.reg > 0 && !s.idx:
		s.idx, s.r2, s.size = true, i.reg-1, size
		return s
	}
	return ashape{}
}

// The forms of an address shape; each load and store below is written out
// per form so that the address arithmetic is inline in one closure.
const (
	fReg = iota
	fBP
	fConst
	fIdx
	fRegIdx
	fBPIdx
)

func (s *ashape) form() int {
	switch {
	case s.base == bReg && !s.idx:
		return fReg
	case s.base == bBP && !s.idx:
		return fBP
	case !s.idx:
		return fConst
	case s.base == bReg:
		return fRegIdx
	case s.base == bBP:
		return fBPIdx
	}
	return fIdx
}

// loadShaped loads an integer of kind k from a shaped address, or nil.
func loadShaped(k intKind, s ashape) ie {
	if !s.ok || k.bool_ {
		return nil
	}
	r, r2, size, off := s.r, s.r2, s.size, s.off
	switch {
	case k.size == 4 && k.signed:
		switch s.form() {
		case fReg:
			return func(f *frame) int64 { return int64(int32(f.m.mem.L32(uint64(f.slots[r] + off)))) }
		case fBP:
			return func(f *frame) int64 { return int64(int32(f.m.mem.L32(f.bp + uint64(off)))) }
		case fConst:
			return func(f *frame) int64 { return int64(int32(f.m.mem.L32(uint64(off)))) }
		case fIdx:
			return func(f *frame) int64 { return int64(int32(f.m.mem.L32(uint64(f.slots[r2]*size + off)))) }
		case fRegIdx:
			return func(f *frame) int64 { return int64(int32(f.m.mem.L32(uint64(f.slots[r] + f.slots[r2]*size + off)))) }
		case fBPIdx:
			return func(f *frame) int64 { return int64(int32(f.m.mem.L32(f.bp + uint64(f.slots[r2]*size+off)))) }
		}
	case k.size == 4:
		switch s.form() {
		case fReg:
			return func(f *frame) int64 { return int64(f.m.mem.L32(uint64(f.slots[r] + off))) }
		case fBP:
			return func(f *frame) int64 { return int64(f.m.mem.L32(f.bp + uint64(off))) }
		case fConst:
			return func(f *frame) int64 { return int64(f.m.mem.L32(uint64(off))) }
		case fIdx:
			return func(f *frame) int64 { return int64(f.m.mem.L32(uint64(f.slots[r2]*size + off))) }
		case fRegIdx:
			return func(f *frame) int64 { return int64(f.m.mem.L32(uint64(f.slots[r] + f.slots[r2]*size + off))) }
		case fBPIdx:
			return func(f *frame) int64 { return int64(f.m.mem.L32(f.bp + uint64(f.slots[r2]*size+off))) }
		}
	case k.size == 8:
		switch s.form() {
		case fReg:
			return func(f *frame) int64 { return int64(f.m.mem.L64(uint64(f.slots[r] + off))) }
		case fBP:
			return func(f *frame) int64 { return int64(f.m.mem.L64(f.bp + uint64(off))) }
		case fConst:
			return func(f *frame) int64 { return int64(f.m.mem.L64(uint64(off))) }
		case fIdx:
			return func(f *frame) int64 { return int64(f.m.mem.L64(uint64(f.slots[r2]*size + off))) }
		case fRegIdx:
			return func(f *frame) int64 { return int64(f.m.mem.L64(uint64(f.slots[r] + f.slots[r2]*size + off))) }
		case fBPIdx:
			return func(f *frame) int64 { return int64(f.m.mem.L64(f.bp + uint64(f.slots[r2]*size+off))) }
		}
	case k.size == 1 && k.signed:
		switch s.form() {
		case fReg:
			return func(f *frame) int64 { return int64(int8(f.m.mem.L8(uint64(f.slots[r] + off)))) }
		case fBP:
			return func(f *frame) int64 { return int64(int8(f.m.mem.L8(f.bp + uint64(off)))) }
		case fConst:
			return func(f *frame) int64 { return int64(int8(f.m.mem.L8(uint64(off)))) }
		case fIdx:
			return func(f *frame) int64 { return int64(int8(f.m.mem.L8(uint64(f.slots[r2]*size + off)))) }
		case fRegIdx:
			return func(f *frame) int64 { return int64(int8(f.m.mem.L8(uint64(f.slots[r] + f.slots[r2]*size + off)))) }
		case fBPIdx:
			return func(f *frame) int64 { return int64(int8(f.m.mem.L8(f.bp + uint64(f.slots[r2]*size+off)))) }
		}
	case k.size == 1:
		switch s.form() {
		case fReg:
			return func(f *frame) int64 { return int64(f.m.mem.L8(uint64(f.slots[r] + off))) }
		case fBP:
			return func(f *frame) int64 { return int64(f.m.mem.L8(f.bp + uint64(off))) }
		case fConst:
			return func(f *frame) int64 { return int64(f.m.mem.L8(uint64(off))) }
		case fIdx:
			return func(f *frame) int64 { return int64(f.m.mem.L8(uint64(f.slots[r2]*size + off))) }
		case fRegIdx:
			return func(f *frame) int64 { return int64(f.m.mem.L8(uint64(f.slots[r] + f.slots[r2]*size + off))) }
		case fBPIdx:
			return func(f *frame) int64 { return int64(f.m.mem.L8(f.bp + uint64(f.slots[r2]*size+off))) }
		}
	}
	return nil
}

// storeShaped stores x (of kind k) at a shaped address and yields it, or nil.
func storeShaped(k intKind, s ashape, x ie) ie {
	if !s.ok || k.bool_ {
		return nil
	}
	r, r2, size, off := s.r, s.r2, s.size, s.off
	switch k.size {
	case 4:
		switch s.form() {
		case fReg:
			return func(f *frame) int64 { a := uint64(f.slots[r] + off); v := x(f); f.m.mem.S32(a, uint32(v)); return v }
		case fBP:
			return func(f *frame) int64 { a := f.bp + uint64(off); v := x(f); f.m.mem.S32(a, uint32(v)); return v }
		case fConst:
			return func(f *frame) int64 { a := uint64(off); v := x(f); f.m.mem.S32(a, uint32(v)); return v }
		case fIdx:
			return func(f *frame) int64 {
				a := uint64(f.slots[r2]*size + off)
				v := x(f)
				f.m.mem.S32(a, uint32(v))
				return v
			}
		case fRegIdx:
			return func(f *frame) int64 {
				a := uint64(f.slots[r] + f.slots[r2]*size + off)
				v := x(f)
				f.m.mem.S32(a, uint32(v))
				return v
			}
		case fBPIdx:
			return func(f *frame) int64 {
				a := f.bp + uint64(f.slots[r2]*size+off)
				v := x(f)
				f.m.mem.S32(a, uint32(v))
				return v
			}
		}
	case 8:
		switch s.form() {
		case fReg:
			return func(f *frame) int64 { a := uint64(f.slots[r] + off); v := x(f); f.m.mem.S64(a, uint64(v)); return v }
		case fBP:
			return func(f *frame) int64 { a := f.bp + uint64(off); v := x(f); f.m.mem.S64(a, uint64(v)); return v }
		case fConst:
			return func(f *frame) int64 { a := uint64(off); v := x(f); f.m.mem.S64(a, uint64(v)); return v }
		case fIdx:
			return func(f *frame) int64 {
				a := uint64(f.slots[r2]*size + off)
				v := x(f)
				f.m.mem.S64(a, uint64(v))
				return v
			}
		case fRegIdx:
			return func(f *frame) int64 {
				a := uint64(f.slots[r] + f.slots[r2]*size + off)
				v := x(f)
				f.m.mem.S64(a, uint64(v))
				return v
			}
		case fBPIdx:
			return func(f *frame) int64 {
				a := f.bp + uint64(f.slots[r2]*size+off)
				v := x(f)
				f.m.mem.S64(a, uint64(v))
				return v
			}
		}
	case 1:
		switch s.form() {
		case fReg:
			return func(f *frame) int64 { a := uint64(f.slots[r] + off); v := x(f); f.m.mem.S8(a, uint8(v)); return v }
		case fBP:
			return func(f *frame) int64 { a := f.bp + uint64(off); v := x(f); f.m.mem.S8(a, uint8(v)); return v }
		case fConst:
			return func(f *frame) int64 { a := uint64(off); v := x(f); f.m.mem.S8(a, uint8(v)); return v }
		case fIdx:
			return func(f *frame) int64 {
				a := uint64(f.slots[r2]*size + off)
				v := x(f)
				f.m.mem.S8(a, uint8(v))
				return v
			}
		case fRegIdx:
			return func(f *frame) int64 {
				a := uint64(f.slots[r] + f.slots[r2]*size + off)
				v := x(f)
				f.m.mem.S8(a, uint8(v))
				return v
			}
		case fBPIdx:
			return func(f *frame) int64 {
				a := f.bp + uint64(f.slots[r2]*size+off)
				v := x(f)
				f.m.mem.S8(a, uint8(v))
				return v
			}
		}
	}
	return nil
}

// ldop is an int, unsigned, long or unsigned long load from a shaped
// address, as an operand of the fused closures below. Its address is
// computed without branches (an unused base is masked off, an unused index
// multiplied by 0; slot 0 always exists), so that get is small enough to
// be inlined into them.
type ldop struct {
	off           int64
	r, r2         int
	rm, bpm, size int64  // rm, bpm: -1 to add slots[r], bp; else 0
	n             uint64 // 4 or 8 bytes
	sh            uint   // 32: sign-extend a 4-byte value
}

// ldopOf returns the load of kind k at s, if k is a 4- or 8-byte integer.
func ldopOf(k intKind, s ashape) (ldop, bool) {
	if !s.ok || k.bool_ || (k.size != 4 && k.size != 8) {
		return ldop{}, false
	}
	o := shapeLd(s)
	o.n = uint64(k.size)
	if k.signed && k.size == 4 {
		o.sh = 32
	}
	return o, true
}

// shapeLd returns the address computation of s as an ldop.
func shapeLd(s ashape) ldop {
	o := ldop{off: s.off}
	switch s.base {
	case bReg:
		o.r, o.rm = s.r, -1
	case bBP:
		o.bpm = -1
	}
	if s.idx {
		o.r2, o.size = s.r2, s.size
	}
	return o
}

// segv is the panic of a faulting access (libc.Segv's), ready as an interface.
var segv any = libc.Fault{Msg: signal.SIGSEGV.Text(), Signal: signal.SIGSEGV}

func (o *ldop) at(f *frame) uint64 {
	return uint64(o.off + f.slots[o.r]&o.rm + int64(f.bp)&o.bpm + f.slots[o.r2]*o.size)
}

// get4 loads a 4-byte o, get8 an 8-byte one.
func (o *ldop) get4(f *frame) int64 {
	a := o.at(f)
	b := f.m.mem.B
	if a-libc.Guard > uint64(len(b))-(libc.Guard+4) {
		panic(segv)
	}
	return int64(uint64(libc.Load32(b, a))<<o.sh) >> o.sh
}

func (o *ldop) get8(f *frame) int64 {
	a := o.at(f)
	b := f.m.mem.B
	if a-libc.Guard > uint64(len(b))-(libc.Guard+8) {
		panic(segv)
	}
	return int64(libc.Load64(b, a))
}
