package c

import (
	"fmt"
	"math"
	"math/bits"
	"reflect"
	"strings"
	"sync"

	"modernc.org/cc/v4"
)

// Types the front end accepts that gcc refuses: a bit-field wider than
// its type, a named one of width zero, an array larger than any object
// may be (PTRDIFF_MAX bytes, whose size the front end wraps around:
// sizeof(char[1L<<62][4]) would be 0). Each is an error at the place gcc
// gives it, in gcc's words.

// maxObject is PTRDIFF_MAX, the largest size of an object.
const maxObject = math.MaxInt64

// impossibleTypes returns the errors of the unit's own declarations and
// type names ("file:line:col: message", gcc's columns: text gives the
// sources); the system headers have none.
func impossibleTypes(ast *cc.AST, text func(string) (string, bool)) []string {
	var errs []string
	seen := map[string]bool{} // a declarator is reached twice
	cols := &warner{text: text}
	// at records an error at the position of n (the front end's
	// token.Position, whose package netplay does not import).
	at := func(file string, line, col, off int, format string, args ...any) {
		col = cols.displayCol(file, off, col)
		e := fmt.Sprintf("%s:%d:%d: error: %s", file, line, col, fmt.Sprintf(format, args...))
		if !seen[e] {
			seen[e] = true
			errs = append(errs, e)
		}
	}
	for l := ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		ed := l.ExternalDeclaration
		if ed == nil || isSystem(ed) {
			continue
		}
		walkNodes(ed, func(n cc.Node) {
			switch x := n.(type) {
			case *cc.StructDeclarator:
				d := x.Declarator
				if x.Case != cc.StructDeclaratorBitField || d == nil || x.ConstantExpression == nil {
					return
				}
				w, ok := constInt(x.ConstantExpression.Value())
				pos := d.NameTok().Position()
				switch {
				case !ok:
				case w > d.Type().Size()*8:
					at(pos.Filename, pos.Line, pos.Column, pos.Offset, "width of ‘%s’ exceeds its type", d.Name())
				case w == 0:
					at(pos.Filename, pos.Line, pos.Column, pos.Offset, "zero width for bit-field ‘%s’", d.Name())
				}
			case *cc.Declarator:
				if x.Type() == nil {
					return
				}
				if size, over, ok := tooLarge(x.Type()); ok {
					pos := x.NameTok().Position()
					if over {
						at(pos.Filename, pos.Line, pos.Column, pos.Offset, "size of array ‘%s’ exceeds maximum object size ‘%d’", x.Name(), uint64(maxObject))
					} else {
						at(pos.Filename, pos.Line, pos.Column, pos.Offset, "size ‘%d’ of array ‘%s’ exceeds maximum object size ‘%d’", size, x.Name(), uint64(maxObject))
					}
				}
			case *cc.TypeName:
				if x.Type() == nil {
					return
				}
				if size, over, ok := tooLarge(x.Type()); ok {
					p := x.Position()
					if x.AbstractDeclarator != nil {
						if ap := x.AbstractDeclarator.Position(); ap.Line > 0 {
							p = ap
						}
					}
					if over {
						at(p.Filename, p.Line, p.Column, p.Offset, "size of array exceeds maximum object size ‘%d’", uint64(maxObject))
					} else {
						at(p.Filename, p.Line, p.Column, p.Offset, "size ‘%d’ of array exceeds maximum object size ‘%d’", size, uint64(maxObject))
					}
				}
			}
		})
	}
	return errs
}

func constInt(v cc.Value) (int64, bool) {
	switch x := v.(type) {
	case cc.Int64Value:
		return int64(x), true
	case cc.UInt64Value:
		return int64(x), true
	}
	return 0, false
}

// tooLarge reports whether t (or what a pointer of t points at) is an
// array larger than maxObject: its size when that fits in 64 bits, over
// when it does not.
func tooLarge(t cc.Type) (size uint64, over, ok bool) {
	for {
		p, isPtr := t.(*cc.PointerType)
		if !isPtr {
			break
		}
		t = p.Elem()
	}
	if _, isArray := t.(*cc.ArrayType); !isArray {
		return 0, false, false
	}
	size, over = arraySize(t)
	return size, over, over || size > maxObject
}

// arraySize is t's size in bytes, over when it does not fit in 64 bits.
func arraySize(t cc.Type) (size uint64, over bool) {
	a, ok := t.(*cc.ArrayType)
	if !ok {
		if t.IsIncomplete() || t.Kind() == cc.Function {
			return 0, false
		}
		return uint64(max(t.Size(), 0)), false
	}
	elem, over := arraySize(a.Elem())
	if over || a.Len() < 0 {
		return 0, over
	}
	hi, lo := bits.Mul64(elem, uint64(a.Len()))
	return lo, hi != 0
}

// isSystem says whether n comes from a system header.
func isSystem(n cc.Node) bool {
	if ed, ok := n.(*cc.ExternalDeclaration); ok {
		return systemDecls.of(ed)
	}
	return strings.HasPrefix(n.Position().Filename, sysInclude+"/")
}

// systemDecls remembers which external declarations come from a system
// header by their declaration specifiers, which the units made from a
// precompiled header share (pch.go): asking a node's position costs a
// search of the file set and of the file's lines, and the type errors and
// the warnings ask it of each of a course's ~1,000 header declarations in
// every unit. Bounded: it starts again past maxSystemDecls.
var systemDecls = systemMemo{m: map[*cc.DeclarationSpecifiers]bool{}}

const maxSystemDecls = 1 << 14

type systemMemo struct {
	mu sync.Mutex
	m  map[*cc.DeclarationSpecifiers]bool
}

func (sm *systemMemo) of(ed *cc.ExternalDeclaration) bool {
	var ds *cc.DeclarationSpecifiers
	switch ed.Case {
	case cc.ExternalDeclarationDecl:
		ds = ed.Declaration.DeclarationSpecifiers
	case cc.ExternalDeclarationFuncDef:
		ds = ed.FunctionDefinition.DeclarationSpecifiers
	}
	if ds == nil {
		return strings.HasPrefix(ed.Position().Filename, sysInclude+"/")
	}
	sm.mu.Lock()
	sys, ok := sm.m[ds]
	sm.mu.Unlock()
	if ok {
		return sys
	}
	sys = strings.HasPrefix(ed.Position().Filename, sysInclude+"/")
	sm.mu.Lock()
	if len(sm.m) >= maxSystemDecls {
		sm.m = map[*cc.DeclarationSpecifiers]bool{}
	}
	sm.m[ds] = sys
	sm.mu.Unlock()
	return sys
}

// walkNodes calls visit on every node under n (tokens aside), depth
// first, with a stack of its own (the AST's lists are linked: a long
// initializer is deep).
func walkNodes(n any, visit func(cc.Node)) {
	stack := []reflect.Value{reflect.ValueOf(n)}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if v.IsNil() {
				continue
			}
			if node, ok := v.Interface().(cc.Node); ok {
				if _, isTok := node.(cc.Token); !isTok {
					visit(node)
				}
			}
			stack = append(stack, v.Elem())
		case reflect.Struct:
			for _, i := range walkedFields(v.Type()) {
				stack = append(stack, v.Field(i))
			}
		case reflect.Slice:
			for i := v.Len() - 1; i >= 0; i-- {
				stack = append(stack, v.Index(i))
			}
		}
	}
}

// walkedFieldsOf holds, by struct type, the fields walkNodes descends
// into: the exported ones that are not tokens, last first (the stack
// pops them in source order). Asking reflect for a field allocates, and
// a build walks every node of its units' own declarations twice (their
// impossible types, their warnings).
var walkedFieldsOf sync.Map // reflect.Type -> []int

func walkedFields(t reflect.Type) []int {
	if f, ok := walkedFieldsOf.Load(t); ok {
		return f.([]int)
	}
	var fields []int
	for i := t.NumField() - 1; i >= 0; i-- {
		if f := t.Field(i); f.IsExported() && f.Type != tokenType {
			fields = append(fields, i)
		}
	}
	walkedFieldsOf.Store(t, fields)
	return fields
}

// gccBitFields rewrites the front end's "value out of range: N" for a
// bit-field's width (it refuses widths beyond 64 and below 0 itself) as
// gcc words it, at the field's name: "width of ‘l’ exceeds its type",
// "negative width in bit-field ‘l’".
func (p *project) gccBitFields(list []string) []string {
	for i, l := range list {
		file, line, col, msg, ok := splitDiag(l)
		rest, isRange := strings.CutPrefix(msg, "value out of range: ")
		if !ok || !isRange {
			continue
		}
		src, ok := p.text(file)
		off := offsetOf(src, line, col)
		if !ok || off < 0 {
			continue
		}
		// Back from the width over "name :" (spaces allowed).
		j := off
		for j > 0 && (src[j-1] == ' ' || src[j-1] == '\t') {
			j--
		}
		if j == 0 || src[j-1] != ':' {
			continue
		}
		j--
		for j > 0 && (src[j-1] == ' ' || src[j-1] == '\t') {
			j--
		}
		end := j
		for j > 0 && (isIdentByte(src[j-1])) {
			j--
		}
		if j == end {
			continue
		}
		name, nameCol := src[j:end], col-(off-j)
		if strings.HasPrefix(rest, "-") {
			list[i] = fmt.Sprintf("%s:%d:%d: error: negative width in bit-field ‘%s’", file, line, nameCol, name)
		} else {
			list[i] = fmt.Sprintf("%s:%d:%d: error: width of ‘%s’ exceeds its type", file, line, nameCol, name)
		}
	}
	return list
}
