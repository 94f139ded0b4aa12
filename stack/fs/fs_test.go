package fs

import (
	"strings"
	"testing"
	"time"

	"netplay/stack/linux/errno"
)

var user = Cred{Uid: 1000, Gid: 1000}

// tree is / (root's, 0755) with /home (root's) and /home/u (the user's),
// /home/u/f (a file) and /home/u/d/g.
func tree(t *testing.T) (*FS, *Inode) {
	t.Helper()
	f := New(func() time.Duration { return 0 }, 100)
	home, _ := f.Make(f.Root(), "home", S_IFDIR|0o755, Cred{})
	u, _ := f.Make(home, "u", S_IFDIR|0o755, Cred{})
	u.Uid, u.Gid = user.Uid, user.Gid
	f.Make(u, "f", S_IFREG|0o644, user)
	d, _ := f.Make(u, "d", S_IFDIR|0o755, user)
	f.Make(d, "g", S_IFREG|0o644, user)
	return f, u
}

func TestLookup(t *testing.T) {
	f, u := tree(t)
	for _, tc := range []struct {
		path string
		want errno.Errno
	}{
		{"f", 0}, {"./f", 0}, {"d/g", 0}, {"d//g", 0}, {"../u/f", 0}, {"/home/u/f", 0},
		{"/../../home/u/d/../f", 0}, {"d/", 0}, {"d/.", 0}, {"/", 0}, {"//", 0},
		{"f/", errno.ENOTDIR}, {"f/x", errno.ENOTDIR}, {"nope", errno.ENOENT}, {"nope/x", errno.ENOENT},
		{"", errno.ENOENT}, {strings.Repeat("x", NameMax+1), errno.ENAMETOOLONG},
		{strings.Repeat("a/", PathMax/2), errno.ENAMETOOLONG},
	} {
		if _, err := f.Lookup(u, tc.path, user); err != tc.want {
			t.Errorf("Lookup(%q) = %v, want %v", tc.path, err.Name(), tc.want.Name())
		}
	}
	// Search permission on the way.
	d := u.Child("d")
	d.Mode = S_IFDIR | 0o600
	if _, err := f.Lookup(u, "d/g", user); err != errno.EACCES {
		t.Errorf("through a directory without x: %v", err.Name())
	}
	if _, err := f.Lookup(u, "d/g", Cred{}); err != 0 {
		t.Errorf("root through it: %v", err.Name())
	}
}

func TestMakeRemoveRename(t *testing.T) {
	f, u := tree(t)
	if _, err := f.Make(f.Root(), "x", S_IFREG|0o644, user); err != errno.EACCES {
		t.Errorf("a file in root's / : %v", err.Name())
	}
	if _, err := f.Make(u, "f", S_IFREG|0o644, user); err != errno.EEXIST {
		t.Errorf("again: %v", err.Name())
	}
	for _, tc := range []struct {
		name string
		op   func() errno.Errno
		want errno.Errno
	}{
		{"rmdir non-empty", func() errno.Errno { return f.Rmdir(u, "d", user) }, errno.ENOTEMPTY},
		{"rmdir a file", func() errno.Errno { return f.Rmdir(u, "f", user) }, errno.ENOTDIR},
		{"rmdir .", func() errno.Errno { return f.Rmdir(u, ".", user) }, errno.EINVAL},
		{"rmdir /", func() errno.Errno { return f.Rmdir(f.Root(), "", user) }, errno.EBUSY},
		{"unlink a dir", func() errno.Errno { return f.Unlink(u, "d", user) }, errno.EISDIR},
		{"unlink missing", func() errno.Errno { return f.Unlink(u, "nope", user) }, errno.ENOENT},
		{"rename into itself", func() errno.Errno { return f.Rename(u, "d", u.Child("d"), "e", user) }, errno.EINVAL},
		{"rename a file over a dir", func() errno.Errno { return f.Rename(u, "f", u, "d", user) }, errno.EISDIR},
		{"rename a dir over a file", func() errno.Errno { return f.Rename(u, "d", u, "f", user) }, errno.ENOTDIR},
		{"rename over its own parent", func() errno.Errno { return f.Rename(u.Child("d"), "g", u, "d", user) }, errno.ENOTEMPTY},
		{"rename a file over a file", func() errno.Errno { return f.Rename(u.Child("d"), "g", u, "f", user) }, 0},
	} {
		if err := tc.op(); err != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, err.Name(), tc.want.Name())
		}
	}
	if u.Child("d").Child("g") != nil || u.Child("f") == nil {
		t.Error("the rename did not move g over f")
	}
	if f.Path(u.Child("d")) != "/home/u/d" || f.Path(f.Root()) != "/" {
		t.Errorf("paths %q %q", f.Path(u.Child("d")), f.Path(f.Root()))
	}
}

// File data is bounded: a write that does not fit writes what does, the
// next says ENOSPC; an unlinked file's bytes stay while it is held.
func TestCapacity(t *testing.T) {
	f, u := tree(t)
	n := u.Child("f")
	if w, err := f.WriteAt(n, make([]byte, 60), 0); w != 60 || err != 0 {
		t.Fatalf("write 60: %d %v", w, err)
	}
	g, _ := f.Make(u, "g", S_IFREG|0o644, user)
	if w, err := f.WriteAt(g, make([]byte, 60), 0); w != 40 || err != 0 {
		t.Errorf("write 60 with 40 left: %d %v", w, err.Name())
	}
	if w, err := f.WriteAt(g, []byte("x"), 40); w != 0 || err != errno.ENOSPC {
		t.Errorf("write when full: %d %v", w, err.Name())
	}
	f.Hold(n)
	f.Unlink(u, "f", user)
	if w, _ := f.WriteAt(g, []byte("x"), 40); w != 0 {
		t.Error("an unlinked file's bytes went while it was held")
	}
	if b := make([]byte, 100); f.ReadAt(n, b, 0) != 60 {
		t.Error("the held file lost its bytes")
	}
	f.Let(n)
	if w, err := f.WriteAt(g, []byte("x"), 40); w != 1 || err != 0 {
		t.Errorf("after the last hold: %d %v", w, err.Name())
	}
}
