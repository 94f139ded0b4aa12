package libc

import (
	"fmt"

	"netplay/stack/linux/signal"
	"netplay/stack/trace"
)

// The heap allocator: blocks of power-of-two size classes (16 bytes to
// 1 MiB) with a free list each, bigger blocks first-fit from one list. Every
// block has a 16-byte header before it: its capacity and a magic word that
// tells a live block from a freed one, so free() of a bad pointer or a
// double free is reported as glibc does.

const (
	hdr       = 16
	minClass  = 4  // 16 bytes
	nClasses  = 21 // up to 16 << 20
	magicLive = 0x6e65747061796c69
	magicFree = 0x6672656564626c6b
)

func classOf(n uint64) (int, uint64) {
	c, size := minClass, uint64(1)<<minClass
	for size < n {
		c++
		size <<= 1
	}
	return c - minClass, size
}

// Malloc returns a block of n bytes, or 0 when the memory cap is reached.
func (m *Memory) Malloc(n uint64) uint64 {
	if n == 0 {
		n = 1
	}
	if n > Cap {
		return 0
	}
	var a, capa uint64
	c, size := classOf(n)
	if c < nClasses {
		capa = size
		if a = m.free[c]; a != 0 {
			m.free[c] = m.L64(a)
		}
	} else {
		capa = align(n, 4096)
		for i, b := range m.big {
			if m.L64(b-hdr) >= capa {
				a, capa = b, m.L64(b-hdr)
				m.big = append(m.big[:i], m.big[i+1:]...)
				break
			}
		}
	}
	if a == 0 {
		top := m.heapTop + hdr
		end := top + capa
		if end > Cap {
			return 0
		}
		if end > uint64(len(m.B)) {
			if end > uint64(cap(m.B)) {
				ncap := m.reserve(end, min(max(end, 2*uint64(cap(m.B))), Cap))
				nb := make([]byte, end, ncap)
				copy(nb, m.B)
				m.B = nb
			} else {
				m.B = m.B[:end]
			}
		}
		m.heapTop = end
		a = top
	}
	m.S64(a-hdr, capa)
	m.S64(a-8, magicLive)
	m.InUse += int64(capa)
	return a
}

// Free releases a block from Malloc; 0 is ignored.
func (m *Memory) Free(a uint64) {
	if a == 0 {
		return
	}
	if a < m.HeapBase+hdr || a >= m.heapTop || a%16 != 0 {
		Abort("free(): invalid pointer")
	}
	switch m.L64(a - 8) {
	case magicLive:
	case magicFree:
		Abort("free(): double free detected in tcache 2")
	default:
		Abort("free(): invalid pointer")
	}
	capa := m.L64(a - hdr)
	m.S64(a-8, magicFree)
	m.InUse -= int64(capa)
	c, size := classOf(capa)
	if c < nClasses && size == capa {
		m.S64(a, m.free[c])
		m.free[c] = a
		return
	}
	m.big = append(m.big, a)
}

// BlockSize returns the capacity of the live block at a.
func (m *Memory) BlockSize(a uint64) uint64 {
	if a < m.HeapBase+hdr || a >= m.heapTop || a%16 != 0 || m.L64(a-8) != magicLive {
		Abort("realloc(): invalid pointer")
	}
	return m.L64(a - hdr)
}

// Realloc resizes the block at a to n bytes, as realloc(3).
func (m *Memory) Realloc(a, n uint64) uint64 {
	if a == 0 {
		return m.Malloc(n)
	}
	if n == 0 {
		m.Free(a)
		return 0
	}
	old := m.BlockSize(a)
	if n <= old {
		return a
	}
	b := m.Malloc(n)
	if b == 0 {
		return 0
	}
	m.Move(b, a, old)
	m.Free(a)
	return b
}

// reserve takes what growing the memory to capacity want (at least need)
// costs the shared budget, and returns the capacity to grow to: want, or
// need when the budget has no room for more. Without room for need the
// program ends, as Linux's OOM killer ends a program when the machine has
// no memory left (its own cap, Cap, makes malloc return NULL instead, as
// RLIMIT_AS does).
func (m *Memory) reserve(need, want uint64) uint64 {
	if m.Reserve == nil {
		return want
	}
	have := uint64(cap(m.B))
	if m.Reserve(int64(want-have)) == nil {
		m.reserved += int64(want - have)
		return want
	}
	err := m.Reserve(int64(need - have))
	if err != nil {
		panic(Fault{Msg: fmt.Sprintf("out of memory: the heap cannot grow by %s: %v", trace.ByteCount(int64(need-have)), err), Signal: signal.SIGKILL})
	}
	m.reserved += int64(need - have)
	return need
}
