package kernel

import (
	"fmt"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/fs"
	"netplay/stack/linux/errno"
)

// pipeCapacity is what a pipe holds, as Linux's: 16 pages. A write of at
// most PIPE_BUF (one page, 4096) bytes goes in whole or waits.
const pipeCapacity = 16 * pageSize

// pipe is a pipe's buffer, shared by its two ends.
type pipe struct {
	h                *Host
	q                byteQueue
	readers, writers int // open descriptions of each end
	wq               waiter.Queue
	rlabel, wlabel   int // the ends' descriptors, for the trace
	ino              Stat
}

// pipeEnd is one end of a pipe as an open file.
type pipeEnd struct {
	p     *pipe
	write bool
}

// Pipe implements pipe2(2) (pipe is flags 0): fds[0] reads what fds[1]
// writes.
func (t *Task) Pipe(flags int) (r0 [2]int, r1 errno.Errno) {
	if j, at, rec := t.journal("pipe"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].([2]int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("pipe", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	call, flagArgs := "pipe", ""
	if flags != 0 {
		call, flagArgs = "pipe2", ", "+openFlags(flags)
	}
	fail := func(err errno.Errno) ([2]int, errno.Errno) {
		t.syscall(start, call, -1, "…"+flagArgs, -1, err)
		return [2]int{-1, -1}, err
	}
	if flags&^(O_NONBLOCK|O_CLOEXEC|O_DIRECT) != 0 {
		return fail(errno.EINVAL)
	}
	p := &pipe{h: t.host, q: byteQueue{cap: pipeCapacity, paged: true}, readers: 1, writers: 1,
		ino: t.host.anonStat(devPipeFS, fs.S_IFIFO|0o600)}
	r, _, err := t.open(&pipeEnd{p: p}, O_RDONLY|flags)
	if err != 0 {
		return fail(err)
	}
	w, _, err := t.open(&pipeEnd{p: p, write: true}, O_WRONLY|flags)
	if err != 0 {
		t.drop(r)
		return fail(err)
	}
	p.rlabel, p.wlabel = r, w
	t.syscall(start, call, -1, fmt.Sprintf("[%d, %d]", r, w)+flagArgs, 0, 0)
	return [2]int{r, w}, 0
}

func (f *pipeEnd) Read(t *Task, d *Desc, b []byte) (int, errno.Errno) {
	p := f.p
	return t.block(d, waiter.ReadableEvents, func() (int, errno.Errno) {
		if len(b) == 0 {
			return 0, 0
		}
		if n := p.q.take(p.h, b, false); n > 0 {
			p.wq.Notify(waiter.WritableEvents)
			return n, 0
		}
		if p.writers == 0 {
			return 0, 0
		}
		return -1, errno.EAGAIN
	})
}

// Write writes all of b, waiting for room (unless non-blocking: then what
// fits, or EAGAIN); a write of at most PIPE_BUF bytes is never split (it
// fits in one page).
func (f *pipeEnd) Write(t *Task, d *Desc, b []byte) (int, errno.Errno) {
	p := f.p
	done := 0
	for {
		n, err := t.block(d, waiter.WritableEvents, func() (int, errno.Errno) {
			if p.readers == 0 {
				return -1, errno.EPIPE
			}
			n := p.q.put(p.h, b[done:], "pipe", fdName(p.wlabel), fdName(p.rlabel), "")
			if n == 0 {
				return -1, errno.EAGAIN
			}
			p.wq.Notify(waiter.ReadableEvents)
			return n, 0
		})
		if err != 0 {
			if done > 0 && err == errno.EAGAIN {
				return done, 0
			}
			if done > 0 && err == errno.EPIPE {
				return done, 0 // the error comes with the next write
			}
			return -1, err
		}
		done += n
		if done == len(b) || d.Nonblock() {
			return done, 0
		}
	}
}

func (f *pipeEnd) Readiness(mask waiter.EventMask) waiter.EventMask {
	p := f.p
	var r waiter.EventMask
	if f.write {
		if p.q.space() {
			r |= waiter.WritableEvents
		}
		if p.readers == 0 {
			r |= waiter.EventErr
		}
	} else {
		if len(p.q.buf) > 0 {
			r |= waiter.ReadableEvents
		}
		if p.writers == 0 {
			r |= waiter.EventHUp
		}
	}
	return r & (mask | waiter.EventErr | waiter.EventHUp)
}

func (f *pipeEnd) Queue() *waiter.Queue { return &f.p.wq }

func (f *pipeEnd) Stat() Stat {
	st := f.p.ino
	st.Size = 0
	return st
}

func (f *pipeEnd) Release(t *Task) {
	if f.write {
		f.p.writers--
	} else {
		f.p.readers--
	}
	f.p.wq.Notify(waiter.ReadableEvents | waiter.WritableEvents | waiter.EventHUp | waiter.EventErr)
}
