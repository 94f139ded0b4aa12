package c

import cc "modernc.org/cc/v4"

// Statement closures that read their condition (and a for loop's step)
// inline: comparisons of registers, constants and loads joined by && or ||
// (two at most), and i++ / i += k on a register, cost no closure call.
// The reads are written out in each closure (a function doing them would
// be too big to be inlined).

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
}

func fcmpOf(e *expr) (fcmp, bool) {
	if e.f != nil || e.rc == nil || e.rc.k != rCmp {
		return fcmp{}, false
	}
	return fcmp{op: e.rc.op, u: e.rc.u, l: operandOf(*e.rc.l), r: operandOf(*e.rc.r)}, true
}

// fcondOf returns the condition n, compiled to e.
func (c *compiler) fcondOf(n cc.ExpressionNode, e expr) fcond {
	fn := c.condOf(n, e)
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
	return func(f *frame) ctl {
		f.m.line = ln
		ok := true
		if fc.fn != nil {
			ok = fc.fn(f)
		} else {
			for j := range fc.c {
				cm := &fc.c[j]
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
				default:
					y = cm.r.fn(f)
				}
				if ok = compare(cm.op, cm.u, x, y); ok == fc.or {
					break
				}
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

// whileStm is while (fc) body.
//
// Not inlined: copied into a big function, its closure would not inline
// what it calls.
//
//go:noinline
func whileStm(ln int, fc fcond, body item) stm {
	be, bs, bln := body.e, body.s, body.ln
	return func(f *frame) ctl {
		m := f.m
		for {
			m.line = ln
			ok := true
			if fc.fn != nil {
				ok = fc.fn(f)
			} else {
				for j := range fc.c {
					cm := &fc.c[j]
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
					default:
						y = cm.r.fn(f)
					}
					if ok = compare(cm.op, cm.u, x, y); ok == fc.or {
						break
					}
				}
			}
			if !ok {
				return cNext
			}
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
			// m.gate(), written out: it is too big to be inlined.
			m.steps++
			if m.steps > m.budget {
				m.overBudget()
			}
			m.sys.Yield()
		}
	}
}

// forStm is for (init; fc; post) body.
//
// Not inlined: copied into a big function, its closure would not inline
// what it calls.
//
//go:noinline
func forStm(ln int, init []item, fc fcond, post fpost, body item) stm {
	be, bs, bln := body.e, body.s, body.ln
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
			} else {
				for j := range fc.c {
					cm := &fc.c[j]
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
					default:
						y = cm.r.fn(f)
					}
					if ok = compare(cm.op, cm.u, x, y); ok == fc.or {
						break
					}
				}
			}
			if !ok {
				return cNext
			}
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
			// m.gate(), written out: it is too big to be inlined.
			m.steps++
			if m.steps > m.budget {
				m.overBudget()
			}
			m.sys.Yield()
		}
	}
}
