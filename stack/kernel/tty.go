package kernel

import (
	"bytes"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/fs"
	"netplay/stack/linux/errno"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

// Terminal is a host's terminal, in canonical mode as a shell leaves it:
// what is typed reaches a reader a line at a time (a read returns at most
// one line, and waits until a whole line is there), and the end of input
// makes reads return what is left, then 0. What programs write to it is
// their output.
//
// Input ends for good (Type with eof): every later read returns 0 at once
// and select and poll report the terminal readable, as for a pipe whose
// writer closed or a file redirected into the program; on a real
// terminal each ^D ends one read only.
type Terminal struct {
	h   *Host
	in  []byte // typed, not read yet
	eof bool   // input has ended
	q   waiter.Queue
}

func newTerminal(h *Host) *Terminal { return &Terminal{h: h} }

// Type delivers text typed at the terminal (and, with eof, the end of
// input) now, and records it in the trace as an input event. Text after
// the end of input is an error of the caller's: it is ignored.
func (tm *Terminal) Type(text string, eof bool) {
	if tm.eof || (text == "" && !eof) {
		return
	}
	w := tm.h.vh.World()
	ev := w.Trace().Add(trace.Event{T: int64(w.Now()), Host: tm.h.vh.Name(), Kind: trace.KindInput, Text: text, EOF: eof})
	tm.h.recordedHere("input", ev, 0)
	defer tm.h.doneHere()
	tm.in = append(tm.in, text...)
	tm.eof = tm.eof || eof
	tm.h.vh.Touch()
	if tm.readable() {
		tm.q.Notify(waiter.ReadableEvents)
	}
}

// Ended reports whether input has ended.
func (tm *Terminal) Ended() bool { return tm.eof }

// readable reports whether a read would return at once.
func (tm *Terminal) readable() bool { return tm.eof || bytes.IndexByte(tm.in, '\n') >= 0 }

// read takes at most one line, at most len(b) bytes of it.
func (tm *Terminal) read(b []byte) (int, errno.Errno) {
	if len(b) == 0 {
		return 0, 0
	}
	n := 0
	if i := bytes.IndexByte(tm.in, '\n'); i >= 0 {
		n = copy(b, tm.in[:i+1])
	} else if tm.eof {
		n = copy(b, tm.in)
	} else {
		return -1, errno.EAGAIN
	}
	tm.in = tm.in[n:]
	return n, 0
}

// ttyFile is the terminal as an open file: stream names what writes to it
// are in the trace ("stdout" or "stderr").
type ttyFile struct {
	term   *Terminal
	stream string
}

// WritesToTerminal reports whether fd is open for writing on the
// terminal: what the program writes there is its output (output events).
// It is a look at the table, not a system call (the C library asks it to
// charge the write its cost).
func (t *Task) WritesToTerminal(fd int) bool {
	d, err := t.get(fd)
	if err != 0 {
		return false
	}
	_, ok := d.file.(*ttyFile)
	return ok && d.writable()
}

func (f *ttyFile) Read(t *Task, d *Desc, b []byte) (int, errno.Errno) {
	n, err := f.term.read(b)
	if err != errno.EAGAIN || d.Nonblock() {
		return n, err
	}
	t.th.ExpectInput(true)
	defer t.th.ExpectInput(false)
	if e := t.wait(f, waiter.ReadableEvents, -1, vnet.Restartable, func() bool {
		n, err = f.term.read(b)
		return err != errno.EAGAIN
	}); e != 0 {
		return -1, e
	}
	return n, err
}

func (f *ttyFile) Write(t *Task, d *Desc, b []byte) (int, errno.Errno) {
	t.th.Output(f.stream, string(b))
	return len(b), 0
}

func (f *ttyFile) Readiness(mask waiter.EventMask) waiter.EventMask {
	r := waiter.WritableEvents
	if f.term.readable() {
		r |= waiter.ReadableEvents
	}
	return r & mask
}

func (f *ttyFile) Queue() *waiter.Queue { return &f.term.q }

// Stat is /dev/pts/0's: a character device (136, 0) of the user's.
func (f *ttyFile) Stat() Stat {
	now := f.term.h.vh.World().Now()
	return Stat{Dev: 0x16, Ino: 3, Mode: fs.S_IFCHR | 0o620, Nlink: 1, Uid: User.Uid, Gid: 5,
		Rdev: 136 << 8, Blksize: 1024, Atime: now, Mtime: now, Ctime: now}
}

func (f *ttyFile) Release(t *Task) {}

// watchesInput reports whether a wait on f for mask would end on input
// typed at the terminal.
func watchesInput(f File, mask waiter.EventMask) bool {
	_, ok := f.(*ttyFile)
	return ok && mask&waiter.ReadableEvents != 0
}
