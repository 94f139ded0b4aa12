package kernel

import (
	"fmt"
	"time"

	"netplay/stack/fs"
	"netplay/stack/linux/errno"
)

// Dirent is one entry getdents64(2) gives: the inode, the offset of the
// next entry (the directory's position after it), its d_type and name.
type Dirent struct {
	Ino  uint64
	Off  int64
	Type uint8
	Name string
}

// Reclen is the entry's size in a struct linux_dirent64 buffer: the
// 19-byte header, the name and its NUL, rounded up to 8.
func (e Dirent) Reclen() int { return (19 + len(e.Name) + 1 + 7) &^ 7 }

// dtype is the d_type of a file of mode m.
func dtype(m uint32) uint8 { return uint8(m & fs.S_IFMT >> 12) }

// Getdents64 implements getdents64(2): the entries of directory fd from
// its position on ("." and ".." first, then the names in order) that fit
// in count bytes, the position moved past them; none at the end. EINVAL
// when count cannot hold the next one, ENOTDIR on another file.
func (t *Task) Getdents64(fd, count int) (r0 []Dirent, r1 errno.Errno) {
	if j, at, rec := t.journal("getdents64"); j != nil {
		if rec != nil {
			v := rec.([]any)
			return v[0].([]Dirent), v[1].(errno.Errno)
		}
		defer func() { j.Record("getdents64", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %d", fd, count)
	d, err := t.get(fd)
	if err != 0 {
		return nil, t.fail(start, "getdents64", fd, args, err)
	}
	f, ok := d.file.(*dirFile)
	if !ok {
		return nil, t.fail(start, "getdents64", fd, args, errno.ENOTDIR)
	}
	all := []Dirent{{Ino: f.n.Ino, Type: dtype(f.n.Mode), Name: "."}, {Ino: f.n.Up().Ino, Type: dtype(fs.S_IFDIR), Name: ".."}}
	for _, name := range f.n.Names() {
		c := f.n.Child(name)
		all = append(all, Dirent{Ino: c.Ino, Type: dtype(c.Mode), Name: name})
	}
	var out []Dirent
	size := 0
	for i := int(f.off); i < len(all); i++ {
		e := all[i]
		if size+e.Reclen() > count {
			if len(out) == 0 {
				return nil, t.fail(start, "getdents64", fd, args, errno.EINVAL)
			}
			break
		}
		e.Off = int64(i + 1)
		out = append(out, e)
		size += e.Reclen()
	}
	f.off += int64(len(out))
	t.syscall(start, "getdents64", fd, fmt.Sprintf("%s, %d entries", args, len(out)), int64(size), 0)
	return out, 0
}

// fail traces a call that fails with err and returns err.
func (t *Task) fail(start time.Duration, call string, fd int, args string, err errno.Errno) errno.Errno {
	t.syscall(start, call, fd, args, -1, err)
	return err
}
