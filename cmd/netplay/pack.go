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

	"netplay/app/project"
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
// the files it leaves out. The folder's text files become a scenario as the
// page makes one of a dropped folder (project.Pack): one home for the rule.
func pack(dir string, note func(format string, a ...any)) ([]byte, error) {
	data, err := readLimited(filepath.Join(dir, skeletonName))
	if err != nil {
		return nil, err
	}
	skel := scenario.File{Name: skeletonName, Text: string(data)}
	var files []scenario.File
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
		if d.IsDir() || name == skeletonName {
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
		files = append(files, scenario.File{Name: name, Text: string(b)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sc, err := project.Pack(skel, files)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir, err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
