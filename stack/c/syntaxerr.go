package c

import (
	"fmt"
	"strconv"
	"strings"
)

// The front end (cc/v4) reports a missing token at the token it found
// instead: a ';' missing at the end of line 38 is "40:5: unexpected
// identifier, expected ';'" when line 40 holds the next statement. gcc
// names the line that lacks it: for a missing ';', ')' or ']' its parser
// puts the error right after the previous token ("38:53: expected ';'
// before 'sleep'"), and it names the token it found rather than its kind.
// gccSyntax rewrites those messages as gcc writes them.

// gccSyntax rewrites the front end's "unexpected X, expected Y"
// messages in list (file:line:col: message) as gcc gives them, reading
// the sources from p.
func (p *project) gccSyntax(list []string) []string {
	type diag struct {
		file, found, want string
		line, col         int
		src               string
		toks              []ctok
		at                int // the found token's index in toks; -1 unknown
	}
	lexed := map[string][]ctok{}
	ds := make([]*diag, len(list))
	// The front end's must() consumes the token it did not expect, which
	// gcc leaves for what follows: a ';' eaten after a bad expression makes
	// the statement's ';' "missing" too, and a '}' eaten for a missing ';'
	// leaves its block open at the end of the file. Those follow-ons go.
	ateSemi := map[string]map[int]bool{}
	ateBrace := false
	for i, l := range list {
		file, line, col, msg, ok := splitDiag(l)
		rest, isUnexpected := strings.CutPrefix(msg, "unexpected ")
		found, want, hasWant := strings.Cut(rest, ", expected ")
		if !ok || !isUnexpected || !hasWant {
			continue
		}
		d := &diag{file: file, found: found, want: want, line: line, col: col, at: -1}
		ds[i] = d
		src, ok := p.text(file)
		if !ok || found == "<EOF>" {
			continue
		}
		toks, ok := lexed[file]
		if !ok {
			toks = lexC(src)
			lexed[file] = toks
		}
		d.src, d.toks, d.at = src, toks, tokenAt(toks, offsetOf(src, line, col))
		switch {
		case d.at < 0:
		case found == "';'":
			if ateSemi[file] == nil {
				ateSemi[file] = map[int]bool{}
			}
			ateSemi[file][d.at] = true
		case found == "'}'":
			ateBrace = true
		}
	}
	var out []string
	for i, l := range list {
		d := ds[i]
		switch {
		case d == nil:
			out = append(out, l)
			continue
		case d.found == "<EOF>" && d.want == "'}'" && ateBrace:
			continue
		case d.at < 0:
			out = append(out, l)
			continue
		case d.want == "';'" && ateSemi[d.file][d.at-1]:
			continue
		}
		before := d.toks[d.at].gccName(d.src)
		line, col, want := d.line, d.col, d.want
		switch want {
		case "';'", "')'", "']'":
			if want == "';'" && isDeclaration(d.toks, d.at, d.src) {
				// gcc's declaration parser wants either: no fix-it, so
				// the error stays at the token found.
				want = "',' or ';'"
			} else if d.at > 0 && !directiveBetween(d.src, d.toks[d.at-1].end, d.toks[d.at].off) {
				line, col = lineCol(d.src, d.toks[d.at-1].end)
			}
		case "'}'", "'('", "'{'":
		case "unary expression", "cast expression", "primary expression", "postfix expression", "unary expression or (type name)":
			want = "expression"
		default:
			out = append(out, l)
			continue
		}
		out = append(out, fmt.Sprintf("%s:%d:%d: expected %s before %s", d.file, line, col, want, before))
	}
	return out
}

// splitDiag splits "file:line:col: message".
func splitDiag(s string) (file string, line, col int, msg string, ok bool) {
	f := strings.SplitN(s, ":", 4)
	if len(f) < 4 || !strings.HasPrefix(f[3], " ") {
		return "", 0, 0, "", false
	}
	line, err1 := strconv.Atoi(f[1])
	col, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil {
		return "", 0, 0, "", false
	}
	return f[0], line, col, f[3][1:], true
}

// offsetOf is the byte offset of line:col (1-based, bytes) in src, or -1.
func offsetOf(src string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	if off+col-1 > len(src) || col < 1 {
		return -1
	}
	return off + col - 1
}

// lineCol is the 1-based line and column of byte offset off in src.
func lineCol(src string, off int) (line, col int) {
	line = 1 + strings.Count(src[:off], "\n")
	return line, off - strings.LastIndexByte(src[:off], '\n')
}

// directiveBetween reports whether a preprocessor line lies between
// offsets a and b: the token before b in the unit may then come from an
// included file.
func directiveBetween(src string, a, b int) bool {
	for _, ln := range strings.Split(src[a:b], "\n")[1:] {
		if strings.HasPrefix(strings.TrimLeft(ln, " \t"), "#") {
			return true
		}
	}
	return false
}

// ctok is a C token of a source file, as far as placing errors needs:
// where it is and what kind it is.
type ctok struct {
	off, end int
	kind     byte // 'i' identifier or keyword, 'n' number, 's' string, 'c' character, 'p' punctuator
}

// gccName is how gcc's "before …" names the token.
func (t ctok) gccName(src string) string {
	switch t.kind {
	case 'i':
		return "'" + src[t.off:t.end] + "'"
	case 'n':
		return "numeric constant"
	case 's':
		return "string constant"
	case 'c':
		return "character constant"
	}
	return "'" + src[t.off:t.end] + "' token"
}

// punctuators, longest first within each leading character.
var punctuators = []string{
	"<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
	"*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##",
}

// lexC splits src into tokens, leaving out comments and preprocessor
// lines.
func lexC(src string) []ctok {
	var toks []ctok
	bol := true
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			bol = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i += 2
			continue
		case c == '#' && bol:
			for i < len(src) && src[i] != '\n' {
				switch {
				case src[i] == '\\' && i+1 < len(src) && src[i+1] == '\n':
					i++
				case strings.HasPrefix(src[i:], "/*"):
					if j := strings.Index(src[i+2:], "*/"); j >= 0 {
						i += j + 3
					} else {
						i = len(src) - 1
					}
				}
				i++
			}
			continue
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case strings.HasPrefix(src[i:], "/*"):
			if j := strings.Index(src[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				i = len(src)
			}
			continue
		}
		bol = false
		t := ctok{off: i, kind: 'p'}
		switch {
		case isIdentByte(c) && !('0' <= c && c <= '9'):
			t.kind = 'i'
			for i < len(src) && isIdentByte(src[i]) {
				i++
			}
			// A prefixed string or character: L"…", u8"…".
			if q := i; q < len(src) && (src[q] == '"' || src[q] == '\'') && q-t.off <= 2 {
				i = quoted(src, q)
				t.kind = map[byte]byte{'"': 's', '\'': 'c'}[src[q]]
			}
		case '0' <= c && c <= '9' || c == '.' && i+1 < len(src) && '0' <= src[i+1] && src[i+1] <= '9':
			t.kind = 'n'
			for i++; i < len(src); i++ {
				d := src[i]
				if (d == '+' || d == '-') && strings.ContainsRune("eEpP", rune(src[i-1])) {
					continue
				}
				if !isIdentByte(d) && d != '.' {
					break
				}
			}
		case c == '"':
			t.kind = 's'
			i = quoted(src, i)
		case c == '\'':
			t.kind = 'c'
			i = quoted(src, i)
		default:
			i++
			for _, p := range punctuators {
				if strings.HasPrefix(src[t.off:], p) {
					i = t.off + len(p)
					break
				}
			}
		}
		t.end = i
		toks = append(toks, t)
	}
	return toks
}

func isIdentByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}

// quoted returns the offset after the string or character literal whose
// quote is at src[i] (or the end of its line when it is not closed).
func quoted(src string, i int) int {
	q := src[i]
	for i++; i < len(src) && src[i] != '\n'; i++ {
		switch src[i] {
		case '\\':
			i++
		case q:
			return i + 1
		}
	}
	return i
}

// tokenAt is the index of the token starting at off, or -1.
func tokenAt(toks []ctok, off int) int {
	for i, t := range toks {
		if t.off == off {
			return i
		}
		if t.off > off {
			break
		}
	}
	return -1
}

// declStart are the words that begin a declaration.
var declStart = map[string]bool{
	"void": true, "char": true, "short": true, "int": true, "long": true, "float": true, "double": true,
	"signed": true, "unsigned": true, "_Bool": true, "struct": true, "union": true, "enum": true,
	"const": true, "volatile": true, "restrict": true, "static": true, "extern": true, "register": true,
	"auto": true, "typedef": true, "inline": true, "_Atomic": true, "_Thread_local": true, "__thread": true,
}

// isDeclaration reports whether the construct the token at is in is a
// declaration: its first token (after the last ';', '{' or '}' outside
// brackets) is a type or storage word, or it reads `name [*…] name` (a
// typedef'd type such as socklen_t).
func isDeclaration(toks []ctok, at int, src string) bool {
	depth, start := 0, 0
scan:
	for i := at - 1; i >= 0; i-- {
		s := src[toks[i].off:toks[i].end]
		if toks[i].kind != 'p' {
			continue
		}
		switch s {
		case ")", "]":
			depth++
		case "(", "[":
			depth--
		}
		if depth < 0 {
			return false // inside brackets: a for header or a call
		}
		if depth == 0 && (s == ";" || s == "{" || s == "}") {
			start = i + 1
			break scan
		}
	}
	if start >= at {
		return false
	}
	first := src[toks[start].off:toks[start].end]
	if toks[start].kind != 'i' {
		return false
	}
	if declStart[first] {
		return true
	}
	j := start + 1
	for j < at && src[toks[j].off:toks[j].end] == "*" {
		j++
	}
	return j < at && toks[j].kind == 'i' && !isStatementWord(first)
}

func isStatementWord(s string) bool {
	switch s {
	case "return", "goto", "case", "default", "if", "else", "while", "do", "for", "switch", "break", "continue", "sizeof":
		return true
	}
	return false
}

// unclosedBracket finds the first '(' or '[' still open where a ';' or a
// block's '{' shows it was never closed, and says so as gcc does: right
// after the token before ("expected ')' before ';' token"). The front end
// is not given such a file (truncated), which would otherwise report
// only the mismatched '}' further on.
func unclosedBracket(file, src string) error {
	type open struct {
		ch     byte
		forHdr bool // the parentheses of a for statement, where ';' belongs
	}
	var stack []open
	toks := lexC(src)
	text := func(i int) string {
		if i < 0 {
			return ""
		}
		return src[toks[i].off:toks[i].end]
	}
	for i, t := range toks {
		if t.kind != 'p' {
			continue
		}
		s := text(i)
		bad := false
		switch s {
		case "(", "[":
			stack = append(stack, open{ch: s[0], forHdr: s == "(" && text(i-1) == "for"})
		case "{":
			// A compound literal's or a statement expression's brace
			// follows ')' or '('.
			if n := len(stack); n > 0 && stack[n-1].ch != '{' && text(i-1) != ")" && text(i-1) != "(" {
				bad = true
			} else {
				stack = append(stack, open{ch: '{'})
			}
		case ")", "]", "}":
			want := map[string]byte{")": '(', "]": '[', "}": '{'}[s]
			if n := len(stack); n == 0 || stack[n-1].ch != want {
				return nil // truncated reports it
			}
			stack = stack[:len(stack)-1]
		case ";":
			if n := len(stack); n > 0 && (stack[n-1].ch == '[' || stack[n-1].ch == '(' && !stack[n-1].forHdr) {
				bad = true
			}
		}
		if bad && i > 0 {
			closer := map[byte]string{'(': ")", '[': "]"}[stack[len(stack)-1].ch]
			line, col := lineCol(src, toks[i-1].end)
			if directiveBetween(src, toks[i-1].end, t.off) {
				line, col = lineCol(src, t.off)
			}
			return &CompileError{List: []string{fmt.Sprintf("%s:%d:%d: expected '%s' before '%s' token", file, line, col, closer, s)}}
		}
	}
	return nil
}
