package kernel

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/fs"
	"netplay/stack/linux/errno"
)

// Device numbers of the device files /dev holds (major<<8 | minor).
const (
	devNull    = 1<<8 | 3
	devZero    = 1<<8 | 5
	devRandom  = 1<<8 | 8
	devURandom = 1<<8 | 9
	devTTY     = 5 << 8 // minor 0
)

// layout makes the host's file system as a program finds it: /dev with
// null, zero, random, urandom and tty; /tmp, writable by all (sticky);
// the user's home, /home/<host>, which is the working directory and holds
// the scenario's files. It returns the home directory.
func (h *Host) layout() *fs.Inode {
	f, root := h.fs, h.fs.Root()
	mk := func(dir *fs.Inode, name string, mode uint32, owner fs.Cred) *fs.Inode {
		n, err := f.Make(dir, name, mode, fs.Cred{}) // made by root, given to owner
		if err != 0 {
			panic(fmt.Sprintf("kernel: laying out %s: %v", name, err))
		}
		n.Uid, n.Gid = owner.Uid, owner.Gid
		return n
	}
	dev := mk(root, "dev", fs.S_IFDIR|0o755, fs.Cred{})
	for _, d := range []struct {
		name string
		rdev uint64
	}{{"null", devNull}, {"zero", devZero}, {"random", devRandom}, {"urandom", devURandom}, {"tty", devTTY}} {
		mk(dev, d.name, fs.S_IFCHR|0o666, fs.Cred{}).Rdev = d.rdev
	}
	mk(root, "tmp", fs.S_IFDIR|fs.S_ISVTX|0o777, fs.Cred{})
	home := mk(root, "home", fs.S_IFDIR|0o755, fs.Cred{})
	return mk(home, h.vh.Name(), fs.S_IFDIR|0o755, User)
}

// AddFile puts a file of the scenario into the user's home directory:
// name is a relative slash path ("lib/common.h"), its directories are
// made as needed. The user may read and write it (mode 0644).
func (h *Host) AddFile(name, text string) error {
	dir := h.home
	parts := strings.Split(name, "/")
	for _, p := range parts[:len(parts)-1] {
		n := dir.Child(p)
		if n == nil {
			var err errno.Errno
			if n, err = h.fs.Make(dir, p, fs.S_IFDIR|0o755, User); err != 0 {
				return fmt.Errorf("file %q: %v", name, err)
			}
		}
		if !n.IsDir() {
			return fmt.Errorf("file %q: %q is a file", name, p)
		}
		dir = n
	}
	base := parts[len(parts)-1]
	n := dir.Child(base)
	if n == nil {
		var err errno.Errno
		if n, err = h.fs.Make(dir, base, fs.S_IFREG|0o644, User); err != 0 {
			return fmt.Errorf("file %q: %v", name, err)
		}
	}
	if !n.IsReg() {
		return fmt.Errorf("file %q: a directory of that name exists", name)
	}
	if err := h.fs.Write(n, []byte(text)); err != 0 {
		return fmt.Errorf("file %q: %v", name, err)
	}
	return nil
}

// statOf describes an inode as stat does.
func statOf(n *fs.Inode) Stat {
	return Stat{Dev: devFS, Ino: n.Ino, Mode: n.Mode, Nlink: n.Nlink, Uid: n.Uid, Gid: n.Gid,
		Rdev: n.Rdev, Size: n.Size(), Blksize: 4096, Atime: n.Atime, Mtime: n.Mtime, Ctime: n.Ctime}
}

// seeker is a file with an offset (regular files, directories).
type seeker interface {
	seek(off int64, whence int) (int64, errno.Errno)
}

// regFile is an open regular file: its inode and the description's offset.
type regFile struct {
	h   *Host
	n   *fs.Inode
	off int64
	q   waiter.Queue // never notified: a regular file is always ready
}

func (f *regFile) Read(t *Task, d *Desc, b []byte) (int, errno.Errno) {
	n := f.h.fs.ReadAt(f.n, b, f.off)
	f.off += int64(n)
	return n, 0
}

func (f *regFile) Write(t *Task, d *Desc, b []byte) (int, errno.Errno) {
	if d.flags&O_APPEND != 0 {
		f.off = f.n.Size()
	}
	n, err := f.h.fs.WriteAt(f.n, b, f.off)
	f.off += int64(n)
	if err != 0 && n == 0 {
		return -1, err
	}
	return n, 0
}

func (f *regFile) seek(off int64, whence int) (int64, errno.Errno) {
	return seekTo(&f.off, f.n.Size(), off, whence)
}

func seekTo(pos *int64, size, off int64, whence int) (int64, errno.Errno) {
	var base int64
	switch whence {
	case SEEK_SET:
	case SEEK_CUR:
		base = *pos
	case SEEK_END:
		base = size
	default:
		return -1, errno.EINVAL
	}
	if base+off < 0 {
		return -1, errno.EINVAL
	}
	*pos = base + off
	return *pos, 0
}

func (f *regFile) Readiness(mask waiter.EventMask) waiter.EventMask {
	return mask & (waiter.ReadableEvents | waiter.WritableEvents)
}
func (f *regFile) Queue() *waiter.Queue { return &f.q }
func (f *regFile) Stat() Stat           { return statOf(f.n) }
func (f *regFile) Release(t *Task)      { f.h.fs.Let(f.n) }

// dirFile is an open directory: it can be stat'ed and changed into, not
// read.
type dirFile struct {
	n   *fs.Inode
	off int64
	q   waiter.Queue
}

func (f *dirFile) Read(t *Task, d *Desc, b []byte) (int, errno.Errno)  { return -1, errno.EISDIR }
func (f *dirFile) Write(t *Task, d *Desc, b []byte) (int, errno.Errno) { return -1, errno.EBADF }
func (f *dirFile) seek(off int64, whence int) (int64, errno.Errno) {
	return seekTo(&f.off, 0, off, whence)
}
func (f *dirFile) Readiness(mask waiter.EventMask) waiter.EventMask {
	return mask & (waiter.ReadableEvents | waiter.WritableEvents)
}
func (f *dirFile) Queue() *waiter.Queue { return &f.q }
func (f *dirFile) Stat() Stat           { return statOf(f.n) }
func (f *dirFile) Release(t *Task)      {}

// devFile is /dev/null, /dev/zero, /dev/random or /dev/urandom (the last
// two give the host's seeded random bytes: a run repeats).
type devFile struct {
	h *Host
	n *fs.Inode
	q waiter.Queue
}

func (f *devFile) Read(t *Task, d *Desc, b []byte) (int, errno.Errno) {
	switch f.n.Rdev {
	case devNull:
		return 0, 0
	case devZero:
		clear(b)
	default:
		f.h.random.Read(b)
	}
	return len(b), 0
}

func (f *devFile) Write(t *Task, d *Desc, b []byte) (int, errno.Errno) { return len(b), 0 }
func (f *devFile) seek(off int64, whence int) (int64, errno.Errno)     { return 0, 0 }
func (f *devFile) Readiness(mask waiter.EventMask) waiter.EventMask {
	return mask & (waiter.ReadableEvents | waiter.WritableEvents)
}
func (f *devFile) Queue() *waiter.Queue { return &f.q }
func (f *devFile) Stat() Stat           { return statOf(f.n) }
func (f *devFile) Release(t *Task)      {}

// Random fills b with the host's random bytes (getrandom(2)).
func (t *Task) Random(b []byte) {
	if j, at, rec := t.journal("random"); j != nil {
		if rec != nil {
			v := rec.([]any)
			restore(v[0].([][]byte), b)
			return
		}
		defer func() { j.Record("random", at, []any{saved(b)}) }()
	}
	t.host.random.Read(b)
}

// quote shows a path argument as strace does.
func quote(path string) string { return strconv.Quote(path) }

// Open implements open(2) (creat is O_CREAT|O_WRONLY|O_TRUNC).
func (t *Task) Open(path string, flags int, mode uint32) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("open"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("open", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	args := quote(path) + ", " + openFlags(flags)
	if flags&O_CREAT != 0 || flags&O_TMPFILE == O_TMPFILE {
		args += fmt.Sprintf(", %#o", mode)
	}
	fd, err := t.open2(path, flags, mode)
	if err != 0 {
		t.syscall(start, "open", -1, args, -1, err)
		return -1, err
	}
	t.syscall(start, "open", fd, args, int64(fd), 0)
	return fd, 0
}

func (t *Task) open2(path string, flags int, mode uint32) (int, errno.Errno) {
	if _, err := t.lowest(0); err != 0 {
		return -1, err
	}
	if flags&O_TMPFILE == O_TMPFILE || flags&O_PATH != 0 {
		return -1, errno.EOPNOTSUPP
	}
	acc := flags & O_ACCMODE
	if acc == O_ACCMODE {
		return -1, errno.EINVAL
	}
	fsys := t.host.fs
	var n *fs.Inode
	created := false
	if flags&O_CREAT != 0 {
		// A symbolic link the path ends in is followed (a dangling one
		// makes its target), unless O_EXCL (EEXIST) or O_NOFOLLOW (ELOOP).
		parent := fsys.ParentFollow
		if flags&(O_EXCL|O_NOFOLLOW) != 0 {
			parent = fsys.Parent
		}
		dir, base, err := parent(t.cwd, path, User)
		if err != 0 {
			return -1, err
		}
		if base == "" || strings.HasSuffix(path, "/") {
			return -1, errno.EISDIR
		}
		if n, err = fsys.LookupLink(dir, base, User); err == errno.ENOENT {
			if n, err = fsys.Make(dir, base, fs.S_IFREG|mode&0o7777&^t.umask, User); err != 0 {
				return -1, err
			}
			created = true
		} else if err != 0 {
			return -1, err
		} else if flags&O_EXCL != 0 {
			return -1, errno.EEXIST
		}
	} else {
		lookup := fsys.Lookup
		if flags&O_NOFOLLOW != 0 {
			lookup = fsys.LookupLink
		}
		var err errno.Errno
		if n, err = lookup(t.cwd, path, User); err != 0 {
			return -1, err
		}
	}
	if n.IsLink() {
		return -1, errno.ELOOP // O_NOFOLLOW
	}
	if flags&O_DIRECTORY != 0 && !n.IsDir() {
		return -1, errno.ENOTDIR
	}
	if n.IsDir() && (acc != O_RDONLY || flags&O_CREAT != 0) {
		return -1, errno.EISDIR
	}
	if !created {
		want := 0
		if acc != O_WRONLY {
			want |= fs.MayRead
		}
		if acc != O_RDONLY || flags&O_TRUNC != 0 {
			want |= fs.MayWrite
		}
		if err := fs.Permission(n, User, want); err != 0 {
			return -1, err
		}
	}
	var f File
	switch n.Type() {
	case fs.S_IFREG:
		if flags&O_TRUNC != 0 && acc != O_RDONLY {
			if err := fsys.Truncate(n, 0); err != 0 {
				return -1, err
			}
		}
		fsys.Hold(n)
		f = &regFile{h: t.host, n: n}
	case fs.S_IFDIR:
		f = &dirFile{n: n}
	case fs.S_IFCHR:
		if n.Rdev == devTTY {
			f = &ttyFile{term: t.host.term, stream: "stdout"}
		} else {
			f = &devFile{h: t.host, n: n}
		}
	default: // a socket's file
		return -1, errno.ENXIO
	}
	fl := flags | O_LARGEFILE
	if n.Type() == fs.S_IFCHR && n.Rdev == devTTY {
		fl = flags // a terminal is not opened as a large file
	}
	fd, _, err := t.open(f, fl)
	return fd, err
}

// Lseek implements lseek(2).
func (t *Task) Lseek(fd int, off int64, whence int) (r0 int64, r1 errno.Errno) {
	if j, at, rec := t.journal("lseek"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int64)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("lseek", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %d, %s", fd, off, whenceName(whence))
	d, err := t.get(fd)
	pos := int64(-1)
	if err == 0 {
		if s, ok := d.file.(seeker); ok {
			pos, err = s.seek(off, whence)
		} else {
			err = errno.ESPIPE
		}
	}
	if err != 0 {
		pos = -1
	}
	t.syscall(start, "lseek", fd, args, pos, err)
	return pos, err
}

func whenceName(w int) string {
	switch w {
	case SEEK_SET:
		return "SEEK_SET"
	case SEEK_CUR:
		return "SEEK_CUR"
	case SEEK_END:
		return "SEEK_END"
	}
	return strconv.Itoa(w)
}

// Fstat implements fstat(2).
func (t *Task) Fstat(fd int) (r0 Stat, r1 errno.Errno) {
	if j, at, rec := t.journal("fstat"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(Stat)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("fstat", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	d, err := t.get(fd)
	var st Stat
	if err == 0 {
		st = d.file.Stat()
	}
	t.done(start, "fstat", fd, strconv.Itoa(fd), err)
	return st, err
}

// Stat implements stat(2) and lstat(2) (call says which: lstat tells of a
// symbolic link the path ends in, stat of what it names).
func (t *Task) Stat(call, path string) (r0 Stat, r1 errno.Errno) {
	if j, at, rec := t.journal("stat"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(Stat)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("stat", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	lookup := t.host.fs.Lookup
	if call == "lstat" {
		lookup = t.host.fs.LookupLink
	}
	n, err := lookup(t.cwd, path, User)
	var st Stat
	if err == 0 {
		st = statOf(n)
	}
	t.done(start, call, -1, quote(path), err)
	return st, err
}

// Chmod implements chmod(2).
func (t *Task) Chmod(path string, mode uint32) (r0 errno.Errno) {
	if j, at, rec := t.journal("chmod"); j != nil {
		if rec != nil {
			return rec.([]any)[0].(errno.Errno)
		}
		defer func() { j.Record("chmod", at, []any{r0}) }()
	}
	start := t.th.Now()
	n, err := t.host.fs.Lookup(t.cwd, path, User)
	if err == 0 {
		err = t.host.fs.Chmod(n, mode, User)
	}
	return t.done(start, "chmod", -1, fmt.Sprintf("%s, %#o", quote(path), mode), err)
}

// Fchmod implements fchmod(2). Sockets, pipes and the terminal have no
// inode in the file system here: their mode is not kept (Linux changes
// it on their anonymous inodes, which only fstat shows).
func (t *Task) Fchmod(fd int, mode uint32) (r0 errno.Errno) {
	if j, at, rec := t.journal("fchmod"); j != nil {
		if rec != nil {
			return rec.([]any)[0].(errno.Errno)
		}
		defer func() { j.Record("fchmod", at, []any{r0}) }()
	}
	start := t.th.Now()
	d, err := t.get(fd)
	if err == 0 {
		var n *fs.Inode
		switch f := d.file.(type) {
		case *regFile:
			n = f.n
		case *dirFile:
			n = f.n
		case *devFile:
			n = f.n
		}
		if n != nil {
			err = t.host.fs.Chmod(n, mode, User)
		}
	}
	return t.done(start, "fchmod", fd, fmt.Sprintf("%d, %#o", fd, mode), err)
}

// Access implements access(2).
func (t *Task) Access(path string, mode int) (r0 errno.Errno) {
	if j, at, rec := t.journal("access"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("access", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := quote(path) + ", " + accessName(mode)
	n, err := t.host.fs.Lookup(t.cwd, path, User)
	if err == 0 && mode&^(R_OK|W_OK|X_OK) != 0 {
		err = errno.EINVAL
	}
	if err == 0 && mode != F_OK {
		err = fs.Permission(n, User, mode)
	}
	return t.done(start, "access", -1, args, err)
}

func accessName(m int) string {
	if m == F_OK {
		return "F_OK"
	}
	var s []string
	for _, b := range []struct {
		bit  int
		name string
	}{{R_OK, "R_OK"}, {W_OK, "W_OK"}, {X_OK, "X_OK"}} {
		if m&b.bit != 0 {
			s = append(s, b.name)
			m &^= b.bit
		}
	}
	if m != 0 {
		s = append(s, strconv.Itoa(m))
	}
	return strings.Join(s, "|")
}

// Unlink implements unlink(2).
func (t *Task) Unlink(path string) (r0 errno.Errno) {
	if j, at, rec := t.journal("unlink"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("unlink", at, []any{r0}) }()
	}
	start := t.th.Now()
	dir, base, err := t.host.fs.Parent(t.cwd, path, User)
	if err == 0 {
		if strings.HasSuffix(path, "/") {
			// What the name is, not what a link there names: a
			// directory, else no directory at all.
			switch n := dir.Child(base); {
			case n == nil:
				err = errno.ENOENT
			case n.IsDir():
				err = errno.EISDIR
			default:
				err = errno.ENOTDIR
			}
		}
		if err == 0 {
			err = t.host.fs.Unlink(dir, base, User)
		}
	}
	return t.done(start, "unlink", -1, quote(path), err)
}

// Symlink implements symlink(2): a link at linkpath to target, which is
// kept as it is written (it may name nothing).
func (t *Task) Symlink(target, linkpath string) (r0 errno.Errno) {
	if j, at, rec := t.journal("symlink"); j != nil {
		if rec != nil {
			return rec.([]any)[0].(errno.Errno)
		}
		defer func() { j.Record("symlink", at, []any{r0}) }()
	}
	start := t.th.Now()
	dir, base, err := t.host.fs.Parent(t.cwd, linkpath, User)
	if err == 0 {
		err = t.host.fs.Symlink(dir, base, target, User)
	}
	return t.done(start, "symlink", -1, quote(target)+", "+quote(linkpath), err)
}

// Link implements link(2): a new name for the file at oldpath (a
// symbolic link there is linked itself, not followed, as Linux does).
func (t *Task) Link(oldpath, newpath string) (r0 errno.Errno) {
	if j, at, rec := t.journal("link"); j != nil {
		if rec != nil {
			return rec.([]any)[0].(errno.Errno)
		}
		defer func() { j.Record("link", at, []any{r0}) }()
	}
	start := t.th.Now()
	n, err := t.host.fs.LookupLink(t.cwd, oldpath, User)
	if err == 0 {
		var dir *fs.Inode
		var base string
		if dir, base, err = t.host.fs.Parent(t.cwd, newpath, User); err == 0 {
			err = t.host.fs.Link(n, dir, base, User)
		}
	}
	return t.done(start, "link", -1, quote(oldpath)+", "+quote(newpath), err)
}

// Readlink implements readlink(2): a symbolic link's target, at most size
// bytes of it, without a NUL; EINVAL for a file that is not a link.
func (t *Task) Readlink(path string, size int) (r0 string, r1 errno.Errno) {
	if j, at, rec := t.journal("readlink"); j != nil {
		if rec != nil {
			v := rec.([]any)
			return v[0].(string), v[1].(errno.Errno)
		}
		defer func() { j.Record("readlink", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	var target string
	err := errno.Errno(errno.EINVAL)
	if size > 0 {
		var n *fs.Inode
		if n, err = t.host.fs.LookupLink(t.cwd, path, User); err == 0 {
			if n.IsLink() {
				target = n.Target()[:min(len(n.Target()), size)]
			} else {
				err = errno.EINVAL
			}
		}
	}
	if err != 0 {
		t.syscall(start, "readlink", -1, fmt.Sprintf("%s, %d", quote(path), size), -1, err)
		return "", err
	}
	t.syscall(start, "readlink", -1, fmt.Sprintf("%s, %s, %d", quote(path), quote(target), size), int64(len(target)), 0)
	return target, 0
}

// Rmdir implements rmdir(2).
func (t *Task) Rmdir(path string) (r0 errno.Errno) {
	if j, at, rec := t.journal("rmdir"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("rmdir", at, []any{r0}) }()
	}
	start := t.th.Now()
	dir, base, err := t.host.fs.Parent(t.cwd, path, User)
	if err == 0 {
		// Linux removes a working directory too: getcwd then says ENOENT.
		err = t.host.fs.Rmdir(dir, base, User)
	}
	return t.done(start, "rmdir", -1, quote(path), err)
}

// Mkdir implements mkdir(2).
func (t *Task) Mkdir(path string, mode uint32) (r0 errno.Errno) {
	if j, at, rec := t.journal("mkdir"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("mkdir", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%s, %#o", quote(path), mode)
	dir, base, err := t.host.fs.Parent(t.cwd, path, User)
	if err == 0 {
		_, err = t.host.fs.Make(dir, base, fs.S_IFDIR|mode&0o7777&^t.umask, User)
	}
	return t.done(start, "mkdir", -1, args, err)
}

// Rename implements rename(2).
func (t *Task) Rename(from, to string) (r0 errno.Errno) {
	if j, at, rec := t.journal("rename"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("rename", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := quote(from) + ", " + quote(to)
	odir, oname, err := t.host.fs.Parent(t.cwd, from, User)
	var ndir *fs.Inode
	var nname string
	if err == 0 {
		ndir, nname, err = t.host.fs.Parent(t.cwd, to, User)
	}
	if err == 0 {
		err = t.host.fs.Rename(odir, oname, ndir, nname, User)
	}
	return t.done(start, "rename", -1, args, err)
}

// Truncate implements truncate(2) and, with fd ≥ 0 and path "", ftruncate(2).
func (t *Task) Truncate(fd int, path string, size int64) (r0 errno.Errno) {
	if j, at, rec := t.journal("truncate"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("truncate", at, []any{r0}) }()
	}
	start := t.th.Now()
	var n *fs.Inode
	var err errno.Errno
	call, args := "truncate", fmt.Sprintf("%s, %d", quote(path), size)
	if path == "" && fd >= 0 {
		call, args = "ftruncate", fmt.Sprintf("%d, %d", fd, size)
		var d *Desc
		if d, err = t.get(fd); err == 0 {
			if rf, ok := d.file.(*regFile); ok && d.writable() {
				n = rf.n
			} else {
				err = errno.EINVAL
			}
		}
	} else if n, err = t.host.fs.Lookup(t.cwd, path, User); err == 0 {
		switch {
		case n.IsDir():
			err = errno.EISDIR
		case !n.IsReg():
			err = errno.EINVAL
		default:
			err = fs.Permission(n, User, fs.MayWrite)
		}
	}
	if err == 0 {
		err = t.host.fs.Truncate(n, size)
	}
	return t.done(start, call, fd, args, err)
}

// Fsync implements fsync(2): files are in memory; sockets and pipes say
// EINVAL as on Linux.
func (t *Task) Fsync(fd int) (r0 errno.Errno) {
	if j, at, rec := t.journal("fsync"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("fsync", at, []any{r0}) }()
	}
	start := t.th.Now()
	d, err := t.get(fd)
	if err == 0 {
		switch d.file.(type) {
		case *regFile, *dirFile, *devFile, *ttyFile:
		default:
			err = errno.EINVAL
		}
	}
	return t.done(start, "fsync", fd, strconv.Itoa(fd), err)
}

// Getcwd implements getcwd(2): the working directory's path; ENOENT when
// it was removed, ERANGE when size bytes cannot hold it and its NUL.
func (t *Task) Getcwd(size int) (r0 string, r1 errno.Errno) {
	if j, at, rec := t.journal("getcwd"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(string)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("getcwd", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	path := t.host.fs.Path(t.cwd)
	var err errno.Errno
	switch {
	case path == "":
		err = errno.ENOENT
	case len(path)+1 > size:
		err = errno.ERANGE
	}
	args := fmt.Sprintf("%s, %d", quote(path), size)
	if err != 0 {
		t.syscall(start, "getcwd", -1, args, -1, err)
		return "", err
	}
	t.syscall(start, "getcwd", -1, args, int64(len(path)+1), 0)
	return path, 0
}

// Chdir implements chdir(2).
func (t *Task) Chdir(path string) (r0 errno.Errno) {
	if j, at, rec := t.journal("chdir"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("chdir", at, []any{r0}) }()
	}
	start := t.th.Now()
	n, err := t.host.fs.Lookup(t.cwd, path, User)
	if err == 0 && !n.IsDir() {
		err = errno.ENOTDIR
	}
	if err == 0 {
		err = fs.Permission(n, User, fs.MayExec)
	}
	if err == 0 {
		t.cwd = n
	}
	return t.done(start, "chdir", -1, quote(path), err)
}

// Umask implements umask(2).
func (t *Task) Umask(mask uint32) (r0 uint32) {
	if j, at, rec := t.journal("umask"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(uint32)
			return
		}
		defer func() { j.Record("umask", at, []any{r0}) }()
	}
	old := t.umask
	t.umask = mask & 0o777
	return old
}

// Now returns the virtual time, for timestamps the C library sets.
func (t *Task) Now() time.Duration { return t.th.Now() }

// Describe returns what fstat would for fd without tracing a call: the C
// library's own look at a descriptor (is it a terminal, its block size)
// before it buffers a stream, which is not the program's doing.
func (t *Task) Describe(fd int) (r0 Stat, r1 errno.Errno) {
	if j, at, rec := t.journal("describe"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(Stat)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("describe", at, []any{r0, r1}) }()
	}
	d, err := t.get(fd)
	if err != 0 {
		return Stat{}, err
	}
	return d.file.Stat(), 0
}
