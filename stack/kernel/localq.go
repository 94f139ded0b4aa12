package kernel

import (
	"strconv"

	"netplay/stack/trace"
)

// byteQueue is the bytes written to a pipe or one direction of a local
// stream connection and not read yet, with the local messages (trace
// events) they came in, so that the trace can say when each was read.
type byteQueue struct {
	buf  []byte
	msgs []msgLeft
	cap  int // bytes it holds at most
	// paged keeps the bytes in pages, as a Linux pipe does: cap/pageSize
	// page slots, a page freed once all its bytes were read, a write
	// merged into the last page only when all of its odd part fits.
	paged bool
	pages []page
}

// page is one page of a paged queue: the bytes still in it and how far
// it was filled.
type page struct{ len, fill int }

const pageSize = 4096

// msgLeft is a local message of the trace and how many of its bytes are
// still to be read.
type msgLeft struct {
	n    int // its number (trace.Recorder.Local)
	ev   int // its event's index in the trace
	left int
}

// space reports whether a write can put something in now.
func (q *byteQueue) space() bool {
	if q.paged {
		return len(q.pages) < q.cap/pageSize
	}
	return len(q.buf) < q.cap
}

// fit is how many bytes of an n-byte write go in now (and takes them into
// the pages).
func (q *byteQueue) fit(n int) int {
	if !q.paged {
		return min(n, q.cap-len(q.buf))
	}
	done := 0
	if odd := n % pageSize; odd > 0 && len(q.pages) > 0 {
		if last := &q.pages[len(q.pages)-1]; last.fill+odd <= pageSize {
			last.fill += odd
			last.len += odd
			done = odd
		}
	}
	for done < n && len(q.pages) < q.cap/pageSize {
		k := min(pageSize, n-done)
		q.pages = append(q.pages, page{len: k, fill: k})
		done += k
	}
	return done
}

// put appends what fits of b and records it as one local message from src
// to dst; it returns how many bytes it took.
func (q *byteQueue) put(h *Host, b []byte, kind, src, dst, path string) int {
	n := q.fit(len(b))
	if n == 0 {
		return 0
	}
	q.buf = append(q.buf, b[:n]...)
	num := h.local(kind, src, dst, path, n)
	q.msgs = append(q.msgs, msgLeft{n: num, ev: h.causes.now.ev, left: n})
	return n
}

// take moves up to len(b) bytes into b (leaving them with peek), noting
// in the trace the messages whose last byte it read.
func (q *byteQueue) take(h *Host, b []byte, peek bool) int {
	n := copy(b, q.buf)
	if peek || n == 0 {
		return n
	}
	q.buf = q.buf[n:]
	if len(q.buf) == 0 {
		q.buf = nil
	}
	for rest := n; rest > 0 && q.paged; {
		p := &q.pages[0]
		k := min(rest, p.len)
		p.len -= k
		rest -= k
		if p.len == 0 {
			q.pages = q.pages[1:]
		}
	}
	rest := n
	for rest > 0 && len(q.msgs) > 0 {
		m := &q.msgs[0]
		k := min(rest, m.left)
		m.left -= k
		rest -= k
		if m.left == 0 {
			h.localRead(m.n)
			q.msgs = q.msgs[1:]
		}
	}
	return n
}

// takeRecord moves the first message (a SOCK_SEQPACKET record) into b,
// dropping what b cannot hold of it, and returns how many bytes it copied.
func (q *byteQueue) takeRecord(h *Host, b []byte, peek bool) int {
	size := q.msgs[0].left
	n := copy(b, q.buf[:size])
	if !peek {
		q.take(h, make([]byte, size), false)
	}
	return n
}

// local records a local message in the trace and returns its number.
func (h *Host) local(kind, src, dst, path string, n int) int {
	w := h.vh.World()
	num, ev := w.Trace().LocalIndexed(trace.Event{T: int64(w.Now()), Host: h.vh.Name(), Sock: kind, Src: src, Dst: dst, Path: path, Len: n})
	h.recordedHere("local", ev, num)
	return num
}

// localRead records that local message n has been read, now.
func (h *Host) localRead(n int) {
	w := h.vh.World()
	w.Trace().SetLocalRead(n, int64(w.Now()))
}

// fdName is how the trace names one end of a pipe or local socket: the
// descriptor it was made as.
func fdName(label int) string { return "fd " + strconv.Itoa(label) }
