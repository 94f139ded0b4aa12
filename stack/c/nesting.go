package c

import (
	"fmt"
	"sort"
	"strings"
)

// maxNesting bounds how deeply a source nests, as the front end
// (modernc.org/cc/v4) and the compiler see it: both recurse once or more
// per level. Natively the Go stack would take any depth, but in the page
// Go calls run on V8's stack (about 480 KB in chromium's worker: a
// JavaScript function recurses 6,900 deep there, 6,750 in node with
// --stack-size=480), and its overflow kills the engine.
//
// Measured in node at that size, the front end's depth varies about
// fourfold with what happened before (each growth of the goroutine's Go
// stack unwinds V8's, the collector's work adds to it): at best it
// overflows at about 270 nested parentheses, 1,060 nested blocks, 940
// nested ifs, 820 else-ifs in a chain and 2,000 binary operators in a
// row; after deep runs, at 65 to 80 levels of "0 + (". So each construct
// weighs about four times what it costs at best, in units of 256 bytes
// of V8's stack (nestWeight), and a source that nests deeper than
// maxNesting units anywhere is refused, natively and in the page, with a
// compile error at the place. What it allows: about 40 nested parentheses
// (C's minimum translation limits ask for 63: the price of the browser),
// 128 nested blocks or ifs, 64 else-ifs in a chain, an expression of 190
// operators. gcc has no such limit; clang refuses more than 256 nested
// brackets (-fbracket-depth).
//
// The depth at a token is the sum, over the brackets open there, of the
// bracket's weight and of what was pending in the enclosing one when it
// opened: the statements that hold a statement (if, else, while, for, do,
// switch, case, default) since the last ';' or '}' that ends a statement
// (one followed by else does not: an else-if chain nests), and the
// operators and casts since the last ';', ',' or '}'.
const maxNesting = 768

// nestWeight is what each construct weighs in maxNesting's units.
const (
	nestParen = 18 // ( and [
	nestBrace = 6
	nestStmt  = 6 // a statement holding a statement
	nestOp    = 4 // an operator or a cast
)

// tooDeep checks the unit file and every file of the project it may
// include (all but the other units).
func (p *project) tooDeep(file string) error {
	names := make([]string, 0, len(p.files))
	for name := range p.files {
		if name == file || !strings.HasSuffix(name, ".c") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		if err := tooDeep(name, p.files[name]); err != nil {
			return err
		}
	}
	return nil
}

// tooDeep reports the first place where src nests deeper than maxNesting.
// Preprocessor lines are not looked into: nesting built by macros is
// counted only where the macros are used, as one operand.
func tooDeep(file, src string) error {
	type level struct{ base, stmts, ops int }
	var stack []level
	cur := level{}
	lx := lexer{src: src, line: 1}
	for {
		tok, line, col := lx.next()
		if tok == "" {
			return nil
		}
		switch tok {
		case "(", "[", "{", "<%", "<:":
			stack = append(stack, cur)
			w := nestParen
			if tok == "{" || tok == "<%" {
				w = nestBrace
			}
			cur = level{base: cur.base + cur.stmts + cur.ops + w}
		case ")", "]", "}", "%>", ":>":
			if len(stack) == 0 {
				return nil // truncated reports unbalanced brackets
			}
			cur = stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch next := lx.peek(); {
			case tok == "}" || tok == "%>":
				cur.ops = 0
				if next != "else" {
					cur.stmts = 0 // the end of a block ends its statement
				}
			case tok == ")" && next != "" && (next == "(" || isIdent(next[0]) && !statementWords[next] || next[0] == '"' || next[0] == '\''):
				cur.ops += nestOp // a cast (or a call through a parenthesized pointer)
			}
		case ";":
			cur.ops = 0
			if lx.peek() != "else" {
				cur.stmts = 0
			}
		case ",":
			cur.ops = 0
		case "if", "else", "while", "for", "do", "switch", "case", "default":
			cur.stmts += nestStmt
		default:
			if isOperator(tok) {
				cur.ops += nestOp
			}
		}
		if cur.base+cur.stmts+cur.ops > maxNesting {
			return &CompileError{List: []string{fmt.Sprintf("%s:%d:%d: fatal error: brackets, statements and operators nest too deeply here for netplay (it compiles in the browser, on a small stack): split the expression or the function", file, line, col)}}
		}
	}
}

// statementWords are the keywords that start a statement.
var statementWords = map[string]bool{"if": true, "else": true, "while": true, "for": true, "do": true, "switch": true,
	"case": true, "default": true, "return": true, "break": true, "continue": true, "goto": true}

// isOperator: a run of punctuation other than brackets, ';' and ','.
func isOperator(tok string) bool {
	return tok != "" && strings.IndexByte(operatorChars, tok[0]) >= 0
}

const operatorChars = "+-*/%&|^!~<>=?:.#"

// lexer splits C source into tokens, roughly: identifiers and numbers,
// string and character literals, brackets, ';' and ',', and runs of other
// punctuation; comments and preprocessor lines are skipped.
type lexer struct {
	src       string
	i         int
	line, bol int // line number, offset where it starts
	notBOL    bool
}

func (lx *lexer) peek() string {
	save := *lx
	tok, _, _ := lx.next()
	*lx = save
	return tok
}

func (lx *lexer) next() (tok string, line, col int) {
	src := lx.src
	for lx.i < len(src) {
		c := src[lx.i]
		switch {
		case c == '\n':
			lx.i++
			lx.line, lx.bol, lx.notBOL = lx.line+1, lx.i, false
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			lx.i++
			continue
		case c == '\\' && lx.i+1 < len(src) && src[lx.i+1] == '\n':
			lx.i++
			continue
		case c == '#' && !lx.notBOL:
			// A preprocessor line, with its continuations and comments.
			for lx.i < len(src) && src[lx.i] != '\n' {
				switch {
				case src[lx.i] == '\\' && lx.i+1 < len(src) && src[lx.i+1] == '\n':
					lx.i += 2
					lx.line, lx.bol = lx.line+1, lx.i
				case strings.HasPrefix(src[lx.i:], "/*"):
					lx.comment()
				default:
					lx.i++
				}
			}
			continue
		case strings.HasPrefix(src[lx.i:], "//"):
			for lx.i < len(src) && src[lx.i] != '\n' {
				lx.i++
			}
			continue
		case strings.HasPrefix(src[lx.i:], "/*"):
			lx.comment()
			continue
		}
		lx.notBOL = true
		start := lx.i
		line, col = lx.line, lx.i-lx.bol+1
		switch {
		case c == '"' || c == '\'':
			lx.i++
			for lx.i < len(src) && src[lx.i] != c && src[lx.i] != '\n' {
				if src[lx.i] == '\\' {
					lx.i++
				}
				lx.i++
			}
			lx.i++
		case c >= '0' && c <= '9' || c == '.' && lx.i+1 < len(src) && src[lx.i+1] >= '0' && src[lx.i+1] <= '9':
			// A preprocessing number: 1.5e+3, 0x1p-2.
			lx.i++
			for lx.i < len(src) && (isIdent(src[lx.i]) || src[lx.i] == '.' ||
				(src[lx.i] == '+' || src[lx.i] == '-') && strings.IndexByte("eEpP", src[lx.i-1]) >= 0) {
				lx.i++
			}
		case isIdent(c):
			for lx.i < len(src) && isIdent(src[lx.i]) {
				lx.i++
			}
		case strings.HasPrefix(src[lx.i:], "<%") || strings.HasPrefix(src[lx.i:], "%>") ||
			strings.HasPrefix(src[lx.i:], "<:") || strings.HasPrefix(src[lx.i:], ":>"):
			lx.i += 2
		case strings.IndexByte(operatorChars, c) >= 0:
			for lx.i < len(src) && strings.IndexByte(operatorChars, src[lx.i]) >= 0 &&
				!strings.HasPrefix(src[lx.i:], "//") && !strings.HasPrefix(src[lx.i:], "/*") {
				lx.i++
			}
		default:
			lx.i++
		}
		return src[start:min(lx.i, len(src))], line, col
	}
	return "", lx.line, 0
}

// comment skips a /* */ comment, counting its lines.
func (lx *lexer) comment() {
	lx.i += 2
	for lx.i < len(lx.src) && !strings.HasPrefix(lx.src[lx.i:], "*/") {
		if lx.src[lx.i] == '\n' {
			lx.line, lx.bol = lx.line+1, lx.i+1
		}
		lx.i++
	}
	lx.i += 2
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
