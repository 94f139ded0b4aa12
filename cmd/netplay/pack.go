package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"netplay/stack/scenario"
)

func init() {
	commands["pack"] = command{run: packCommand, usage: "pack DIR > SCENARIO.json"}
}

// skeletonName is the file in a packed folder that says what to run.
const skeletonName = "netplay.json"

// packCommand makes a scenario of a course's folder: DIR/netplay.json is
// the scenario without its programs (each host names its program's file
// with "file", a path inside DIR, and may list its own files by name in
// "files"); every other text file under DIR becomes a shared file
// ("files"), at its path inside DIR. Names starting with '.' (.git) are
// left out, and so are files that are not text (object files, programs),
// each with a note on stderr. The scenario is checked as `netplay run`
// checks it and printed as JSON: exit 0, or 2 with the reason.
func packCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(stderr, "usage: netplay pack DIR > SCENARIO.json (DIR holds netplay.json and the course's files)")
		return exitBadScenario
	}
	out, err := pack(args[0], func(format string, a ...any) { fmt.Fprintf(stderr, "netplay pack: "+format+"\n", a...) })
	if err != nil {
		fmt.Fprintf(stderr, "netplay pack: %v\n", err)
		return exitBadScenario
	}
	if _, err := stdout.Write(out); err != nil {
		fmt.Fprintf(stderr, "netplay pack: %v\n", err)
		return exitOutput
	}
	return 0
}

// pack reads the folder dir and returns the scenario's JSON; note reports
// the files it leaves out.
func pack(dir string, note func(format string, a ...any)) ([]byte, error) {
	skel := filepath.Join(dir, skeletonName)
	data, err := readLimited(skel)
	if err != nil {
		return nil, err
	}
	var sc scenario.Scenario
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return nil, fmt.Errorf("%s: %v", skel, err)
	}
	// The files hosts take: their programs and their own files.
	taken := map[string]bool{skeletonName: true}
	read := func(field, name string) (string, error) {
		if err := scenario.CheckPath(name); err != nil {
			return "", fmt.Errorf("%s: %s: %v", skel, field, err)
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return "", fmt.Errorf("%s: %s: %v", skel, field, err)
		}
		taken[name] = true
		return string(b), nil
	}
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
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		name := filepath.ToSlash(rel)
		if name == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || taken[name] {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
				note("leaving out %s: a link to something that is not a file", name)
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		if err := scenario.CheckPath(name); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
			note("leaving out %s: not a text file", name)
			return nil
		}
		sc.Files = append(sc.Files, scenario.File{Name: name, Text: string(b)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Check it as netplay run will read it.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&sc); err != nil {
		return nil, err
	}
	if _, err := scenario.Parse(buf.Bytes()); err != nil {
		return nil, fmt.Errorf("%s: the scenario it makes: %v", dir, err)
	}
	return buf.Bytes(), nil
}
