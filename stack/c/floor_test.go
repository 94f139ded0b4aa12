package c

import (
	"fmt"
	"time"
)

// What Go's wasm port costs code of two shapes, apart from netplay: the
// checksum loop of testdata/bench/cpu.c written in Go, and the same loop
// as a tree of closures, one per node of its C syntax (how a closure
// compiler runs it before any fusing). TestBenchFigures prints their
// wasm/native ratios beside interp_wasm_vs_native_ratio: the interpreter
// is a tree of (fused) closures, so its ratio lies between the two.

// floorFrame is the closure tree's frame: its variables and memory.
type floorFrame struct {
	slots []int64
	mem   []byte
}

type floorExpr func(f *floorFrame) int64
type floorStmt func(f *floorFrame)

const floorN, floorRounds = 256, 20000

// floorClosures builds `h = 0; for (r = 0; r < rounds; r++) for (i = 0; i < n; i++)
// h = h * 33 + a[i];` as closures; slots: 0 h, 1 i, 2 r.
func floorClosures() floorStmt {
	slot := func(i int) floorExpr { return func(f *floorFrame) int64 { return f.slots[i] } }
	cst := func(v int64) floorExpr { return func(*floorFrame) int64 { return v } }
	add := func(a, b floorExpr) floorExpr { return func(f *floorFrame) int64 { return a(f) + b(f) } }
	mul := func(a, b floorExpr) floorExpr { return func(f *floorFrame) int64 { return a(f) * b(f) } }
	u32 := func(a floorExpr) floorExpr { return func(f *floorFrame) int64 { return int64(uint32(a(f))) } }
	less := func(a, b floorExpr) floorExpr {
		return func(f *floorFrame) int64 {
			if a(f) < b(f) {
				return 1
			}
			return 0
		}
	}
	load4 := func(a floorExpr) floorExpr {
		return func(f *floorFrame) int64 {
			p := a(f)
			m := f.mem[p : p+4]
			return int64(int32(uint32(m[0]) | uint32(m[1])<<8 | uint32(m[2])<<16 | uint32(m[3])<<24))
		}
	}
	set := func(i int, v floorExpr) floorStmt { return func(f *floorFrame) { f.slots[i] = v(f) } }
	loop := func(init, post floorStmt, cond floorExpr, body floorStmt) floorStmt {
		return func(f *floorFrame) {
			for init(f); cond(f) != 0; post(f) {
				body(f)
			}
		}
	}
	inner := loop(set(1, cst(0)), set(1, add(slot(1), cst(1))), less(slot(1), cst(floorN)),
		set(0, u32(add(mul(slot(0), cst(33)), u32(load4(mul(slot(1), cst(4))))))))
	outer := loop(set(2, cst(0)), set(2, add(slot(2), cst(1))), less(slot(2), cst(floorRounds)), inner)
	h0 := set(0, cst(0))
	return func(f *floorFrame) { h0(f); outer(f) }
}

// floorLoop is the same loop in Go.
func floorLoop(mem []byte) uint32 {
	var h uint32
	for r := 0; r < floorRounds; r++ {
		for i := 0; i < floorN; i++ {
			m := mem[i*4 : i*4+4]
			h = h*33 + (uint32(m[0]) | uint32(m[1])<<8 | uint32(m[2])<<16 | uint32(m[3])<<24)
		}
	}
	return h
}

// floorTimes returns the best of n runs of each shape. The two must agree.
func floorTimes(n int) (closures, loop time.Duration, err error) {
	f := &floorFrame{slots: make([]int64, 3), mem: make([]byte, 4*floorN)}
	for i := range f.mem {
		f.mem[i] = byte(i * 7)
	}
	run := floorClosures()
	closures, loop = 1<<62, 1<<62
	for i := 0; i < n; i++ {
		t0 := time.Now()
		run(f)
		closures = min(closures, time.Since(t0))
		t0 = time.Now()
		h := floorLoop(f.mem)
		loop = min(loop, time.Since(t0))
		if uint32(f.slots[0]) != h {
			return 0, 0, fmt.Errorf("closures %d, loop %d", uint32(f.slots[0]), h)
		}
	}
	return closures, loop, nil
}
