package libc

import (
	"bytes"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
)

// stream is a stdio FILE. The program holds its address (a small block of
// its memory, so FILE* compares and prints as C's); its state lives here.
// Buffering is glibc's: a stream on a terminal is line buffered (its
// buffer the terminal's block, 1024 bytes), stderr unbuffered, any other
// stream fully buffered with the file's block size (4096). Which one is
// decided at the stream's first use, so stdout made a socket with dup2
// first is fully buffered, as with glibc.
type stream struct {
	addr   uint64
	fd     int
	read   bool // opened for reading
	write  bool // opened for writing
	mode   int  // _IOFBF, _IOLBF, _IONBF; -1 until the first use
	size   int  // buffer size
	rbuf   []byte
	wbuf   []byte
	eof    bool
	err    bool
	closed bool
}

// Buffering modes, as setvbuf's.
const (
	ioFBF = 0
	ioLBF = 1
	ioNBF = 2
)

// newStream makes a FILE for fd.
func (p *Proc) newStream(fd int, read, write bool) *stream {
	s := &stream{addr: p.Mem.Malloc(16), fd: fd, read: read, write: write, mode: -1}
	if s.addr == 0 {
		Abort("out of memory")
	}
	p.Mem.Set(s.addr, 0, 16)
	p.Mem.S32(s.addr, uint32(fd))
	if p.files == nil {
		p.files = map[uint64]*stream{}
	}
	p.files[s.addr] = s
	p.order = append(p.order, s)
	return s
}

// stream returns the FILE at address f, faulting as glibc would on a
// null or closed one.
func (p *Proc) stream(f uint64) *stream {
	s := p.files[f]
	if s == nil || s.closed {
		if f == 0 {
			Segv()
		}
		Abort("invalid FILE* (not one fopen, fdopen or stdio gave, or closed)")
	}
	return s
}

// setup decides a stream's buffering at its first use.
func (p *Proc) setup(s *stream) {
	if s.mode >= 0 {
		return
	}
	s.mode, s.size = ioFBF, 4096
	switch {
	case s.fd == 2:
		s.mode, s.size = ioNBF, 1
	case p.Kernel == nil:
		s.mode, s.size = ioLBF, 1024 // no system: the program's terminal
	default:
		if st, err := p.kernel().Describe(s.fd); err == 0 {
			if isTerminal(st) {
				s.mode = ioLBF
			}
			if st.Blksize > 0 {
				s.size = int(st.Blksize)
			}
		}
	}
}

// sysWrite writes b to fd as write(2) does, all of it unless an error
// stops it.
func (p *Proc) sysWrite(fd int, b []byte) errno.Errno {
	if p.Kernel == nil {
		switch fd {
		case 1:
			p.emit("stdout", string(b))
		case 2:
			p.emit("stderr", string(b))
		default:
			return errno.EBADF
		}
		return 0
	}
	for len(b) > 0 {
		n, err := p.writer(fd).Write(fd, b)
		if err != 0 {
			return err
		}
		b = b[n:]
	}
	return 0
}

// flush writes out a stream's pending output; false on an error.
func (p *Proc) flush(s *stream) bool {
	if len(s.wbuf) == 0 {
		return !s.err || true
	}
	// The stream gives its bytes away for the write: another thread may
	// use the stream while this one waits in it (glibc holds the
	// stream's lock), and must not write over them.
	b := s.wbuf
	s.wbuf = nil
	err := p.sysWrite(s.fd, b)
	if s.wbuf == nil {
		s.wbuf = b[:0]
	}
	if err != 0 {
		s.err = true
		p.SetErrno(err)
		return false
	}
	return true
}

// put writes b to a stream as glibc's fwrite does: into the buffer, which
// goes out when full (the rest in whole blocks straight to the file, what
// is left buffered), and for a line-buffered stream up to the last
// newline at once.
func (p *Proc) put(s *stream, b []byte) bool {
	if !s.write {
		s.err = true
		p.SetErrno(errno.EBADF)
		return false
	}
	p.setup(s)
	s.rbuf = nil // writing after reading: what was read ahead is gone
	if s.mode == ioNBF {
		ok := p.flush(s)
		if err := p.sysWrite(s.fd, b); err != 0 {
			s.err = true
			p.SetErrno(err)
			return false
		}
		return ok
	}
	mustFlush := false
	count := s.size - len(s.wbuf)
	if s.mode == ioLBF && count >= len(b) {
		if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
			count, mustFlush = i+1, true
		}
	}
	count = min(count, len(b))
	s.wbuf = append(s.wbuf, b[:count]...)
	b = b[count:]
	if len(b) == 0 && !mustFlush {
		return true
	}
	if !p.flush(s) {
		return false
	}
	direct := len(b) - len(b)%s.size
	if direct > 0 {
		if err := p.sysWrite(s.fd, b[:direct]); err != 0 {
			s.err = true
			p.SetErrno(err)
			return false
		}
		b = b[direct:]
	}
	s.wbuf = append(s.wbuf, b...)
	return true
}

// putc writes one byte, as fputc: a newline flushes a line-buffered
// stream, a full buffer any.
func (p *Proc) putc(s *stream, c byte) bool {
	if !s.write {
		s.err = true
		p.SetErrno(errno.EBADF)
		return false
	}
	p.setup(s)
	s.rbuf = nil
	s.wbuf = append(s.wbuf, c)
	if s.mode == ioNBF || len(s.wbuf) >= s.size || s.mode == ioLBF && c == '\n' {
		return p.flush(s)
	}
	return true
}

// fill reads more into a stream's buffer (glibc's underflow): before
// reading a line-buffered stream (the terminal) it flushes stdout when
// that is line buffered, so a prompt shows before the program waits. It
// reports false at the end of the file or on an error (eof or err set).
func (p *Proc) fill(s *stream) bool {
	if !s.read {
		s.err = true
		p.SetErrno(errno.EBADF)
		return false
	}
	if s.eof {
		return false // end of file is sticky, as since glibc 2.28
	}
	p.setup(s)
	if s.mode != ioFBF {
		if out := p.std[1]; out != nil && !out.closed && out.mode == ioLBF {
			p.flush(out)
		}
	}
	if len(s.wbuf) > 0 && !p.flush(s) {
		return false
	}
	buf := make([]byte, max(s.size, 1))
	n, err := p.sysRead(s.fd, buf)
	switch {
	case err != 0:
		s.err = true
		p.SetErrno(err)
		return false
	case n == 0:
		s.eof = true
		return false
	}
	s.rbuf = buf[:n]
	return true
}

// sysRead reads from fd as read(2) does.
func (p *Proc) sysRead(fd int, b []byte) (int, errno.Errno) {
	if p.Kernel == nil {
		if fd == 0 {
			return 0, 0
		}
		return -1, errno.EBADF
	}
	return p.kernel().Read(fd, b)
}

// getc reads one byte, -1 at the end of the file or on an error.
func (p *Proc) getc(s *stream) int {
	if len(s.rbuf) == 0 && !p.fill(s) {
		return -1
	}
	c := s.rbuf[0]
	s.rbuf = s.rbuf[1:]
	return int(c)
}

// peekc returns the next byte without taking it, -1 at the end.
func (p *Proc) peekc(s *stream) int {
	if len(s.rbuf) == 0 && !p.fill(s) {
		return -1
	}
	return int(s.rbuf[0])
}

// unread puts b back before what the stream reads next.
func (s *stream) unread(b []byte) {
	if len(b) > 0 {
		s.rbuf = append(append([]byte(nil), b...), s.rbuf...)
	}
}

// getn reads up to len(b) bytes as fread does: from the buffer, then, for
// a large rest, in whole blocks straight from the file; it stops at the
// end of the file or an error.
func (p *Proc) getn(s *stream, b []byte) int {
	got := copy(b, s.rbuf)
	s.rbuf = s.rbuf[got:]
	for got < len(b) {
		p.setup(s)
		want := len(b) - got
		if want >= s.size && s.mode == ioFBF && !s.eof && s.read {
			if len(s.wbuf) > 0 && !p.flush(s) {
				break
			}
			n, err := p.sysRead(s.fd, b[got:got+want-want%s.size])
			if err != 0 {
				s.err = true
				p.SetErrno(err)
				break
			}
			if n == 0 {
				s.eof = true
				break
			}
			got += n
			continue
		}
		if !p.fill(s) {
			break
		}
		n := copy(b[got:], s.rbuf)
		s.rbuf = s.rbuf[n:]
		got += n
	}
	return got
}

// tell returns the stream's position: the file's, less what was read
// ahead, plus what waits to be written.
func (p *Proc) tell(s *stream) (int64, errno.Errno) {
	if p.Kernel == nil {
		return -1, errno.ESPIPE
	}
	pos, err := p.kernel().Lseek(s.fd, 0, kernel.SEEK_CUR)
	if err != 0 {
		return -1, err
	}
	return pos - int64(len(s.rbuf)) + int64(len(s.wbuf)), 0
}

// seek moves the stream as fseek does: pending output goes out, what was
// read ahead is dropped, the end-of-file mark is cleared.
func (p *Proc) seek(s *stream, off int64, whence int) errno.Errno {
	if !p.flush(s) {
		return p.Errno()
	}
	if whence == kernel.SEEK_CUR {
		off -= int64(len(s.rbuf))
	}
	if p.Kernel == nil {
		return errno.ESPIPE
	}
	if _, err := p.kernel().Lseek(s.fd, off, whence); err != 0 {
		return err
	}
	s.rbuf, s.eof = nil, false
	return 0
}

// closeStream flushes and closes a stream and its descriptor.
func (p *Proc) closeStream(s *stream) bool {
	ok := p.flush(s)
	s.closed = true
	delete(p.files, s.addr)
	for i, o := range p.order {
		if o == s {
			p.order = append(p.order[:i], p.order[i+1:]...)
			break
		}
	}
	if s.addr != p.std[0].addr && s.addr != p.std[1].addr && s.addr != p.std[2].addr {
		p.Mem.Free(s.addr)
	}
	if p.Kernel != nil {
		if err := p.kernel().Close(s.fd); err != 0 {
			p.SetErrno(err)
			return false
		}
	}
	return ok
}

// FlushAll writes out every stream's pending output, as exit does.
func (p *Proc) FlushAll() {
	for _, s := range p.order {
		if len(s.wbuf) > 0 {
			p.flush(s)
		}
	}
}

// openMode parses fopen's mode: the open(2) flags and whether the stream
// reads and writes; ok false for a mode fopen refuses (EINVAL).
func openMode(mode string) (flags int, read, write, ok bool) {
	if mode == "" {
		return 0, false, false, false
	}
	switch mode[0] {
	case 'r':
		flags, read = kernel.O_RDONLY, true
	case 'w':
		flags, write = kernel.O_WRONLY|kernel.O_CREAT|kernel.O_TRUNC, true
	case 'a':
		flags, write = kernel.O_WRONLY|kernel.O_CREAT|kernel.O_APPEND, true
	default:
		return 0, false, false, false
	}
	for _, c := range mode[1:] {
		switch c {
		case '+':
			flags = flags&^kernel.O_ACCMODE | kernel.O_RDWR
			read, write = true, true
		case 'x':
			flags |= kernel.O_EXCL
		case 'e':
			flags |= kernel.O_CLOEXEC
		case 'b', 't', 'm', 'c':
		case ',':
			return flags, read, write, true // ",ccs=…" follows
		}
	}
	return flags, read, write, true
}
