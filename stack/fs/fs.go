// Package fs is a host's file system: a tree of inodes held in memory
// (directories, regular files, symbolic links, devices, the files local
// sockets are bound to), with Linux's path resolution, permission checks
// and errno values.
//
// It never touches the machine it runs on: it imports nothing that
// reaches the host's files, and every path is resolved inside the tree
// (".." of the root is the root, as on Linux; a symbolic link's target is
// a path of this tree too). The kernel (stack/kernel) opens its files and
// makes the system calls of it.
package fs

import (
	"slices"
	"strings"
	"time"

	"netplay/stack/linux/errno"
)

// File types and permission bits of Mode, as <sys/stat.h> numbers them.
const (
	S_IFMT   = 0o170000
	S_IFSOCK = 0o140000
	S_IFLNK  = 0o120000
	S_IFREG  = 0o100000
	S_IFBLK  = 0o060000
	S_IFDIR  = 0o040000
	S_IFCHR  = 0o020000
	S_IFIFO  = 0o010000
	S_ISUID  = 0o4000
	S_ISGID  = 0o2000
	S_ISVTX  = 0o1000
)

// Limits of names and paths, as Linux has them.
const (
	NameMax = 255  // bytes in one path component
	PathMax = 4096 // bytes in a path, with its NUL
	// MaxSymlinks is how many symbolic links one path's resolution
	// follows before it fails with ELOOP (Linux's MAXSYMLINKS).
	MaxSymlinks = 40
)

// Access bits for Permission, as access(2)'s R_OK, W_OK, X_OK.
const (
	MayRead  = 4
	MayWrite = 2
	MayExec  = 1
)

// Cred is who makes a call: uid 0 may do anything but execute a file
// nobody may execute.
type Cred struct{ Uid, Gid int }

// Inode is one file of the tree.
type Inode struct {
	Ino   uint64
	Mode  uint32 // type and permission bits
	Uid   int
	Gid   int
	Nlink int
	Rdev  uint64 // device number of a device file (major<<8 | minor)
	Atime time.Duration
	Mtime time.Duration
	Ctime time.Duration

	data    []byte            // a regular file's bytes
	target  string            // a symbolic link's target
	opens   int               // descriptions open on it (Hold)
	entries map[string]*Inode // a directory's entries
	parent  *Inode            // a directory's ".."
	// Socket is what a local socket bound to this file left there (the
	// kernel's), nil when no socket is bound to it (any more).
	Socket any
	// Device is what a device file does (the kernel's).
	Device any
}

// IsDir reports whether the inode is a directory.
func (n *Inode) IsDir() bool { return n.Mode&S_IFMT == S_IFDIR }

// IsReg reports whether the inode is a regular file.
func (n *Inode) IsReg() bool { return n.Mode&S_IFMT == S_IFREG }

// IsLink reports whether the inode is a symbolic link.
func (n *Inode) IsLink() bool { return n.Mode&S_IFMT == S_IFLNK }

// Target returns a symbolic link's target ("" for any other file).
func (n *Inode) Target() string { return n.target }

// Type returns the inode's type bits (S_IFREG, S_IFDIR …).
func (n *Inode) Type() uint32 { return n.Mode & S_IFMT }

// Size returns the length of a regular file or of a symbolic link's
// target (0 otherwise; a directory's size is the block Linux's file
// systems give it).
func (n *Inode) Size() int64 {
	switch {
	case n.IsDir():
		return 4096
	case n.IsLink():
		return int64(len(n.target))
	}
	return int64(len(n.data))
}

// FS is one host's file system.
type FS struct {
	root     *Inode
	ino      uint64
	now      func() time.Duration
	used     int64 // bytes of regular files
	capacity int64
}

// DefaultCapacity is how many bytes of file data one host's file system
// holds before writes fail with ENOSPC.
const DefaultCapacity = 16 << 20

// New returns a file system holding only its root directory (owned by
// root, mode 0755). now gives the virtual time for timestamps (seconds
// since the Unix epoch, as time() does); capacity bounds its file data.
func New(now func() time.Duration, capacity int64) *FS {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	f := &FS{now: now, capacity: capacity}
	f.root = f.newInode(S_IFDIR|0o755, Cred{})
	f.root.parent = f.root
	f.root.Nlink = 2
	return f
}

// Root returns the root directory.
func (f *FS) Root() *Inode { return f.root }

func (f *FS) newInode(mode uint32, c Cred) *Inode {
	f.ino++
	t := f.now()
	n := &Inode{Ino: f.ino, Mode: mode, Uid: c.Uid, Gid: c.Gid, Nlink: 1, Atime: t, Mtime: t, Ctime: t}
	if mode&S_IFMT == S_IFDIR {
		n.entries = map[string]*Inode{}
		n.Nlink = 2
	}
	return n
}

// Permission checks that c may access n as want says (MayRead …), by the
// owner, group or other bits as Linux does: EACCES when not.
func Permission(n *Inode, c Cred, want int) errno.Errno {
	if c.Uid == 0 {
		if want&MayExec != 0 && !n.IsDir() && n.Mode&0o111 == 0 {
			return errno.EACCES
		}
		return 0
	}
	bits := int(n.Mode & 0o7)
	if n.Uid == c.Uid {
		bits = int(n.Mode>>6) & 7
	} else if n.Gid == c.Gid {
		bits = int(n.Mode>>3) & 7
	}
	if bits&want != want {
		return errno.EACCES
	}
	return 0
}

// Lookup resolves path from directory cwd (an absolute path from the root)
// to its inode, following symbolic links, the last one too (stat, open). A
// path ending in "/" must name a directory.
func (f *FS) Lookup(cwd *Inode, path string, c Cred) (*Inode, errno.Errno) {
	w := walk{f: f, c: c}
	return w.lookup(cwd, path, true)
}

// LookupLink is Lookup that does not follow a symbolic link the path ends
// in (lstat, readlink, O_NOFOLLOW) unless a "/" follows it.
func (f *FS) LookupLink(cwd *Inode, path string, c Cred) (*Inode, errno.Errno) {
	w := walk{f: f, c: c}
	return w.lookup(cwd, path, false)
}

// Parent resolves every component of path but the last, which it returns
// with the directory it is to be found in: what a call that makes, removes
// or renames a name needs (it acts on a symbolic link there, not on its
// target). The last component may be "." or "..", or "" for the root
// ("/"); a trailing "/" is dropped from it.
func (f *FS) Parent(cwd *Inode, path string, c Cred) (dir *Inode, name string, err errno.Errno) {
	w := walk{f: f, c: c}
	return w.parent(cwd, path)
}

// ParentFollow is Parent for open with O_CREAT: while the last component
// names a symbolic link, the link's target is resolved instead, so that a
// dangling link makes its target (ELOOP after MaxSymlinks).
func (f *FS) ParentFollow(cwd *Inode, path string, c Cred) (dir *Inode, name string, err errno.Errno) {
	w := walk{f: f, c: c}
	dir, name, err = w.parent(cwd, path)
	for err == 0 {
		n := dir.entries[name]
		if n == nil || !n.IsLink() || name == "" || name == "." || name == ".." {
			return dir, name, 0
		}
		if err = w.count(n); err == 0 {
			dir, name, err = w.parent(dir, n.target)
		}
	}
	return nil, "", err
}

// walk is one path resolution: it counts the symbolic links it follows.
type walk struct {
	f     *FS
	c     Cred
	links int
}

// count notes that a link is followed: ELOOP past MaxSymlinks, ENOENT
// for an empty target.
func (w *walk) count(link *Inode) errno.Errno {
	if w.links++; w.links > MaxSymlinks {
		return errno.ELOOP
	}
	if link.target == "" {
		return errno.ENOENT
	}
	return 0
}

// follow resolves a link found in directory dir to what it names.
func (w *walk) follow(dir, link *Inode) (*Inode, errno.Errno) {
	if err := w.count(link); err != 0 {
		return nil, err
	}
	return w.lookup(dir, link.target, true)
}

func (w *walk) lookup(cwd *Inode, path string, follow bool) (*Inode, errno.Errno) {
	dir, name, err := w.parent(cwd, path)
	if err != 0 {
		return nil, err
	}
	n, err := w.f.step(dir, name, w.c)
	if err != 0 {
		return nil, err
	}
	slash := strings.HasSuffix(path, "/")
	if n.IsLink() && (follow || slash) {
		if n, err = w.follow(dir, n); err != 0 {
			return nil, err
		}
	}
	if slash && !n.IsDir() {
		return nil, errno.ENOTDIR
	}
	return n, 0
}

func (w *walk) parent(cwd *Inode, path string) (*Inode, string, errno.Errno) {
	switch {
	case path == "":
		return nil, "", errno.ENOENT
	case len(path) >= PathMax:
		return nil, "", errno.ENAMETOOLONG
	}
	dir := cwd
	if path[0] == '/' {
		dir = w.f.root
	}
	parts := strings.Split(path, "/")
	// The last non-empty part is the name; empty parts ("a//b", a trailing
	// "/") are nothing.
	last := len(parts) - 1
	for last >= 0 && parts[last] == "" {
		last--
	}
	if last < 0 {
		return w.f.root, "", 0 // "/", "//"
	}
	for _, p := range parts[:last] {
		if p == "" {
			continue
		}
		n, err := w.f.step(dir, p, w.c)
		if err == 0 && n.IsLink() {
			n, err = w.follow(dir, n)
		}
		if err != 0 {
			return nil, "", err
		}
		if !n.IsDir() {
			return nil, "", errno.ENOTDIR
		}
		dir = n
	}
	if len(parts[last]) > NameMax {
		return nil, "", errno.ENAMETOOLONG
	}
	if !dir.IsDir() {
		return nil, "", errno.ENOTDIR
	}
	return dir, parts[last], 0
}

// step looks name up in directory dir, which c must be allowed to search.
func (f *FS) step(dir *Inode, name string, c Cred) (*Inode, errno.Errno) {
	if !dir.IsDir() {
		return nil, errno.ENOTDIR
	}
	if len(name) > NameMax {
		return nil, errno.ENAMETOOLONG
	}
	if err := Permission(dir, c, MayExec); err != 0 {
		return nil, err
	}
	switch name {
	case "", ".":
		return dir, 0
	case "..":
		return dir.parent, 0
	}
	n := dir.entries[name]
	if n == nil {
		return nil, errno.ENOENT
	}
	return n, 0
}

// Child returns dir's entry name, or nil.
func (dir *Inode) Child(name string) *Inode { return dir.entries[name] }

// Names returns a directory's entry names in order, without "." and "..".
// Up returns a directory's "..": its parent (the root's is the root).
func (dir *Inode) Up() *Inode {
	if dir.parent == nil {
		return dir
	}
	return dir.parent
}

func (dir *Inode) Names() []string {
	names := make([]string, 0, len(dir.entries))
	for n := range dir.entries {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// checkNew checks that c may make name in dir: a real name, not there yet,
// dir writable.
func (f *FS) checkNew(dir *Inode, name string, c Cred) errno.Errno {
	switch name {
	case "", ".", "..":
		return errno.EEXIST
	}
	if dir.entries[name] != nil {
		return errno.EEXIST
	}
	if dir.Nlink == 0 {
		return errno.ENOENT // a removed directory takes no new entries
	}
	return Permission(dir, c, MayWrite|MayExec)
}

// Make makes a new inode of mode (type and permission bits; the caller
// has applied its umask) called name in dir, owned by c: a regular file, a
// directory, a device or a socket's file. EEXIST when the name is taken.
func (f *FS) Make(dir *Inode, name string, mode uint32, c Cred) (*Inode, errno.Errno) {
	if err := f.checkNew(dir, name, c); err != 0 {
		return nil, err
	}
	n := f.newInode(mode&(S_IFMT|0o7777), c)
	f.link(dir, name, n)
	return n, 0
}

// Symlink makes a symbolic link called name in dir whose target is
// target, as symlink(2): EEXIST when the name is taken (by a link too),
// ENOENT for an empty target. The target is not looked at: it may name
// nothing (a dangling link) or itself.
func (f *FS) Symlink(dir *Inode, name, target string, c Cred) errno.Errno {
	switch {
	case target == "":
		return errno.ENOENT
	case len(target) >= PathMax:
		return errno.ENAMETOOLONG
	}
	if err := f.checkNew(dir, name, c); err != 0 {
		return err
	}
	n := f.newInode(S_IFLNK|0o777, c)
	n.target = target
	f.link(dir, name, n)
	return 0
}

// Link gives the file n a new name in dir, as link(2): not a directory
// (EPERM), EEXIST when the name is taken. Its bytes stay while a name or
// an open description holds them.
func (f *FS) Link(n, dir *Inode, name string, c Cred) errno.Errno {
	if err := f.checkNew(dir, name, c); err != 0 {
		return err
	}
	if n.IsDir() {
		return errno.EPERM
	}
	f.link(dir, name, n)
	n.Nlink++
	n.Ctime = f.now()
	return 0
}

func (f *FS) link(dir *Inode, name string, n *Inode) {
	dir.entries[name] = n
	if n.IsDir() {
		n.parent = dir
		dir.Nlink++
	}
	dir.Mtime, dir.Ctime = f.now(), f.now()
}

func (f *FS) unlinkEntry(dir *Inode, name string) {
	n := dir.entries[name]
	delete(dir.entries, name)
	if n.IsDir() {
		dir.Nlink--
		n.Nlink = 0
	} else {
		n.Nlink--
	}
	t := f.now()
	dir.Mtime, dir.Ctime, n.Ctime = t, t, t
}

// Unlink removes the name of a file that is not a directory, as
// unlink(2): the inode lives on while a descriptor holds it.
func (f *FS) Unlink(dir *Inode, name string, c Cred) errno.Errno {
	switch name {
	case "", ".", "..":
		return errno.EISDIR
	}
	n := dir.entries[name]
	if n == nil {
		return errno.ENOENT
	}
	if err := Permission(dir, c, MayWrite|MayExec); err != 0 {
		return err
	}
	if n.IsDir() {
		return errno.EISDIR
	}
	f.unlinkEntry(dir, name)
	f.drop(n)
	return 0
}

// Hold notes that an open file description refers to n: its bytes stay
// until the last one is let go (Let), also when its last name is removed.
func (f *FS) Hold(n *Inode) { n.opens++ }

// Let undoes Hold.
func (f *FS) Let(n *Inode) {
	n.opens--
	f.drop(n)
}

// drop frees a regular file's bytes once it has neither a name nor an open
// description.
func (f *FS) drop(n *Inode) {
	if n.Nlink == 0 && n.opens == 0 && n.IsReg() {
		f.used -= int64(len(n.data))
		n.data = nil
	}
}

// Rmdir removes an empty directory, as rmdir(2).
func (f *FS) Rmdir(dir *Inode, name string, c Cred) errno.Errno {
	switch name {
	case "":
		return errno.EBUSY
	case ".":
		return errno.EINVAL
	case "..":
		return errno.ENOTEMPTY
	}
	n := dir.entries[name]
	if n == nil {
		return errno.ENOENT
	}
	if !n.IsDir() {
		return errno.ENOTDIR
	}
	if err := Permission(dir, c, MayWrite|MayExec); err != 0 {
		return err
	}
	if len(n.entries) > 0 {
		return errno.ENOTEMPTY
	}
	f.unlinkEntry(dir, name)
	return 0
}

// Rename moves oname in odir to nname in ndir, as rename(2): it replaces
// what nname was if the kinds agree (a directory only an empty one).
func (f *FS) Rename(odir *Inode, oname string, ndir *Inode, nname string, c Cred) errno.Errno {
	if oname == "" || nname == "" || oname == "." || oname == ".." || nname == "." || nname == ".." {
		return errno.EBUSY
	}
	n := odir.entries[oname]
	if n == nil {
		return errno.ENOENT
	}
	if err := Permission(odir, c, MayWrite|MayExec); err != 0 {
		return err
	}
	if err := Permission(ndir, c, MayWrite|MayExec); err != 0 {
		return err
	}
	if n.IsDir() {
		// Not into itself or below it.
		for d := ndir; ; d = d.parent {
			if d == n {
				return errno.EINVAL
			}
			if d == f.root {
				break
			}
		}
	}
	old := ndir.entries[nname]
	if old == n {
		return 0
	}
	if old != nil && old.IsDir() {
		// A directory that holds what is renamed is not empty.
		for d := odir; ; d = d.parent {
			if d == old {
				return errno.ENOTEMPTY
			}
			if d == f.root {
				break
			}
		}
	}
	if old != nil {
		switch {
		case n.IsDir() && !old.IsDir():
			return errno.ENOTDIR
		case !n.IsDir() && old.IsDir():
			return errno.EISDIR
		case old.IsDir() && len(old.entries) > 0:
			return errno.ENOTEMPTY
		}
		f.unlinkEntry(ndir, nname)
		f.drop(old)
	}
	delete(odir.entries, oname)
	if n.IsDir() {
		odir.Nlink--
	}
	f.link(ndir, nname, n)
	n.Ctime = f.now()
	return 0
}

// Path returns the absolute path of directory d ("/home/client").
func (f *FS) Path(d *Inode) string {
	if d == f.root {
		return "/"
	}
	var parts []string
	for d != f.root {
		p := d.parent
		name := ""
		for k, v := range p.entries {
			if v == d {
				name = k
				break
			}
		}
		if name == "" {
			return "" // a removed directory has no path
		}
		parts = append(parts, name)
		d = p
	}
	slices.Reverse(parts)
	return "/" + strings.Join(parts, "/")
}

// ReadAt reads a regular file's bytes at off into b; 0 at or past its end.
func (f *FS) ReadAt(n *Inode, b []byte, off int64) int {
	if off >= int64(len(n.data)) {
		return 0
	}
	n.Atime = f.now()
	return copy(b, n.data[off:])
}

// WriteAt writes b into a regular file at off, growing it (with zeros in a
// hole): ENOSPC when the file system is full (after writing what fits, as
// Linux does; it returns how much it wrote).
func (f *FS) WriteAt(n *Inode, b []byte, off int64) (int, errno.Errno) {
	end := off + int64(len(b))
	if grow := end - int64(len(n.data)); grow > 0 {
		if room := f.capacity - f.used; grow > room {
			fit := int64(len(n.data)) + room - off // what fits from off
			if fit <= 0 {
				return 0, errno.ENOSPC
			}
			b = b[:fit]
			end = off + fit
		}
		f.resize(n, end)
	}
	copy(n.data[off:], b)
	t := f.now()
	n.Mtime, n.Ctime = t, t
	return len(b), 0
}

// Truncate sets a regular file's length, as truncate(2).
func (f *FS) Truncate(n *Inode, size int64) errno.Errno {
	if size < 0 {
		return errno.EINVAL
	}
	if grow := size - int64(len(n.data)); grow > f.capacity-f.used {
		return errno.EFBIG
	}
	f.resize(n, size)
	t := f.now()
	n.Mtime, n.Ctime = t, t
	return 0
}

func (f *FS) resize(n *Inode, size int64) {
	f.used += size - int64(len(n.data))
	if size <= int64(cap(n.data)) {
		old := len(n.data)
		n.data = n.data[:size]
		if int(size) > old {
			clear(n.data[old:])
		}
		return
	}
	nd := make([]byte, size, max(size, 2*int64(cap(n.data))))
	copy(nd, n.data)
	n.data = nd
}

// Write replaces a regular file's bytes (seeding files at the start).
func (f *FS) Write(n *Inode, b []byte) errno.Errno {
	if err := f.Truncate(n, 0); err != 0 {
		return err
	}
	_, err := f.WriteAt(n, b, 0)
	return err
}

// Chmod implements chmod(2) on n: only its owner (or root) may change its
// permission bits (EPERM); a user who is not in the file's group loses
// its set-group-ID bit, as Linux clears it.
func (f *FS) Chmod(n *Inode, mode uint32, c Cred) errno.Errno {
	if c.Uid != 0 && c.Uid != n.Uid {
		return errno.EPERM
	}
	mode &= 0o7777
	if c.Uid != 0 && c.Gid != n.Gid {
		mode &^= S_ISGID
	}
	n.Mode = n.Mode&S_IFMT | mode
	n.Ctime = f.now()
	return 0
}

// Touch sets the access and modification times, as utime(2).
func (f *FS) Touch(n *Inode) {
	t := f.now()
	n.Atime, n.Mtime, n.Ctime = t, t, t
}
