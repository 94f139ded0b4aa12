package scenario

import (
	"errors"
	"fmt"
	"strings"
)

// MaxPathLen is the longest file name (path) in a project tree.
const MaxPathLen = 128

// CheckPath says whether name can name a file of a project tree: a relative
// slash path ("lib/common.h") of at most MaxPathLen characters whose parts
// are made of letters, digits, '_', '-', '+' and '.', none of them empty,
// "." or "..": a name cannot leave the tree or point at the machine's own
// files, and it prints as it is in "file:line:col: message". The error says
// what is wrong, without the field.
func CheckPath(name string) error {
	switch {
	case name == "":
		return errors.New("a file needs a name")
	case len(name) > MaxPathLen:
		return fmt.Errorf("%q is longer than %d characters", clip(name, 40), MaxPathLen)
	case name[0] == '/':
		return fmt.Errorf("%q: a file name is relative to the project (no leading '/')", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" {
			return fmt.Errorf("%q has an empty part (\"//\" or a '/' at the end)", name)
		}
		if strings.Trim(part, ".") == "" {
			return fmt.Errorf("%q: %q is not a file or folder name (a name cannot leave the project)", name, part)
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '+' || r == '.') {
				return fmt.Errorf("%q: a file name may use only letters, digits, '_', '-', '+' and '.', with '/' between folders (found %q)", name, r)
			}
		}
	}
	return nil
}

// tree is the names of a project tree and where each comes from, to report
// a name given twice or a file that is also a folder.
type tree struct {
	files   map[string]string // name -> field ("files[2].name")
	folders map[string]string // folder -> a field of a file inside it
}

func newTree() *tree {
	return &tree{files: map[string]string{}, folders: map[string]string{}}
}

// add puts the file name (from field) in t, or says why it cannot be there.
func (t *tree) add(field, name, owner string) error {
	if err := CheckPath(name); err != nil {
		return fieldErr(field, "%s", err)
	}
	if prev, ok := t.files[name]; ok {
		return fieldErr(field, "%q is already %s%s", name, prev, owner)
	}
	if prev, ok := t.folders[name]; ok {
		return fieldErr(field, "%q is a folder here (%s is inside it); a name is a file or a folder, not both", name, prev)
	}
	for i := strings.IndexByte(name, '/'); i >= 0; i = next(name, i) {
		dir := name[:i]
		if prev, ok := t.files[dir]; ok {
			return fieldErr(field, "%q would be inside %q, which is a file (%s)", name, dir, prev)
		}
		if _, ok := t.folders[dir]; !ok {
			t.folders[dir] = field
		}
	}
	t.files[name] = field
	return nil
}

func next(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

func (t *tree) clone() *tree {
	c := newTree()
	for k, v := range t.files {
		c.files[k] = v
	}
	for k, v := range t.folders {
		c.folders[k] = v
	}
	return c
}

// checkFiles checks the shared tree and each host's tree: the shared files,
// the host's own files and its program. A host's file may not take the name
// of a shared one: there is one file of each name in a build, as in a
// folder on disk, so no reader has to guess which one a name means. Two
// hosts may name one program file ("file") when its text is the same.
func (s *Scenario) checkFiles() error {
	shared := newTree()
	for i, f := range s.Files {
		if err := shared.add(fmt.Sprintf("files[%d].name", i), f.Name, ""); err != nil {
			return err
		}
	}
	programs := map[string]string{} // a program's file name → its text
	for i, h := range s.Hosts {
		p := fmt.Sprintf("hosts[%d]", i)
		if h.Program == "" {
			if len(h.Files) > 0 {
				return fieldErr(p+".files", "files given but the host has no program")
			}
			continue
		}
		t := shared
		if len(h.Files) > 0 {
			t = shared.clone()
		}
		field, why := p+".file", "; the host's program needs a name of its own (set \"file\")"
		if h.File == "" {
			field = p + ".name"
			why = fmt.Sprintf("; the host's program is named %q after the host: give it another name with \"file\"", h.FileName())
		}
		// Hosts may run one program file (a course runs its client on two
		// hosts): the same name with the same text is one file of the folder.
		text, again := programs[h.FileName()]
		again = again && h.File != "" && text == h.Program
		if !again {
			programs[h.FileName()] = h.Program
		}
		if (len(h.Files) > 0 || len(s.Files) > 0) && !(again && t.files[h.FileName()] != "") {
			if err := t.add(field, h.FileName(), why); err != nil {
				return err
			}
		}
		for k, f := range h.Files {
			if err := t.add(fmt.Sprintf("%s.files[%d].name", p, k), f.Name, "; a host's own file needs a name of its own"); err != nil {
				return err
			}
		}
	}
	return nil
}

// largestText names the largest program or file, for the size error.
func (s *Scenario) largestText() (where string, n int) {
	for i, f := range s.Files {
		if len(f.Text) > n {
			where, n = fmt.Sprintf("files[%d] (%q)", i, f.Name), len(f.Text)
		}
	}
	for i, h := range s.Hosts {
		if len(h.Program) > n {
			where, n = fmt.Sprintf("hosts[%d].program", i), len(h.Program)
		}
		for k, f := range h.Files {
			if len(f.Text) > n {
				where, n = fmt.Sprintf("hosts[%d].files[%d] (%q)", i, k, f.Name), len(f.Text)
			}
		}
	}
	return where, n
}
