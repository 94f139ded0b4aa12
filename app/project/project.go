// Package project takes a course's files into a scenario on the page: a
// folder or some files the learner dropped or picked, or a zip of them.
// Read turns what was uploaded into project files (unzipping in Go, with
// limits and clear errors for a bad archive); Apply puts them into the
// scenario being edited: a folder with netplay.json is a whole scenario
// (as `netplay pack` makes one), other files join the project tree, a
// host's program taking the file of its name.
package project

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"netplay/stack/scenario"
)

// Upload is one file as the browser hands it over: its path inside what
// was dropped or picked ("course/lib/common.h", or "course.zip") and its
// bytes.
type Upload struct {
	Path string
	Data []byte
}

// Limits of what is taken in: a project is a scenario's worth of text.
const (
	// MaxFiles is the most files a project takes.
	MaxFiles = 1000
	// MaxBytes is the most bytes taken in altogether (and the most a zip
	// may unpack to): a scenario's size limit.
	MaxBytes = scenario.MaxSize
)

// Skeleton is the file of a course's folder that says what to run: the
// scenario without its programs (netplay pack).
const Skeleton = "netplay.json"

// Read turns uploads into project files: a .zip is unpacked; names are
// made relative to the course's folder they share ("course/lib/x.h" →
// "lib/x.h");
// names starting with '.' (.git, .DS_Store) are left out, and so are files
// that are not text, each with a note. Too many files, too many bytes, a
// damaged archive or a name that leaves the project is an error.
func Read(uploads []Upload) (files []scenario.File, notes []string, err error) {
	type entry struct {
		name string
		data []byte
	}
	var all []entry
	total := 0
	add := func(name string, data []byte) error {
		if len(all) >= MaxFiles {
			return fmt.Errorf("more than %d files: take in the course's folder for one chapter", MaxFiles)
		}
		total += len(data)
		if total > MaxBytes {
			return fmt.Errorf("more than %s of files (a scenario's limit): leave out what the programs do not need", scenario.MaxSizeText)
		}
		all = append(all, entry{name, data})
		return nil
	}
	for _, u := range uploads {
		if strings.HasSuffix(strings.ToLower(u.Path), ".zip") {
			if err := unzip(u, add); err != nil {
				return nil, nil, err
			}
			continue
		}
		if err := add(u.Path, u.Data); err != nil {
			return nil, nil, err
		}
	}
	names := make([]string, len(all))
	for i, e := range all {
		name, err := clean(e.name)
		if err != nil {
			return nil, nil, err
		}
		names[i] = name
	}
	prefix := commonFolder(names)
	seen := map[string]bool{}
	for i, e := range all {
		name := strings.TrimPrefix(names[i], prefix)
		if hidden(names[i]) {
			notes = append(notes, fmt.Sprintf("left out %s: a hidden file", name))
			continue
		}
		if !utf8.Valid(e.data) || bytes.IndexByte(e.data, 0) >= 0 {
			notes = append(notes, fmt.Sprintf("left out %s: not a text file", name))
			continue
		}
		if err := scenario.CheckPath(name); err != nil {
			return nil, nil, err
		}
		if seen[name] {
			return nil, nil, fmt.Errorf("%s is given twice", name)
		}
		seen[name] = true
		files = append(files, scenario.File{Name: name, Text: string(e.data)})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	if len(files) == 0 {
		return nil, notes, errors.New("no text files to take in")
	}
	return files, notes, nil
}

// unzip adds the files of the zip u, checking the archive's own claims
// before it believes them: a zip's sizes can lie, so reading stops at the
// limit whatever the directory says.
func unzip(u Upload, add func(name string, data []byte) error) error {
	r, err := zip.NewReader(bytes.NewReader(u.Data), int64(len(u.Data)))
	if err != nil {
		return fmt.Errorf("%s is not a zip archive that can be read: %v", u.Path, err)
	}
	if len(r.File) > MaxFiles {
		return fmt.Errorf("%s holds %d files; at most %d are taken in", u.Path, len(r.File), MaxFiles)
	}
	for _, f := range r.File {
		if f.FileInfo().IsDir() {
			continue
		}
		if !f.Mode().IsRegular() {
			return fmt.Errorf("%s: %s is not a plain file (a link?)", u.Path, f.Name)
		}
		if _, err := clean(f.Name); err != nil {
			return fmt.Errorf("%s: %v", u.Path, err)
		}
		if f.UncompressedSize64 > MaxBytes {
			return fmt.Errorf("%s: %s unpacks to %d bytes, more than %s", u.Path, f.Name, f.UncompressedSize64, scenario.MaxSizeText)
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %s: %v", u.Path, f.Name, err)
		}
		data, err := io.ReadAll(io.LimitReader(rc, MaxBytes+1))
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %s is damaged: %v", u.Path, f.Name, err)
		}
		if len(data) > MaxBytes {
			return fmt.Errorf("%s: %s unpacks to more than %s", u.Path, f.Name, scenario.MaxSizeText)
		}
		if err := add(f.Name, data); err != nil {
			return fmt.Errorf("%s: %v", u.Path, err)
		}
	}
	return nil
}

// clean makes a path a slash path with no leading '/' or "./", and refuses
// one that would leave the project (".." or a drive).
func clean(name string) (string, error) {
	n := strings.ReplaceAll(name, "\\", "/")
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return "", fmt.Errorf("%q leaves the folder it is in (..): not taken in", name)
		}
	}
	if len(n) >= 2 && n[1] == ':' {
		return "", fmt.Errorf("%q names a drive: not taken in", name)
	}
	n = strings.TrimLeft(path.Clean("/"+n), "/")
	if n == "" || n == "." {
		return "", fmt.Errorf("%q names no file", name)
	}
	return n, nil
}

// commonFolder is the folder a dropped course's files are all in
// ("course/"), or "" when they are not all in one. Only a folder that is
// the course's own is left out: one holding netplay.json or folders of
// its own (course/lib/…); a dropped lib/ keeps its name.
func commonFolder(names []string) string {
	if len(names) == 0 {
		return ""
	}
	first, _, ok := strings.Cut(names[0], "/")
	if !ok {
		return ""
	}
	course := false
	for _, n := range names {
		rest, ok := strings.CutPrefix(n, first+"/")
		if !ok {
			return ""
		}
		course = course || rest == Skeleton || strings.Contains(rest, "/")
	}
	if !course {
		return ""
	}
	return first + "/"
}

func hidden(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

// Apply puts files into sc and returns the scenario to edit. With a
// netplay.json among them the folder is a whole scenario: its hosts name
// their programs ("file") and own files (by "name") among the files, and
// every other file is shared. Otherwise sc is kept with the files added:
// a file named as a host's program (its "file", or "<name>.c") becomes
// that program, a file named as one of a host's own files replaces it,
// and the rest join (or replace) the shared files.
func Apply(sc *scenario.Scenario, files []scenario.File) (*scenario.Scenario, error) {
	for _, f := range files {
		if f.Name == Skeleton {
			return Pack(f, files)
		}
	}
	out := *sc
	out.Hosts = append([]scenario.Host(nil), sc.Hosts...)
	out.Files = append([]scenario.File(nil), sc.Files...)
next:
	for _, f := range files {
		program := false // hosts may run one program file: each takes it
		for i := range out.Hosts {
			h := &out.Hosts[i]
			if h.FileName() == f.Name {
				h.Program = f.Text
				program = true
				continue
			}
			for k := range h.Files {
				if h.Files[k].Name == f.Name {
					h.Files = append([]scenario.File(nil), h.Files...)
					h.Files[k].Text = f.Text
					continue next
				}
			}
		}
		if !program {
			out.Files = put(out.Files, f)
		}
	}
	return &out, nil
}

// put replaces the file of f's name in files, or adds f.
func put(files []scenario.File, f scenario.File) []scenario.File {
	for k := range files {
		if files[k].Name == f.Name {
			files[k] = f
			return files
		}
	}
	return append(files, f)
}

// Pack makes the scenario of a course's folder, as the page takes a dropped
// folder and `netplay pack` reads one: skel (netplay.json) is the scenario
// without its programs, each host naming its program's file ("file") and
// own files (by "name") among files; every other file is shared. The
// scenario is checked as `netplay run` checks it.
func Pack(skel scenario.File, files []scenario.File) (*scenario.Scenario, error) {
	var sc scenario.Scenario
	dec := json.NewDecoder(strings.NewReader(skel.Text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return nil, fmt.Errorf("%s: %v", Skeleton, err)
	}
	byName := map[string]string{}
	for _, f := range files {
		byName[f.Name] = f.Text
	}
	taken := map[string]bool{Skeleton: true}
	read := func(field, name string) (string, error) {
		text, ok := byName[name]
		if !ok {
			return "", fmt.Errorf("%s: %s: %s is not among the files", Skeleton, field, name)
		}
		taken[name] = true
		return text, nil
	}
	var err error
	for i := range sc.Hosts {
		h := &sc.Hosts[i]
		if h.File != "" && h.Program == "" {
			if h.Program, err = read(fmt.Sprintf("hosts[%d].file", i), h.File); err != nil {
				return nil, err
			}
		}
		for k := range h.Files {
			if f := &h.Files[k]; f.Text == "" {
				if f.Text, err = read(fmt.Sprintf("hosts[%d].files[%d].name", i, k), f.Name); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, f := range files {
		if !taken[f.Name] {
			sc.Files = append(sc.Files, f)
		}
	}
	b, err := json.Marshal(&sc)
	if err != nil {
		return nil, err
	}
	checked, err := scenario.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("the scenario of this folder: %v", err)
	}
	return checked, nil
}
