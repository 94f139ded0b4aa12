package c

import (
	"fmt"
	"sort"
	"strings"

	"netplay/stack/libc"
)

// truncated reports sources that end in the middle of a declaration or
// with unbalanced brackets. modernc.org/cc/v4 v4.34.0 can loop forever on
// some of them (its type-qualifier loop does not stop at end of file), so
// they are rejected before the front end sees them. A C file's last token
// outside preprocessor lines is always ';' or '}'.
func truncated(file, src string) error {
	if err := unclosedBracket(file, src); err != nil {
		return err
	}
	var stack []byte
	line, col := 1, 0
	last := byte(0)
	lastLine, lastCol := 1, 0
	bol := true // at the beginning of a line (only blanks so far)
	for i := 0; i < len(src); i++ {
		c := src[i]
		col++
		switch {
		case c == '\n':
			line, col, bol = line+1, 0, true
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			continue
		case c == '#' && bol:
			// A preprocessor line, with its continuations.
			for i < len(src) && src[i] != '\n' {
				if src[i] == '\\' && i+1 < len(src) && src[i+1] == '\n' {
					i++
					line++
				} else if src[i] == '/' && i+1 < len(src) && src[i+1] == '*' {
					j := i + 2
					for j+1 < len(src) && !(src[j] == '*' && src[j+1] == '/') {
						if src[j] == '\n' {
							line++
						}
						j++
					}
					i = j + 1
				}
				i++
			}
			i--
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			i += 2
			for i+1 < len(src) && !(src[i] == '*' && src[i+1] == '/') {
				if src[i] == '\n' {
					line++
				}
				i++
			}
			i++
			continue
		case c == '"' || c == '\'':
			q := c
			i++
			for i < len(src) && src[i] != q && src[i] != '\n' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
		}
		bol = false
		open, close := c, byte(0)
		if i+1 < len(src) {
			switch src[i : i+2] {
			case "<%":
				open = '{'
				i++
			case "%>":
				close = '}'
				i++
			case "<:":
				open = '['
				i++
			case ":>":
				close = ']'
				i++
			}
		}
		switch c {
		case ')', ']', '}':
			close = c
		}
		switch {
		case close != 0:
			want := map[byte]byte{')': '(', ']': '[', '}': '{'}[close]
			if len(stack) == 0 || stack[len(stack)-1] != want {
				return &CompileError{List: []string{fmt.Sprintf("%s:%d:%d: unbalanced '%c'", file, line, col, close)}}
			}
			stack = stack[:len(stack)-1]
			last = close
		case open == '(' || open == '[' || open == '{':
			stack = append(stack, open)
			last = open
		default:
			last = c
		}
		lastLine, lastCol = line, col
	}
	if len(stack) > 0 {
		return &CompileError{List: []string{fmt.Sprintf("%s:%d:%d: unexpected end of file: missing closing bracket for '%c'", file, lastLine, lastCol, stack[len(stack)-1])}}
	}
	if last != 0 && last != ';' && last != '}' {
		return &CompileError{List: []string{fmt.Sprintf("%s:%d:%d: unexpected end of file: expected ';' or '}'", file, lastLine, lastCol)}}
	}
	return nil
}

func headerNames() string {
	var names []string
	for n := range libc.Headers {
		if !strings.HasPrefix(n, "bits/") { // glibc's internal ones, included by the others
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}
