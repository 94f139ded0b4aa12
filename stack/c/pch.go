package c

import (
	"errors"
	"path"
	"strings"
	"sync"

	cc "modernc.org/cc/v4"
)

// The precompiled header: every unit of a course starts with the same
// #include of lib/common.h (41 system headers, 2,165 lines, 1,058
// #defines), which costs the front end ~15 ms a unit natively while the
// unit's own lines cost well under 1 ms. The predefined macros and a unit's
// leading #include lines go through the front end once a process
// (cc.TranslatePrefix, in netplay's fork of cc/v4); each unit starting with
// the same includes, resolving to files with the same text, then starts
// from that state (cc.TranslateAfter) and translates only its own lines.
// What the front end makes is the same as a whole translation: the same
// declarations, types, macros and positions; a unit with errors is
// translated whole again for its messages.
var pchs pchCache

// maxPCHs is how many prefixes pchs keeps: a course has one (the chapter
// programs and the library include the same lib/common.h).
const maxPCHs = 4

// wholeUnits turns the prefixes off: every unit translates whole (the
// tests compare both ways).
var wholeUnits bool

// pchMu serializes the translations that start from a prefix: the units
// share the prefix's types, which memoize their sizes when first asked.
var pchMu sync.Mutex

type pchCache struct {
	entries []*pch // least recently used first; under pchMu
}

// pch is a prefix and what its translation depended on.
type pch struct {
	text     string // the prefix's #include lines, made independent of the unit's folder
	lookedAt        // the files the front end looked for: their text, or absent
	looked   []string
	pfx      *cc.Prefix // nil: the prefix does not translate on its own (units translate whole)
}

// leadingIncludes cuts a unit's text after its leading #include lines
// (blank lines and comments between them): prefix is those includes as a
// file in the project's root includes them to reach the same files, cut the
// length of the text they take, looked the names the unit's includes look
// for. ok is false when the unit does not start so, or an include is not a
// plain quoted or bracketed name that exists (the whole translation reports
// it).
func (p *project) leadingIncludes(file, src string) (prefix string, cut int, looked []string, ok bool) {
	var b strings.Builder
	inComment := false
	off := 0
	for off < len(src) {
		end := strings.IndexByte(src[off:], '\n')
		if end < 0 {
			break // the last line: the unit's own
		}
		line := src[off : off+end]
		if strings.HasSuffix(line, "\\") {
			break // a continued line
		}
		code, open := stripComments(line, inComment)
		inComment = open
		code = strings.TrimSpace(code)
		switch {
		case code == "":
		case strings.HasPrefix(code, "#"):
			name, quote, isInclude := plainInclude(code)
			if !isInclude || inComment {
				return b.String(), cut, looked, b.Len() > 0
			}
			dirs := sysDirs
			if quote {
				dirs = quoteDirs
			}
			found := ""
			for _, d := range dirs {
				if d == "" {
					d = path.Dir(file)
				}
				full := path.Join(d, name)
				looked = append(looked, full)
				if _, ok := p.text(full); ok {
					found = full
					break
				}
			}
			switch {
			case found == "":
				return "", 0, nil, false
			case !quote || strings.HasPrefix(found, sysInclude+"/"):
				// Found by the same search from any folder.
				b.WriteString("#include <" + name + ">\n")
			default:
				b.WriteString("#include \"" + found + "\"\n")
			}
			cut = off + end + 1
		default:
			return b.String(), cut, looked, b.Len() > 0
		}
		off += end + 1
	}
	return b.String(), cut, looked, b.Len() > 0 && !inComment
}

// plainInclude parses code, a line without its comments, as an #include of
// a name between quotes or angle brackets and nothing after it.
func plainInclude(code string) (name string, quote, ok bool) {
	t := strings.TrimSpace(strings.TrimPrefix(code, "#"))
	t, ok = strings.CutPrefix(t, "include")
	if !ok {
		return "", false, false
	}
	t = strings.TrimSpace(t)
	if len(t) < 3 {
		return "", false, false
	}
	closing := byte('>')
	switch t[0] {
	case '"':
		closing, quote = '"', true
	case '<':
	default:
		return "", false, false
	}
	if t[len(t)-1] != closing {
		return "", false, false
	}
	name = t[1 : len(t)-1]
	if name == "" || strings.ContainsAny(name, `\"<>`) || strings.Contains(name, "/*") || strings.Contains(name, "//") {
		return "", false, false
	}
	return name, quote, true
}

// stripComments removes the comments of line, which starts inside one if
// inComment, and reports whether it ends inside one.
func stripComments(line string, inComment bool) (code string, open bool) {
	var b strings.Builder
	for i := 0; i < len(line); {
		if inComment {
			j := strings.Index(line[i:], "*/")
			if j < 0 {
				return b.String(), true
			}
			i += j + 2
			inComment = false
			b.WriteByte(' ')
			continue
		}
		switch {
		case strings.HasPrefix(line[i:], "//"):
			return b.String(), false
		case strings.HasPrefix(line[i:], "/*"):
			inComment = true
			i += 2
		default:
			b.WriteByte(line[i])
			i++
		}
	}
	return b.String(), inComment
}

// errNoPrefix: the unit translates whole.
var errNoPrefix = errors.New("no prefix")

// translateAfterPrefix translates unit file (text src) starting from the
// prefix of its leading includes, or returns errNoPrefix. The caller holds
// pchMu while it uses the AST's types.
func (p *project) translateAfterPrefix(cfg *cc.Config, fsys *lookedFS, file, src string) (*cc.AST, error) {
	prefix, cut, looked, ok := p.leadingIncludes(file, src)
	if !ok || wholeUnits {
		return nil, errNoPrefix
	}
	e := pchs.get(p, prefix)
	if e == nil {
		e = &pch{text: prefix}
		pf := &lookedFS{p: p}
		pc := *cfg
		pc.FS = pf
		pfx, err := cc.TranslatePrefix(&pc, []cc.Source{
			{Name: "<predefined>", Value: predefined},
			{Name: "<prefix>", Value: prefix},
		})
		if err == nil {
			e.pfx = pfx
		}
		e.looked = pf.looked
		e.lookedAt = lookAt(p, pf.looked)
		pchs.put(e)
	}
	if e.pfx == nil {
		return nil, errNoPrefix
	}
	// The unit's own text at its own lines and columns: the prefix's
	// lines blanked.
	blank := []byte(src[:cut])
	for i, c := range blank {
		if c != '\n' {
			blank[i] = ' '
		}
	}
	ast, err := cc.TranslateAfter(e.pfx, cfg, []cc.Source{{Name: file, Value: string(blank) + src[cut:]}})
	if err != nil {
		// ErrPrefixNotShared, or the unit's errors: a whole translation
		// gives them (the front end's positions at the end of a unit that
		// does not end well depend on what it read before).
		return nil, errNoPrefix
	}
	fsys.looked = append(append(fsys.looked, looked...), e.looked...)
	return ast, nil
}

// get returns the prefix text made for the project as it is, or nil.
func (pc *pchCache) get(p *project, text string) *pch {
	for i, e := range pc.entries {
		if e.text != text || !e.current(p) {
			continue
		}
		copy(pc.entries[i:], pc.entries[i+1:])
		pc.entries[len(pc.entries)-1] = e
		return e
	}
	return nil
}

func (pc *pchCache) put(e *pch) {
	pc.entries = append(pc.entries, e)
	if len(pc.entries) > maxPCHs {
		pc.entries = pc.entries[len(pc.entries)-maxPCHs:]
	}
}
