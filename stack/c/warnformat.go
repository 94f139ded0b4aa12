package c

import (
	"strconv"
	"strings"

	cc "modernc.org/cc/v4"
)

// formatFunc says where a printf- or scanf-like function has its format
// and its first checked argument (0-based), as glibc's declarations say
// with __attribute__((format)).
type formatFunc struct {
	format, first int
	scan          bool
}

var formatFuncs = map[string]formatFunc{
	"printf": {0, 1, false}, "fprintf": {1, 2, false}, "dprintf": {1, 2, false}, "sprintf": {1, 2, false},
	"snprintf": {2, 3, false}, "asprintf": {1, 2, false}, "syslog": {1, 2, false},
	"err": {1, 2, false}, "errx": {1, 2, false}, "warn": {0, 1, false}, "warnx": {0, 1, false},
	"scanf": {0, 1, true}, "fscanf": {1, 2, true}, "sscanf": {1, 2, true},
}

// fmtString is a format string literal: its bytes, and where each byte
// is in the source (for the warning's position).
type fmtString struct {
	file  string
	bytes []byte
	at    []int // source offset of each byte
	start int   // offset of the opening quote
}

// literal reads the string literal(s) the expression e is, from the
// source (adjacent literals concatenated); ok is false when e is not one.
func (w *warner) literal(e cc.ExpressionNode) (fmtString, bool) {
	for {
		p, ok := e.(*cc.PrimaryExpression)
		if !ok {
			return fmtString{}, false
		}
		if p.Case == cc.PrimaryExpressionExpr {
			e = p.ExpressionList
			continue
		}
		if p.Case != cc.PrimaryExpressionString {
			return fmtString{}, false
		}
		pos := p.Token.Position()
		src, ok := w.text(pos.Filename)
		if !ok || pos.Offset >= len(src) || src[pos.Offset] != '"' {
			return fmtString{}, false // from a macro: no place to point at
		}
		fs := fmtString{file: pos.Filename, start: pos.Offset}
		i := pos.Offset
		for i < len(src) && src[i] == '"' {
			i++
			for i < len(src) && src[i] != '"' && src[i] != '\n' {
				at := i
				c := src[i]
				if c == '\\' && i+1 < len(src) {
					i++
					switch src[i] {
					case 'n':
						c = '\n'
					case 't':
						c = '\t'
					case 'r':
						c = '\r'
					case '0', '1', '2', '3', '4', '5', '6', '7':
						v := 0
						for k := 0; k < 3 && i < len(src) && src[i] >= '0' && src[i] <= '7'; k++ {
							v = v*8 + int(src[i]-'0')
							i++
						}
						i--
						c = byte(v)
					case 'x':
						v := 0
						for i+1 < len(src) && strings.IndexByte("0123456789abcdefABCDEF", src[i+1]) >= 0 {
							i++
							v = v*16 + digitValue(src[i])
						}
						c = byte(v)
					default:
						c = src[i] // \\ \" \' \? and the rest
					}
				}
				fs.bytes = append(fs.bytes, c)
				fs.at = append(fs.at, at)
				i++
			}
			i++ // the closing quote
			for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
				i++
			}
		}
		return fs, true
	}
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

// warnAtOffset warns at a byte offset of file.
func (w *warner) warnAtOffset(file string, off int, flag, msg string) {
	src, _ := w.text(file)
	line := 1 + strings.Count(src[:off], "\n")
	col := off - strings.LastIndexByte(src[:off], '\n')
	w.warnPos(file, off, line, col, flag, msg)
}

// format checks the arguments of a printf- or scanf-like call against its
// format string, as gcc's -Wformat does (without -Wformat-signedness).
func (w *warner) format(f formatFunc, name string, args []cc.ExpressionNode) {
	fs, ok := w.literal(args[f.format])
	if !ok {
		return
	}
	next := f.first // the next argument a conversion takes
	b := fs.bytes
	for i := 0; i < len(b); i++ {
		if b[i] != '%' {
			continue
		}
		start := i
		i++
		if i < len(b) && b[i] == '%' {
			continue
		}
		suppress := false
		if f.scan && i < len(b) && b[i] == '*' {
			suppress = true
			i++
		}
		for !f.scan && i < len(b) && strings.IndexByte("-+ #0'I", b[i]) >= 0 {
			i++
		}
		// Width and precision; a '*' takes an int argument.
		var stars []int
		for i < len(b) && (b[i] >= '0' && b[i] <= '9' || b[i] == '*' && !f.scan) {
			if b[i] == '*' {
				stars = append(stars, i)
			}
			i++
		}
		if !f.scan && i < len(b) && b[i] == '.' {
			i++
			for i < len(b) && (b[i] >= '0' && b[i] <= '9' || b[i] == '*') {
				if b[i] == '*' {
					stars = append(stars, i)
				}
				i++
			}
		}
		length := ""
		for i < len(b) && strings.IndexByte("hlLqjzt", b[i]) >= 0 {
			length += string(b[i])
			i++
		}
		if i >= len(b) {
			return
		}
		conv := b[i]
		spec := string(b[start : i+1])
		convAt := fs.at[i]
		for _, s := range stars {
			if next >= len(args) {
				w.warnAtOffset(fs.file, fs.at[s], "format=", "field width specifier '*' expects a matching 'int' argument")
				return
			}
			if t := promoted(args[next].Type()); t != nil && !isIntegerType(t) {
				w.warnAtOffset(fs.file, fs.at[s], "format=", "field width specifier '*' expects argument of type 'int', but argument "+strconv.Itoa(next+1)+" has type "+quoteType(t))
			}
			next++
		}
		if conv == 'm' && !f.scan {
			continue
		}
		if f.scan && conv == '[' {
			// A scanset: to its closing ']' (a ']' first is part of it).
			j := i + 1
			if j < len(b) && b[j] == '^' {
				j++
			}
			if j < len(b) && b[j] == ']' {
				j++
			}
			for j < len(b) && b[j] != ']' {
				j++
			}
			i = j
		}
		want, check := expectation(conv, length, f.scan)
		if want == "" {
			w.warnAtOffset(fs.file, convAt, "format=", "unknown conversion type character '"+string(conv)+"' in format")
			return
		}
		if suppress {
			continue
		}
		if next >= len(args) {
			w.warnAtOffset(fs.file, convAt, "format=", "format '"+spec+"' expects a matching '"+want+"' argument")
			next++
			continue
		}
		if t := promoted(args[next].Type()); t != nil && !check(t) && !w.fromImplicitCall(args[next]) {
			w.warnAtOffset(fs.file, convAt, "format=", "format '"+spec+"' expects argument of type '"+want+"', but argument "+strconv.Itoa(next+1)+" has type "+quoteType(t))
		}
		next++
	}
	if next < len(args) {
		w.warnAtOffset(fs.file, fs.start, "format-extra-args", "too many arguments for format")
	}
}

// fromImplicitCall reports a call of a function called undeclared: gcc
// types its value by the library's own declaration, which netplay does
// not know here.
func (w *warner) fromImplicitCall(e cc.ExpressionNode) bool {
	c, ok := e.(*cc.PostfixExpression)
	if !ok || c.Case != cc.PostfixExpressionCall {
		return false
	}
	p, ok := c.PostfixExpression.(*cc.PrimaryExpression)
	return ok && p.Case == cc.PrimaryExpressionIdent && isImplicit(p)
}

// promoted is an argument's type as it reaches a variadic function:
// arrays and functions as pointers, float as double (integers smaller
// than int check as int below).
func promoted(t cc.Type) cc.Type {
	if t == nil {
		return nil
	}
	t = t.Decay()
	if t.Kind() == cc.Float {
		return doubleType(t)
	}
	return t
}

// doubleType returns a double type; the checks below look only at kinds,
// so the float type itself stands for it.
func doubleType(t cc.Type) cc.Type { return promotedFloat{t} }

type promotedFloat struct{ cc.Type }

func (promotedFloat) Kind() cc.Kind { return cc.Double }

// expectation returns what a conversion expects (gcc's spelling) and the
// test an argument's type must pass.
func expectation(conv byte, length string, scan bool) (string, func(cc.Type) bool) {
	rank := func(signed bool) (string, int) {
		u := ""
		if !signed {
			u = " unsigned"
		}
		switch length {
		case "l":
			if signed {
				return "long int", 4
			}
			return "long unsigned int", 4
		case "ll", "q", "L":
			if signed {
				return "long long int", 5
			}
			return "long long unsigned int", 5
		case "j", "z", "t":
			if signed {
				return "long int", 4
			}
			return "long unsigned int", 4
		case "h":
			if scan {
				return "short" + u + " int", 2
			}
		case "hh":
			if scan {
				if signed {
					return "signed char", 1
				}
				return "unsigned char", 1
			}
		}
		if signed {
			return "int", 3
		}
		return "unsigned int", 3
	}
	intArg := func(name string, r int) (string, func(cc.Type) bool) {
		return name, func(t cc.Type) bool {
			if !isIntegerType(t) {
				return false
			}
			tr := rankOf(t.Kind())
			if t.Kind() == cc.Bool || t.Kind() == cc.Enum || tr < 3 {
				tr = 3 // promoted to int
			}
			return tr == r
		}
	}
	ptrTo := func(name string, ok func(cc.Type) bool) (string, func(cc.Type) bool) {
		return name + " *", func(t cc.Type) bool {
			pt, isPtr := t.(*cc.PointerType)
			return isPtr && (pt.Elem().Kind() == cc.Void && false || ok(pt.Elem()))
		}
	}
	isChar := func(t cc.Type) bool { k := t.Kind(); return k == cc.Char || k == cc.SChar || k == cc.UChar }
	if scan {
		switch conv {
		case 'd', 'i', 'o', 'u', 'x', 'X', 'n':
			name, r := rank(conv == 'd' || conv == 'i' || conv == 'n')
			return ptrTo(name, func(e cc.Type) bool { return isIntegerType(e) && rankOf(e.Kind()) == r })
		case 'f', 'e', 'g', 'a', 'E', 'G', 'F', 'A':
			switch length {
			case "l":
				return ptrTo("double", func(e cc.Type) bool { return e.Kind() == cc.Double })
			case "L":
				return ptrTo("long double", func(e cc.Type) bool { return e.Kind() == cc.LongDouble })
			}
			return ptrTo("float", func(e cc.Type) bool { return e.Kind() == cc.Float })
		case 's', 'c', '[':
			return ptrTo("char", isChar)
		case 'p':
			return "void **", func(t cc.Type) bool { _, ok := t.(*cc.PointerType); return ok }
		}
		return "", nil
	}
	switch conv {
	case 'd', 'i':
		return intArg(rank(true))
	case 'o', 'u', 'x', 'X':
		return intArg(rank(false))
	case 'c':
		return intArg("int", 3)
	case 's':
		return ptrTo("char", isChar)
	case 'p':
		return "void *", func(t cc.Type) bool { return t.Kind() == cc.Ptr }
	case 'n':
		name, r := rank(true)
		return ptrTo(name, func(e cc.Type) bool { return isIntegerType(e) && rankOf(e.Kind()) == r })
	case 'f', 'F', 'e', 'E', 'g', 'G', 'a', 'A':
		if length == "L" {
			return "long double", func(t cc.Type) bool { return t.Kind() == cc.LongDouble }
		}
		return "double", func(t cc.Type) bool { return t.Kind() == cc.Double }
	}
	return "", nil
}
