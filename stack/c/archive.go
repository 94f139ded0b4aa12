package c

import "strings"

// A library member is put through the front end only when the link may
// need it, as ld reads an archive's symbol table before it loads a member:
// mayDefine reads a member's text, without the front end, for a superset
// of the names it defines with external linkage. The linker then compiles
// only the members that may define a name still undefined, and learns from
// the front end what each really defines, so the members it links are
// exactly those ld links. (The front end is the dear part of a build: a
// course's lib/ has twenty units or more, and a chapter needs half of them.)

// mayDefine returns the names the project file may define with external
// linkage, or nil when its text does not tell (a macro it uses pastes
// tokens together, or its braces do not balance): then it is compiled to
// find out. The names are those of its file scope function definitions,
// of its objects that are not extern, static or typedef, with every other
// name in their declarations (a parameter or a type name is never an
// undefined symbol, so too many names cost nothing but a compile), the
// names in the bodies of the project's macros those declarations use, and
// the same of the project files it includes. Prototypes, extern and
// static declarations define nothing and are left out: a course's
// common.h declares every function of lib/.
func (p *project) mayDefine(file string) map[string]bool {
	names := map[string]bool{}
	seen := map[string]bool{}
	var scan func(file string) bool
	scan = func(file string) bool {
		if seen[file] {
			return true
		}
		seen[file] = true
		fs := p.scanFile(file)
		if fs == nil {
			return false
		}
		for name := range fs.names {
			names[name] = true
		}
		for _, full := range fs.includes {
			if !scan(full) {
				return false
			}
		}
		return true
	}
	if !scan(file) {
		return nil
	}
	return names
}

// fileScan is what mayDefine reads in one file: the names it may define
// (with its macros' names) and the project files it includes.
type fileScan struct {
	names    map[string]bool
	includes []string
}

// scanFile reads file for mayDefine, once a project (every member of a
// course's lib/ includes its common.h); nil when the text does not tell.
func (p *project) scanFile(file string) *fileScan {
	if fs, ok := p.scans[file]; ok {
		return fs
	}
	if p.scans == nil {
		p.scans = map[string]*fileScan{}
	}
	src, _ := p.text(file)
	toks, includes, ok := fileScopeTokens(src)
	fs := &fileScan{names: map[string]bool{}}
	isMacro := func(name string) bool { _, ok := p.macros()[name]; return ok }
	if ok {
	decls:
		for _, decl := range declarations(toks, isMacro) {
			for _, name := range decl {
				if !p.macroNames(name, fs.names, map[string]bool{}) {
					ok = false
					break decls
				}
			}
		}
	}
	if !ok {
		p.scans[file] = nil
		return nil
	}
	for _, inc := range includes {
		if full, found := p.resolve(file, inc.name, inc.quote); found && !strings.HasPrefix(full, sysInclude+"/") {
			fs.includes = append(fs.includes, full)
		}
	}
	p.scans[file] = fs
	return fs
}

// macroNames adds name to names and, when it is one of the project's
// macros, the names in its body; false when a macro pastes tokens (## can
// make a name that is written nowhere).
func (p *project) macroNames(name string, names, seen map[string]bool) bool {
	names[name] = true
	if seen[name] {
		return true
	}
	seen[name] = true
	m, ok := p.macros()[name]
	if !ok {
		return true
	}
	if m.pastes {
		return false
	}
	for _, n := range m.names {
		if !p.macroNames(n, names, seen) {
			return false
		}
	}
	return true
}

// macro is what a #define of the project says, for mayDefine.
type macro struct {
	names  []string // the identifiers of its body (all #defines of the name)
	pastes bool     // a body has ##
}

// macros returns the project's macros: every #define in its files.
func (p *project) macros() map[string]*macro {
	if p.macroTable != nil {
		return p.macroTable
	}
	p.macroTable = map[string]*macro{}
	for _, src := range p.files {
		for _, l := range logicalLines(src) {
			t := strings.TrimSpace(l)
			if !strings.HasPrefix(t, "#") {
				continue
			}
			t = strings.TrimSpace(t[1:])
			rest, ok := strings.CutPrefix(t, "define")
			if !ok || rest == "" || !(rest[0] == ' ' || rest[0] == '\t') {
				continue
			}
			rest = strings.TrimSpace(rest)
			name, body := identAt(rest), ""
			if name == "" {
				continue
			}
			body = rest[len(name):]
			var params []string
			if strings.HasPrefix(body, "(") {
				ps, after, _ := strings.Cut(body[1:], ")")
				for _, prm := range strings.Split(ps, ",") {
					params = append(params, strings.TrimSpace(prm))
				}
				body = after
			}
			m := p.macroTable[name]
			if m == nil {
				m = &macro{}
				p.macroTable[name] = m
			}
			m.pastes = m.pastes || strings.Contains(body, "##")
			toks, _, _ := fileScopeTokens(body)
			for _, tk := range toks {
				if isIdentStart(tk[0]) && !contains(params, tk) {
					m.names = append(m.names, tk)
				}
			}
		}
	}
	return p.macroTable
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// include is an #include of a file.
type include struct {
	name  string
	quote bool
}

// fileScopeTokens returns the tokens of C source src that are outside
// braces (identifiers and the punctuation mayDefine looks at: ( ) , ; = *
// and "{}" for a braced body or initializer), without comments, literals
// and preprocessor lines, and the files it #includes. ok is false when the
// braces do not balance. An `extern "C" {` block is not a body.
func fileScopeTokens(src string) (toks []string, includes []include, ok bool) {
	depth := 0
	var kinds []bool // per open brace: true for extern "C" (transparent)
	bol := true
	lastTwo := [2]string{}
	push := func(t string) {
		toks = append(toks, t)
		lastTwo[0], lastTwo[1] = lastTwo[1], t
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			bol = true
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			continue
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i++
			continue
		case c == '#' && bol:
			j := i
			for j < len(src) && !(src[j] == '\n' && src[j-1] != '\\') {
				j++
			}
			if name, quote, _, isInc := includeLine(src[i:j]); isInc {
				includes = append(includes, include{name, quote})
			}
			i = j - 1
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return nil, nil, false
			}
			for _, ch := range src[i : i+2+end] {
				if ch == '\n' {
					bol = true
				}
			}
			i += 2 + end + 1
			continue
		}
		bol = false
		switch {
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(src) && src[j] != c && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if depth == 0 {
				push(`"`)
			}
			i = j
		case isIdentStart(c):
			j := i
			for j < len(src) && (isIdentStart(src[j]) || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			if depth == 0 {
				push(src[i:j])
			}
			i = j - 1
		case c >= '0' && c <= '9':
			j := i
			for j < len(src) && (isIdentStart(src[j]) || src[j] >= '0' && src[j] <= '9' || src[j] == '.') {
				j++
			}
			i = j - 1
		case c == '{':
			externC := depth == 0 && lastTwo[0] == "extern" && lastTwo[1] == `"`
			kinds = append(kinds, externC)
			if externC {
				continue
			}
			if depth == 0 {
				push("{}")
			}
			depth++
		case c == '}':
			if len(kinds) == 0 {
				return nil, nil, false
			}
			externC := kinds[len(kinds)-1]
			kinds = kinds[:len(kinds)-1]
			if !externC {
				depth--
			}
		case depth == 0 && strings.IndexByte("(),;=*", c) >= 0:
			push(string(c))
		}
	}
	return toks, includes, len(kinds) == 0
}

// declarations splits file scope tokens into declarations and returns, of
// each that may define something, the names in it (see mayDefine). A
// "prototype" of a macro is its use: its names count.
func declarations(toks []string, isMacro func(string) bool) [][]string {
	var out [][]string
	start := 0
	for i := 0; i < len(toks); i++ {
		switch t := toks[i]; {
		case t == ";":
			if names := definedIn(toks[start:i], isMacro); names != nil {
				out = append(out, names)
			}
			start = i + 1
		case t == "{}" && i > start && toks[i-1] == ")":
			// A function definition: its body ends the declaration.
			if !has(toks[start:i], "static") {
				out = append(out, idents(toks[start:i]))
			}
			start = i + 1
		}
	}
	if start < len(toks) {
		// No ';' at the end: whatever it is, count its names.
		out = append(out, idents(toks[start:]))
	}
	return out
}

// definedIn returns the names a declaration (without its ';') may define:
// nil for a typedef, a static or extern declaration, or only prototypes.
func definedIn(decl []string, isMacro func(string) bool) []string {
	if has(decl, "typedef") || has(decl, "static") || has(decl, "extern") && !has(decl, "=") {
		return nil
	}
	var names []string
	depth := 0
	part := []string{}
	flush := func() {
		if name := prototype(part); name == "" || isMacro(name) {
			names = append(names, idents(part)...)
		}
		part = part[:0]
	}
	init := false
	for _, t := range decl {
		switch t {
		case "(":
			depth++
		case ")":
			depth--
		}
		switch {
		case t == "," && depth == 0:
			flush()
			init = false
			continue
		case t == "=" && depth == 0:
			init = true
		}
		if !init {
			part = append(part, t)
		}
	}
	flush()
	return names
}

// prototype returns the name of the function a declarator declares (a
// name followed by a parameter list, not by a parenthesized declarator
// "(*"), or "" for an object.
func prototype(part []string) string {
	for i := 0; i+2 < len(part); i++ {
		if isIdentStart(part[i][0]) && part[i+1] == "(" {
			if part[i+2] != "*" && part[i+2] != "(" {
				return part[i]
			}
			return ""
		}
		if part[i] == "(" {
			return ""
		}
	}
	return ""
}

func idents(toks []string) []string {
	var out []string
	for _, t := range toks {
		if isIdentStart(t[0]) {
			out = append(out, t)
		}
	}
	return out
}

func has(toks []string, s string) bool { return contains(toks, s) }

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// identAt returns the identifier s starts with.
func identAt(s string) string {
	j := 0
	for j < len(s) && (isIdentStart(s[j]) || j > 0 && s[j] >= '0' && s[j] <= '9') {
		j++
	}
	return s[:j]
}

// logicalLines splits src into lines, joining those a backslash continues.
func logicalLines(src string) []string {
	return strings.Split(strings.ReplaceAll(src, "\\\n", " "), "\n")
}
