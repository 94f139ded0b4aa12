package c

import (
	cc "modernc.org/cc/v4"

	"netplay/stack/libc"
)

// Statement closures that read their operands inline: conditions
// (comparisons of values joined by && or ||, two at most), a for loop's
// step, stores to a register, return and call arguments.
//
// Natively the closures switch on the kind of each operand (operand). In
// Go's wasm port (leafReads, leafreads_on.go) they read leaves and vals
// instead: every taken jump there goes through the function's dispatch
// table, an indirect jump that mostly mispredicts, and a switch takes
// several; a leaf takes one. The reads are written out in each closure (a
// function doing them would be too big to be inlined).

// leaf is an operand read with one taken jump:
//
//	u = slots[r]&rm + k (slot 0 always exists)
//	slow, fn: u = fn(f)
//	slow, no fn: u += bp&bpm + slots[r2]*size; ld: u = the n-byte integer at u
//	v = u, or its low 32 bits sign- (sx) or zero-extended when s is 32
//
// A leaf reads:
//
//	u := uint64(f.slots[lf.r]&lf.rm + lf.k)
//	if lf.slow {
//		if lf.fn == nil {
//			u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
//			if lf.ld {
//				u = lf.load(f, u)
//			}
//		} else {
//			u = uint64(lf.fn(f))
//		}
//	}
//	v := ext(lf.s, lf.sx, u)
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
// operator's result normalised by ext(s, sx).
//
// A val reads:
//
//	x := <leaf o.l[0]>
//	if o.d != 0 {
//		y := <leaf o.l[1]>
//		x = ext(o.s1, o.sx1, uint64(arithB(o.op1, x, y)))
//		if o.d > 1 {
//			y := <leaf o.l[2]>
//			if o.rev {
//				x, y = y, x
//			}
//			x = ext(o.s2, o.sx2, uint64(arithB(o.op2, x, y)))
//		}
//	}
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

	// leafReads: l and r as vals, op and u as cmpB's bits and um.
	bits   uint8
	um     int64
	lv, rv val
}

func fcmpOf(e *expr) (fcmp, bool) {
	if e.f != nil || e.rc == nil || e.rc.k != rCmp {
		return fcmp{}, false
	}
	cm := fcmp{op: e.rc.op, u: e.rc.u, l: xoperandOf(*e.rc.l), r: xoperandOf(*e.rc.r)}
	if leafReads {
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
	if leafReads {
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

// ifStm runs then when fc holds, else els (nil: nothing).
//
// Not inlined: copied into a big function, its closure would not inline
// what it calls.
//
//go:noinline
func ifStm(ln int, fc fcond, then, els stm) stm {
	if leafReads {
		return ifLeaf(ln, fc, then, els)
	}
	return func(f *frame) ctl {
		f.m.line = ln
		ok := true
		if fc.fn != nil {
			ok = fc.fn(f)
		} else if len(fc.c) > 0 {
			cm := &fc.c[0]
			var x, y int64
			switch cm.l.k {
			case oReg:
				x = f.slots[cm.l.r]
			case oCst:
				x = cm.l.v
			case oRegN:
				x = norm(cm.l.n, f.slots[cm.l.r])
			case oLd:
				if cm.l.ld.n == 8 {
					x = cm.l.ld.get8(f)
				} else {
					x = cm.l.ld.get4(f)
				}
			case oArith:
				var p, q int64
				switch cm.l.sub[0].k {
				case oReg:
					p = f.slots[cm.l.sub[0].r]
				case oCst:
					p = cm.l.sub[0].v
				case oRegN:
					p = norm(cm.l.sub[0].n, f.slots[cm.l.sub[0].r])
				case oLd:
					if cm.l.sub[0].ld.n == 8 {
						p = cm.l.sub[0].ld.get8(f)
					} else {
						p = cm.l.sub[0].ld.get4(f)
					}
				default:
					p = cm.l.sub[0].fn(f)
				}
				switch cm.l.sub[1].k {
				case oReg:
					q = f.slots[cm.l.sub[1].r]
				case oCst:
					q = cm.l.sub[1].v
				case oRegN:
					q = norm(cm.l.sub[1].n, f.slots[cm.l.sub[1].r])
				case oLd:
					if cm.l.sub[1].ld.n == 8 {
						q = cm.l.sub[1].ld.get8(f)
					} else {
						q = cm.l.sub[1].ld.get4(f)
					}
				default:
					q = cm.l.sub[1].fn(f)
				}
				x = arith(cm.l.op, cm.l.n, p, q)
			default:
				x = cm.l.fn(f)
			}
			switch cm.r.k {
			case oReg:
				y = f.slots[cm.r.r]
			case oCst:
				y = cm.r.v
			case oRegN:
				y = norm(cm.r.n, f.slots[cm.r.r])
			case oLd:
				if cm.r.ld.n == 8 {
					y = cm.r.ld.get8(f)
				} else {
					y = cm.r.ld.get4(f)
				}
			case oArith:
				var p, q int64
				switch cm.r.sub[0].k {
				case oReg:
					p = f.slots[cm.r.sub[0].r]
				case oCst:
					p = cm.r.sub[0].v
				case oRegN:
					p = norm(cm.r.sub[0].n, f.slots[cm.r.sub[0].r])
				case oLd:
					if cm.r.sub[0].ld.n == 8 {
						p = cm.r.sub[0].ld.get8(f)
					} else {
						p = cm.r.sub[0].ld.get4(f)
					}
				default:
					p = cm.r.sub[0].fn(f)
				}
				switch cm.r.sub[1].k {
				case oReg:
					q = f.slots[cm.r.sub[1].r]
				case oCst:
					q = cm.r.sub[1].v
				case oRegN:
					q = norm(cm.r.sub[1].n, f.slots[cm.r.sub[1].r])
				case oLd:
					if cm.r.sub[1].ld.n == 8 {
						q = cm.r.sub[1].ld.get8(f)
					} else {
						q = cm.r.sub[1].ld.get4(f)
					}
				default:
					q = cm.r.sub[1].fn(f)
				}
				y = arith(cm.r.op, cm.r.n, p, q)
			default:
				y = cm.r.fn(f)
			}
			ok = compare(cm.op, cm.u, x, y)
			if len(fc.c) > 1 && ok != fc.or {
				cm = &fc.c[1]
				var x, y int64
				switch cm.l.k {
				case oReg:
					x = f.slots[cm.l.r]
				case oCst:
					x = cm.l.v
				case oRegN:
					x = norm(cm.l.n, f.slots[cm.l.r])
				case oLd:
					if cm.l.ld.n == 8 {
						x = cm.l.ld.get8(f)
					} else {
						x = cm.l.ld.get4(f)
					}
				case oArith:
					var p, q int64
					switch cm.l.sub[0].k {
					case oReg:
						p = f.slots[cm.l.sub[0].r]
					case oCst:
						p = cm.l.sub[0].v
					case oRegN:
						p = norm(cm.l.sub[0].n, f.slots[cm.l.sub[0].r])
					case oLd:
						if cm.l.sub[0].ld.n == 8 {
							p = cm.l.sub[0].ld.get8(f)
						} else {
							p = cm.l.sub[0].ld.get4(f)
						}
					default:
						p = cm.l.sub[0].fn(f)
					}
					switch cm.l.sub[1].k {
					case oReg:
						q = f.slots[cm.l.sub[1].r]
					case oCst:
						q = cm.l.sub[1].v
					case oRegN:
						q = norm(cm.l.sub[1].n, f.slots[cm.l.sub[1].r])
					case oLd:
						if cm.l.sub[1].ld.n == 8 {
							q = cm.l.sub[1].ld.get8(f)
						} else {
							q = cm.l.sub[1].ld.get4(f)
						}
					default:
						q = cm.l.sub[1].fn(f)
					}
					x = arith(cm.l.op, cm.l.n, p, q)
				default:
					x = cm.l.fn(f)
				}
				switch cm.r.k {
				case oReg:
					y = f.slots[cm.r.r]
				case oCst:
					y = cm.r.v
				case oRegN:
					y = norm(cm.r.n, f.slots[cm.r.r])
				case oLd:
					if cm.r.ld.n == 8 {
						y = cm.r.ld.get8(f)
					} else {
						y = cm.r.ld.get4(f)
					}
				case oArith:
					var p, q int64
					switch cm.r.sub[0].k {
					case oReg:
						p = f.slots[cm.r.sub[0].r]
					case oCst:
						p = cm.r.sub[0].v
					case oRegN:
						p = norm(cm.r.sub[0].n, f.slots[cm.r.sub[0].r])
					case oLd:
						if cm.r.sub[0].ld.n == 8 {
							p = cm.r.sub[0].ld.get8(f)
						} else {
							p = cm.r.sub[0].ld.get4(f)
						}
					default:
						p = cm.r.sub[0].fn(f)
					}
					switch cm.r.sub[1].k {
					case oReg:
						q = f.slots[cm.r.sub[1].r]
					case oCst:
						q = cm.r.sub[1].v
					case oRegN:
						q = norm(cm.r.sub[1].n, f.slots[cm.r.sub[1].r])
					case oLd:
						if cm.r.sub[1].ld.n == 8 {
							q = cm.r.sub[1].ld.get8(f)
						} else {
							q = cm.r.sub[1].ld.get4(f)
						}
					default:
						q = cm.r.sub[1].fn(f)
					}
					y = arith(cm.r.op, cm.r.n, p, q)
				default:
					y = cm.r.fn(f)
				}
				ok = compare(cm.op, cm.u, x, y)
			}
		}
		if ok {
			return then(f)
		}
		if els != nil {
			return els(f)
		}
		return cNext
	}
}

// forStm is for (init; fc; post) body, and while (fc) body with neither
// init nor post (one more predictable branch an iteration).
//
// Not inlined: copied into a big function, its closure would not inline
// what it calls.
//
//go:noinline
func forStm(ln int, init []item, fc fcond, post fpost, body item) stm {
	if leafReads {
		return forLeaf(ln, init, fc, post, body)
	}
	be, bs, bln, bl := body.e, body.s, body.ln, body.list
	return func(f *frame) ctl {
		m := f.m
		m.line = ln
		for i := range init {
			init[i].run(f)
		}
		for {
			m.line = ln
			ok := true
			if fc.fn != nil {
				ok = fc.fn(f)
			} else if len(fc.c) > 0 {
				cm := &fc.c[0]
				var x, y int64
				switch cm.l.k {
				case oReg:
					x = f.slots[cm.l.r]
				case oCst:
					x = cm.l.v
				case oRegN:
					x = norm(cm.l.n, f.slots[cm.l.r])
				case oLd:
					if cm.l.ld.n == 8 {
						x = cm.l.ld.get8(f)
					} else {
						x = cm.l.ld.get4(f)
					}
				case oArith:
					var p, q int64
					switch cm.l.sub[0].k {
					case oReg:
						p = f.slots[cm.l.sub[0].r]
					case oCst:
						p = cm.l.sub[0].v
					case oRegN:
						p = norm(cm.l.sub[0].n, f.slots[cm.l.sub[0].r])
					case oLd:
						if cm.l.sub[0].ld.n == 8 {
							p = cm.l.sub[0].ld.get8(f)
						} else {
							p = cm.l.sub[0].ld.get4(f)
						}
					default:
						p = cm.l.sub[0].fn(f)
					}
					switch cm.l.sub[1].k {
					case oReg:
						q = f.slots[cm.l.sub[1].r]
					case oCst:
						q = cm.l.sub[1].v
					case oRegN:
						q = norm(cm.l.sub[1].n, f.slots[cm.l.sub[1].r])
					case oLd:
						if cm.l.sub[1].ld.n == 8 {
							q = cm.l.sub[1].ld.get8(f)
						} else {
							q = cm.l.sub[1].ld.get4(f)
						}
					default:
						q = cm.l.sub[1].fn(f)
					}
					x = arith(cm.l.op, cm.l.n, p, q)
				default:
					x = cm.l.fn(f)
				}
				switch cm.r.k {
				case oReg:
					y = f.slots[cm.r.r]
				case oCst:
					y = cm.r.v
				case oRegN:
					y = norm(cm.r.n, f.slots[cm.r.r])
				case oLd:
					if cm.r.ld.n == 8 {
						y = cm.r.ld.get8(f)
					} else {
						y = cm.r.ld.get4(f)
					}
				case oArith:
					var p, q int64
					switch cm.r.sub[0].k {
					case oReg:
						p = f.slots[cm.r.sub[0].r]
					case oCst:
						p = cm.r.sub[0].v
					case oRegN:
						p = norm(cm.r.sub[0].n, f.slots[cm.r.sub[0].r])
					case oLd:
						if cm.r.sub[0].ld.n == 8 {
							p = cm.r.sub[0].ld.get8(f)
						} else {
							p = cm.r.sub[0].ld.get4(f)
						}
					default:
						p = cm.r.sub[0].fn(f)
					}
					switch cm.r.sub[1].k {
					case oReg:
						q = f.slots[cm.r.sub[1].r]
					case oCst:
						q = cm.r.sub[1].v
					case oRegN:
						q = norm(cm.r.sub[1].n, f.slots[cm.r.sub[1].r])
					case oLd:
						if cm.r.sub[1].ld.n == 8 {
							q = cm.r.sub[1].ld.get8(f)
						} else {
							q = cm.r.sub[1].ld.get4(f)
						}
					default:
						q = cm.r.sub[1].fn(f)
					}
					y = arith(cm.r.op, cm.r.n, p, q)
				default:
					y = cm.r.fn(f)
				}
				ok = compare(cm.op, cm.u, x, y)
				if len(fc.c) > 1 && ok != fc.or {
					cm = &fc.c[1]
					var x, y int64
					switch cm.l.k {
					case oReg:
						x = f.slots[cm.l.r]
					case oCst:
						x = cm.l.v
					case oRegN:
						x = norm(cm.l.n, f.slots[cm.l.r])
					case oLd:
						if cm.l.ld.n == 8 {
							x = cm.l.ld.get8(f)
						} else {
							x = cm.l.ld.get4(f)
						}
					case oArith:
						var p, q int64
						switch cm.l.sub[0].k {
						case oReg:
							p = f.slots[cm.l.sub[0].r]
						case oCst:
							p = cm.l.sub[0].v
						case oRegN:
							p = norm(cm.l.sub[0].n, f.slots[cm.l.sub[0].r])
						case oLd:
							if cm.l.sub[0].ld.n == 8 {
								p = cm.l.sub[0].ld.get8(f)
							} else {
								p = cm.l.sub[0].ld.get4(f)
							}
						default:
							p = cm.l.sub[0].fn(f)
						}
						switch cm.l.sub[1].k {
						case oReg:
							q = f.slots[cm.l.sub[1].r]
						case oCst:
							q = cm.l.sub[1].v
						case oRegN:
							q = norm(cm.l.sub[1].n, f.slots[cm.l.sub[1].r])
						case oLd:
							if cm.l.sub[1].ld.n == 8 {
								q = cm.l.sub[1].ld.get8(f)
							} else {
								q = cm.l.sub[1].ld.get4(f)
							}
						default:
							q = cm.l.sub[1].fn(f)
						}
						x = arith(cm.l.op, cm.l.n, p, q)
					default:
						x = cm.l.fn(f)
					}
					switch cm.r.k {
					case oReg:
						y = f.slots[cm.r.r]
					case oCst:
						y = cm.r.v
					case oRegN:
						y = norm(cm.r.n, f.slots[cm.r.r])
					case oLd:
						if cm.r.ld.n == 8 {
							y = cm.r.ld.get8(f)
						} else {
							y = cm.r.ld.get4(f)
						}
					case oArith:
						var p, q int64
						switch cm.r.sub[0].k {
						case oReg:
							p = f.slots[cm.r.sub[0].r]
						case oCst:
							p = cm.r.sub[0].v
						case oRegN:
							p = norm(cm.r.sub[0].n, f.slots[cm.r.sub[0].r])
						case oLd:
							if cm.r.sub[0].ld.n == 8 {
								p = cm.r.sub[0].ld.get8(f)
							} else {
								p = cm.r.sub[0].ld.get4(f)
							}
						default:
							p = cm.r.sub[0].fn(f)
						}
						switch cm.r.sub[1].k {
						case oReg:
							q = f.slots[cm.r.sub[1].r]
						case oCst:
							q = cm.r.sub[1].v
						case oRegN:
							q = norm(cm.r.sub[1].n, f.slots[cm.r.sub[1].r])
						case oLd:
							if cm.r.sub[1].ld.n == 8 {
								q = cm.r.sub[1].ld.get8(f)
							} else {
								q = cm.r.sub[1].ld.get4(f)
							}
						default:
							q = cm.r.sub[1].fn(f)
						}
						y = arith(cm.r.op, cm.r.n, p, q)
					default:
						y = cm.r.fn(f)
					}
					ok = compare(cm.op, cm.u, x, y)
				}
			}
			if !ok {
				return cNext
			}
			switch {
			case be != nil:
				m.line = bln
				be(f)
			case bl != nil:
			items:
				for i := range bl {
					it := &bl[i]
					if it.e != nil {
						m.line = it.ln
						it.e(f)
						continue
					}
					switch r := it.s(f); r {
					case cNext:
					case cContinue:
						break items
					case cBreak:
						return cNext
					default:
						return r
					}
				}
			default:
				switch bs(f) {
				case cBreak:
					return cNext
				case cReturn:
					return cReturn
				case cGoto:
					return cGoto
				}
			}
			if post.k != fpNone {
				m.line = ln
				switch post.k {
				case fpInc:
					f.slots[post.s] = norm(post.n, f.slots[post.s]+post.d)
				case fpRmw:
					f.slots[post.s] = arith(post.op, post.n, f.slots[post.s], post.d)
				case fpFn:
					post.fn(f)
				}
			}
			m.gate()
		}
	}
}

// storeSlotFused returns slots[s] = o, o read inline.
//
//go:noinline
func storeSlotFused(s int, o operand) ie {
	if leafReads {
		return storeSlotVal(s, valOf(o))
	}
	return func(f *frame) int64 {
		var v int64
		switch o.k {
		case oReg:
			v = f.slots[o.r]
		case oCst:
			v = o.v
		case oRegN:
			v = norm(o.n, f.slots[o.r])
		case oLd:
			if o.ld.n == 8 {
				v = o.ld.get8(f)
			} else {
				v = o.ld.get4(f)
			}
		case oArith:
			var vp, vq int64
			switch o.sub[0].k {
			case oReg:
				vp = f.slots[o.sub[0].r]
			case oCst:
				vp = o.sub[0].v
			case oRegN:
				vp = norm(o.sub[0].n, f.slots[o.sub[0].r])
			case oLd:
				if o.sub[0].ld.n == 8 {
					vp = o.sub[0].ld.get8(f)
				} else {
					vp = o.sub[0].ld.get4(f)
				}
			case oArith:
				var vpp, vpq int64
				switch o.sub[0].sub[0].k {
				case oReg:
					vpp = f.slots[o.sub[0].sub[0].r]
				case oCst:
					vpp = o.sub[0].sub[0].v
				case oRegN:
					vpp = norm(o.sub[0].sub[0].n, f.slots[o.sub[0].sub[0].r])
				case oLd:
					if o.sub[0].sub[0].ld.n == 8 {
						vpp = o.sub[0].sub[0].ld.get8(f)
					} else {
						vpp = o.sub[0].sub[0].ld.get4(f)
					}
				default:
					vpp = o.sub[0].sub[0].fn(f)
				}
				switch o.sub[0].sub[1].k {
				case oReg:
					vpq = f.slots[o.sub[0].sub[1].r]
				case oCst:
					vpq = o.sub[0].sub[1].v
				case oRegN:
					vpq = norm(o.sub[0].sub[1].n, f.slots[o.sub[0].sub[1].r])
				case oLd:
					if o.sub[0].sub[1].ld.n == 8 {
						vpq = o.sub[0].sub[1].ld.get8(f)
					} else {
						vpq = o.sub[0].sub[1].ld.get4(f)
					}
				default:
					vpq = o.sub[0].sub[1].fn(f)
				}
				vp = arith(o.sub[0].op, o.sub[0].n, vpp, vpq)
			default:
				vp = o.sub[0].fn(f)
			}
			switch o.sub[1].k {
			case oReg:
				vq = f.slots[o.sub[1].r]
			case oCst:
				vq = o.sub[1].v
			case oRegN:
				vq = norm(o.sub[1].n, f.slots[o.sub[1].r])
			case oLd:
				if o.sub[1].ld.n == 8 {
					vq = o.sub[1].ld.get8(f)
				} else {
					vq = o.sub[1].ld.get4(f)
				}
			case oArith:
				var vqp, vqq int64
				switch o.sub[1].sub[0].k {
				case oReg:
					vqp = f.slots[o.sub[1].sub[0].r]
				case oCst:
					vqp = o.sub[1].sub[0].v
				case oRegN:
					vqp = norm(o.sub[1].sub[0].n, f.slots[o.sub[1].sub[0].r])
				case oLd:
					if o.sub[1].sub[0].ld.n == 8 {
						vqp = o.sub[1].sub[0].ld.get8(f)
					} else {
						vqp = o.sub[1].sub[0].ld.get4(f)
					}
				default:
					vqp = o.sub[1].sub[0].fn(f)
				}
				switch o.sub[1].sub[1].k {
				case oReg:
					vqq = f.slots[o.sub[1].sub[1].r]
				case oCst:
					vqq = o.sub[1].sub[1].v
				case oRegN:
					vqq = norm(o.sub[1].sub[1].n, f.slots[o.sub[1].sub[1].r])
				case oLd:
					if o.sub[1].sub[1].ld.n == 8 {
						vqq = o.sub[1].sub[1].ld.get8(f)
					} else {
						vqq = o.sub[1].sub[1].ld.get4(f)
					}
				default:
					vqq = o.sub[1].sub[1].fn(f)
				}
				vq = arith(o.sub[1].op, o.sub[1].n, vqp, vqq)
			default:
				vq = o.sub[1].fn(f)
			}
			v = arith(o.op, o.n, vp, vq)
		default:
			v = o.fn(f)
		}
		f.slots[s] = v
		return v
	}
}

// returnFused returns return o, o read inline.
//
//go:noinline
func returnFused(ln int, o operand) stm {
	if leafReads {
		return returnVal(ln, valOf(o))
	}
	return func(f *frame) ctl {
		f.m.line = ln
		var v int64
		switch o.k {
		case oReg:
			v = f.slots[o.r]
		case oCst:
			v = o.v
		case oRegN:
			v = norm(o.n, f.slots[o.r])
		case oLd:
			if o.ld.n == 8 {
				v = o.ld.get8(f)
			} else {
				v = o.ld.get4(f)
			}
		case oArith:
			var vp, vq int64
			switch o.sub[0].k {
			case oReg:
				vp = f.slots[o.sub[0].r]
			case oCst:
				vp = o.sub[0].v
			case oRegN:
				vp = norm(o.sub[0].n, f.slots[o.sub[0].r])
			case oLd:
				if o.sub[0].ld.n == 8 {
					vp = o.sub[0].ld.get8(f)
				} else {
					vp = o.sub[0].ld.get4(f)
				}
			case oArith:
				var vpp, vpq int64
				switch o.sub[0].sub[0].k {
				case oReg:
					vpp = f.slots[o.sub[0].sub[0].r]
				case oCst:
					vpp = o.sub[0].sub[0].v
				case oRegN:
					vpp = norm(o.sub[0].sub[0].n, f.slots[o.sub[0].sub[0].r])
				case oLd:
					if o.sub[0].sub[0].ld.n == 8 {
						vpp = o.sub[0].sub[0].ld.get8(f)
					} else {
						vpp = o.sub[0].sub[0].ld.get4(f)
					}
				default:
					vpp = o.sub[0].sub[0].fn(f)
				}
				switch o.sub[0].sub[1].k {
				case oReg:
					vpq = f.slots[o.sub[0].sub[1].r]
				case oCst:
					vpq = o.sub[0].sub[1].v
				case oRegN:
					vpq = norm(o.sub[0].sub[1].n, f.slots[o.sub[0].sub[1].r])
				case oLd:
					if o.sub[0].sub[1].ld.n == 8 {
						vpq = o.sub[0].sub[1].ld.get8(f)
					} else {
						vpq = o.sub[0].sub[1].ld.get4(f)
					}
				default:
					vpq = o.sub[0].sub[1].fn(f)
				}
				vp = arith(o.sub[0].op, o.sub[0].n, vpp, vpq)
			default:
				vp = o.sub[0].fn(f)
			}
			switch o.sub[1].k {
			case oReg:
				vq = f.slots[o.sub[1].r]
			case oCst:
				vq = o.sub[1].v
			case oRegN:
				vq = norm(o.sub[1].n, f.slots[o.sub[1].r])
			case oLd:
				if o.sub[1].ld.n == 8 {
					vq = o.sub[1].ld.get8(f)
				} else {
					vq = o.sub[1].ld.get4(f)
				}
			case oArith:
				var vqp, vqq int64
				switch o.sub[1].sub[0].k {
				case oReg:
					vqp = f.slots[o.sub[1].sub[0].r]
				case oCst:
					vqp = o.sub[1].sub[0].v
				case oRegN:
					vqp = norm(o.sub[1].sub[0].n, f.slots[o.sub[1].sub[0].r])
				case oLd:
					if o.sub[1].sub[0].ld.n == 8 {
						vqp = o.sub[1].sub[0].ld.get8(f)
					} else {
						vqp = o.sub[1].sub[0].ld.get4(f)
					}
				default:
					vqp = o.sub[1].sub[0].fn(f)
				}
				switch o.sub[1].sub[1].k {
				case oReg:
					vqq = f.slots[o.sub[1].sub[1].r]
				case oCst:
					vqq = o.sub[1].sub[1].v
				case oRegN:
					vqq = norm(o.sub[1].sub[1].n, f.slots[o.sub[1].sub[1].r])
				case oLd:
					if o.sub[1].sub[1].ld.n == 8 {
						vqq = o.sub[1].sub[1].ld.get8(f)
					} else {
						vqq = o.sub[1].sub[1].ld.get4(f)
					}
				default:
					vqq = o.sub[1].sub[1].fn(f)
				}
				vq = arith(o.sub[1].op, o.sub[1].n, vqp, vqq)
			default:
				vq = o.sub[1].fn(f)
			}
			v = arith(o.op, o.n, vp, vq)
		default:
			v = o.fn(f)
		}
		f.ret = v
		return cReturn
	}
}

// storeSlotVal is storeSlotFused reading a val.
//
//go:noinline
func storeSlotVal(s int, o val) ie {
	return func(f *frame) int64 {
		var lf *leaf
		var u uint64
		lf = &o.l[0]
		u = uint64(f.slots[lf.r]&lf.rm + lf.k)
		if lf.slow {
			if lf.fn == nil {
				u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
				if lf.ld {
					u = lf.load(f, u)
				}
			} else {
				u = uint64(lf.fn(f))
			}
		}
		x := ext(lf.s, lf.sx, u)
		if o.d != 0 {
			lf = &o.l[1]
			u = uint64(f.slots[lf.r]&lf.rm + lf.k)
			if lf.slow {
				if lf.fn == nil {
					u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
					if lf.ld {
						u = lf.load(f, u)
					}
				} else {
					u = uint64(lf.fn(f))
				}
			}
			y := ext(lf.s, lf.sx, u)
			x = ext(o.s1, o.sx1, uint64(arithB(o.op1, x, y)))
			if o.d > 1 {
				lf = &o.l[2]
				u = uint64(f.slots[lf.r]&lf.rm + lf.k)
				if lf.slow {
					if lf.fn == nil {
						u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
						if lf.ld {
							u = lf.load(f, u)
						}
					} else {
						u = uint64(lf.fn(f))
					}
				}
				y = ext(lf.s, lf.sx, u)
				if o.rev {
					x, y = y, x
				}
				x = ext(o.s2, o.sx2, uint64(arithB(o.op2, x, y)))
			}
		}
		f.slots[s] = x
		return x
	}
}

// returnVal is returnFused reading a val.
//
//go:noinline
func returnVal(ln int, o val) stm {
	return func(f *frame) ctl {
		f.m.line = ln
		var lf *leaf
		var u uint64
		lf = &o.l[0]
		u = uint64(f.slots[lf.r]&lf.rm + lf.k)
		if lf.slow {
			if lf.fn == nil {
				u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
				if lf.ld {
					u = lf.load(f, u)
				}
			} else {
				u = uint64(lf.fn(f))
			}
		}
		x := ext(lf.s, lf.sx, u)
		if o.d != 0 {
			lf = &o.l[1]
			u = uint64(f.slots[lf.r]&lf.rm + lf.k)
			if lf.slow {
				if lf.fn == nil {
					u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
					if lf.ld {
						u = lf.load(f, u)
					}
				} else {
					u = uint64(lf.fn(f))
				}
			}
			y := ext(lf.s, lf.sx, u)
			x = ext(o.s1, o.sx1, uint64(arithB(o.op1, x, y)))
			if o.d > 1 {
				lf = &o.l[2]
				u = uint64(f.slots[lf.r]&lf.rm + lf.k)
				if lf.slow {
					if lf.fn == nil {
						u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
						if lf.ld {
							u = lf.load(f, u)
						}
					} else {
						u = uint64(lf.fn(f))
					}
				}
				y = ext(lf.s, lf.sx, u)
				if o.rev {
					x, y = y, x
				}
				x = ext(o.s2, o.sx2, uint64(arithB(o.op2, x, y)))
			}
		}
		f.ret = x
		return cReturn
	}
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

// ifLeaf is ifStm reading its comparisons as vals (leafReads).
//
//go:noinline
func ifLeaf(ln int, fc fcond, then, els stm) stm {
	return func(f *frame) ctl {
		f.m.line = ln
		ok := true // for (;;)
		if len(fc.c) > 0 {
			cm := &fc.c[0]
			var lf *leaf
			var u uint64
			lf = &cm.lv.l[0]
			u = uint64(f.slots[lf.r]&lf.rm + lf.k)
			if lf.slow {
				if lf.fn == nil {
					u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
					if lf.ld {
						u = lf.load(f, u)
					}
				} else {
					u = uint64(lf.fn(f))
				}
			}
			x := ext(lf.s, lf.sx, u)
			if cm.lv.d != 0 {
				lf = &cm.lv.l[1]
				u = uint64(f.slots[lf.r]&lf.rm + lf.k)
				if lf.slow {
					if lf.fn == nil {
						u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
						if lf.ld {
							u = lf.load(f, u)
						}
					} else {
						u = uint64(lf.fn(f))
					}
				}
				p := ext(lf.s, lf.sx, u)
				x = ext(cm.lv.s1, cm.lv.sx1, uint64(arithB(cm.lv.op1, x, p)))
			}
			lf = &cm.rv.l[0]
			u = uint64(f.slots[lf.r]&lf.rm + lf.k)
			if lf.slow {
				if lf.fn == nil {
					u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
					if lf.ld {
						u = lf.load(f, u)
					}
				} else {
					u = uint64(lf.fn(f))
				}
			}
			y := ext(lf.s, lf.sx, u)
			if cm.rv.d != 0 {
				lf = &cm.rv.l[1]
				u = uint64(f.slots[lf.r]&lf.rm + lf.k)
				if lf.slow {
					if lf.fn == nil {
						u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
						if lf.ld {
							u = lf.load(f, u)
						}
					} else {
						u = uint64(lf.fn(f))
					}
				}
				q := ext(lf.s, lf.sx, u)
				y = ext(cm.rv.s1, cm.rv.sx1, uint64(arithB(cm.rv.op1, y, q)))
			}
			ok = cmpB(cm.bits, cm.um, x, y)
			if len(fc.c) > 1 && ok != fc.or {
				cm = &fc.c[1]
				lf = &cm.lv.l[0]
				u = uint64(f.slots[lf.r]&lf.rm + lf.k)
				if lf.slow {
					if lf.fn == nil {
						u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
						if lf.ld {
							u = lf.load(f, u)
						}
					} else {
						u = uint64(lf.fn(f))
					}
				}
				x = ext(lf.s, lf.sx, u)
				if cm.lv.d != 0 {
					lf = &cm.lv.l[1]
					u = uint64(f.slots[lf.r]&lf.rm + lf.k)
					if lf.slow {
						if lf.fn == nil {
							u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
							if lf.ld {
								u = lf.load(f, u)
							}
						} else {
							u = uint64(lf.fn(f))
						}
					}
					p := ext(lf.s, lf.sx, u)
					x = ext(cm.lv.s1, cm.lv.sx1, uint64(arithB(cm.lv.op1, x, p)))
				}
				lf = &cm.rv.l[0]
				u = uint64(f.slots[lf.r]&lf.rm + lf.k)
				if lf.slow {
					if lf.fn == nil {
						u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
						if lf.ld {
							u = lf.load(f, u)
						}
					} else {
						u = uint64(lf.fn(f))
					}
				}
				y = ext(lf.s, lf.sx, u)
				if cm.rv.d != 0 {
					lf = &cm.rv.l[1]
					u = uint64(f.slots[lf.r]&lf.rm + lf.k)
					if lf.slow {
						if lf.fn == nil {
							u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
							if lf.ld {
								u = lf.load(f, u)
							}
						} else {
							u = uint64(lf.fn(f))
						}
					}
					q := ext(lf.s, lf.sx, u)
					y = ext(cm.rv.s1, cm.rv.sx1, uint64(arithB(cm.rv.op1, y, q)))
				}
				ok = cmpB(cm.bits, cm.um, x, y)
			}
		}
		if ok {
			return then(f)
		}
		if els != nil {
			return els(f)
		}
		return cNext
	}
}

// forLeaf is forStm reading its comparisons as vals and its step without a
// switch (leafReads): slots[s] = ext(sh, sx, arithB(op, slots[s], d)), then
// pfn; no step is slots[0] += 0.
//
//go:noinline
func forLeaf(ln int, init []item, fc fcond, post fpost, body item) stm {
	be, bs, bln, bl := body.e, body.s, body.ln, body.list
	pop, ps, pd, pfn := byte('+'), 0, int64(0), ie(nil)
	var psh uint8
	var psx bool
	switch post.k {
	case fpInc:
		ps, pd = post.s, post.d
		psh, psx = normBits(post.n)
	case fpRmw:
		pop, ps, pd = post.op, post.s, post.d
		psh, psx = normBits(post.n)
	case fpFn:
		pfn = post.fn
	}
	return func(f *frame) ctl {
		m := f.m
		m.line = ln
		for i := range init {
			init[i].run(f)
		}
		for {
			m.line = ln
			ok := true // for (;;)
			if len(fc.c) > 0 {
				cm := &fc.c[0]
				var lf *leaf
				var u uint64
				lf = &cm.lv.l[0]
				u = uint64(f.slots[lf.r]&lf.rm + lf.k)
				if lf.slow {
					if lf.fn == nil {
						u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
						if lf.ld {
							u = lf.load(f, u)
						}
					} else {
						u = uint64(lf.fn(f))
					}
				}
				x := ext(lf.s, lf.sx, u)
				if cm.lv.d != 0 {
					lf = &cm.lv.l[1]
					u = uint64(f.slots[lf.r]&lf.rm + lf.k)
					if lf.slow {
						if lf.fn == nil {
							u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
							if lf.ld {
								u = lf.load(f, u)
							}
						} else {
							u = uint64(lf.fn(f))
						}
					}
					p := ext(lf.s, lf.sx, u)
					x = ext(cm.lv.s1, cm.lv.sx1, uint64(arithB(cm.lv.op1, x, p)))
				}
				lf = &cm.rv.l[0]
				u = uint64(f.slots[lf.r]&lf.rm + lf.k)
				if lf.slow {
					if lf.fn == nil {
						u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
						if lf.ld {
							u = lf.load(f, u)
						}
					} else {
						u = uint64(lf.fn(f))
					}
				}
				y := ext(lf.s, lf.sx, u)
				if cm.rv.d != 0 {
					lf = &cm.rv.l[1]
					u = uint64(f.slots[lf.r]&lf.rm + lf.k)
					if lf.slow {
						if lf.fn == nil {
							u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
							if lf.ld {
								u = lf.load(f, u)
							}
						} else {
							u = uint64(lf.fn(f))
						}
					}
					q := ext(lf.s, lf.sx, u)
					y = ext(cm.rv.s1, cm.rv.sx1, uint64(arithB(cm.rv.op1, y, q)))
				}
				ok = cmpB(cm.bits, cm.um, x, y)
				if len(fc.c) > 1 && ok != fc.or {
					cm = &fc.c[1]
					lf = &cm.lv.l[0]
					u = uint64(f.slots[lf.r]&lf.rm + lf.k)
					if lf.slow {
						if lf.fn == nil {
							u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
							if lf.ld {
								u = lf.load(f, u)
							}
						} else {
							u = uint64(lf.fn(f))
						}
					}
					x = ext(lf.s, lf.sx, u)
					if cm.lv.d != 0 {
						lf = &cm.lv.l[1]
						u = uint64(f.slots[lf.r]&lf.rm + lf.k)
						if lf.slow {
							if lf.fn == nil {
								u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
								if lf.ld {
									u = lf.load(f, u)
								}
							} else {
								u = uint64(lf.fn(f))
							}
						}
						p := ext(lf.s, lf.sx, u)
						x = ext(cm.lv.s1, cm.lv.sx1, uint64(arithB(cm.lv.op1, x, p)))
					}
					lf = &cm.rv.l[0]
					u = uint64(f.slots[lf.r]&lf.rm + lf.k)
					if lf.slow {
						if lf.fn == nil {
							u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
							if lf.ld {
								u = lf.load(f, u)
							}
						} else {
							u = uint64(lf.fn(f))
						}
					}
					y = ext(lf.s, lf.sx, u)
					if cm.rv.d != 0 {
						lf = &cm.rv.l[1]
						u = uint64(f.slots[lf.r]&lf.rm + lf.k)
						if lf.slow {
							if lf.fn == nil {
								u += uint64(int64(f.bp)&lf.bpm + f.slots[lf.r2]*lf.sz)
								if lf.ld {
									u = lf.load(f, u)
								}
							} else {
								u = uint64(lf.fn(f))
							}
						}
						q := ext(lf.s, lf.sx, u)
						y = ext(cm.rv.s1, cm.rv.sx1, uint64(arithB(cm.rv.op1, y, q)))
					}
					ok = cmpB(cm.bits, cm.um, x, y)
				}
			}
			if !ok {
				return cNext
			}
			switch {
			case be != nil:
				m.line = bln
				be(f)
			case bl != nil:
			items:
				for i := range bl {
					it := &bl[i]
					if it.e != nil {
						m.line = it.ln
						it.e(f)
						continue
					}
					switch r := it.s(f); r {
					case cNext:
					case cContinue:
						break items
					case cBreak:
						return cNext
					default:
						return r
					}
				}
			default:
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
			f.slots[ps] = ext(psh, psx, uint64(arithB(pop, f.slots[ps], pd)))
			if pfn != nil {
				pfn(f)
			}
			m.gate()
		}
	}
}

// leafCond is fcondOf for leafReads: every condition is comparisons, a
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
