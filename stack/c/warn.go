package c

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	cc "modernc.org/cc/v4"
)

// Warnings: what gcc -Wall says of a program that compiles, for the
// mistakes socket programs make — an int where a pointer goes (send(socket,
// …): the function socket as an fd), a function called undeclared, a
// struct sockaddr_in * passed as a struct sockaddr *, printf arguments that
// do not match their format, a variable never used, `if (fd = socket(…) <
// 0)`. They do not stop the build. Each is one line as gcc prints it,
// "file:line:col: warning: message [-Wflag]", with gcc's column (tabs to
// 8) and flag name, so that a learner reads here what gcc would say.

// Warning is one diagnostic that does not stop the build.
type Warning struct {
	File      string
	Line, Col int // 1-based; Col as gcc counts it (a tab to the next multiple of 8)
	Msg       string
	Flag      string // gcc's option, without -W: "int-conversion"
}

func (w Warning) String() string {
	return fmt.Sprintf("%s:%d:%d: warning: %s [-W%s]", w.File, w.Line, w.Col, w.Msg, w.Flag)
}

// sortWarnings orders warnings by file (as first seen), line and column,
// and drops repeats (a header's warning seen from two units).
func sortWarnings(ws []Warning) []Warning {
	fileOrder := map[string]int{}
	for _, w := range ws {
		if _, ok := fileOrder[w.File]; !ok {
			fileOrder[w.File] = len(fileOrder)
		}
	}
	sort.SliceStable(ws, func(i, j int) bool {
		a, b := ws[i], ws[j]
		if a.File != b.File {
			return fileOrder[a.File] < fileOrder[b.File]
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	var out []Warning
	seen := map[Warning]bool{}
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// warner checks one translation unit.
type warner struct {
	ast  *cc.AST
	text func(file string) (string, bool)
	out  []Warning

	implicit map[string]bool // functions already reported as implicitly declared
	fn       *cc.FunctionDefinition
	result   cc.Type // the current function's result type
	labels   map[string]cc.Node
	gotos    map[string]bool
	locals   []*cc.Declarator
	statics  map[*cc.Declarator]bool // static functions and objects of the unit
	used     map[string]bool         // names with internal linkage referred to
}

// unitWarnings returns the warnings of the translation unit ast (only for
// code in the project's files, not in system headers).
func unitWarnings(ast *cc.AST, text func(string) (string, bool)) []Warning {
	w := &warner{ast: ast, text: text, implicit: map[string]bool{}, statics: map[*cc.Declarator]bool{}, used: map[string]bool{}}
	for l := ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		ed := l.ExternalDeclaration
		if ed == nil || w.inSystem(ed) {
			continue
		}
		switch ed.Case {
		case cc.ExternalDeclarationFuncDef:
			w.function(ed.FunctionDefinition)
		case cc.ExternalDeclarationDecl:
			w.fileScope(ed.Declaration)
			w.walk(ed.Declaration)
		}
	}
	w.unusedStatics()
	return w.out
}

func (w *warner) inSystem(n cc.Node) bool { return isSystem(n) }

// warnAt records a warning at the position of node n (or token).
func (w *warner) warnAt(p cc.Node, flag, format string, args ...any) {
	w.warnPos(p.Position().Filename, p.Position().Offset, p.Position().Line, p.Position().Column, flag, fmt.Sprintf(format, args...))
}

func (w *warner) warnPos(file string, off, line, col int, flag, msg string) {
	if strings.HasPrefix(file, sysInclude+"/") || line <= 0 {
		return
	}
	w.out = append(w.out, Warning{File: file, Line: line, Col: w.displayCol(file, off, col), Msg: msg, Flag: flag})
}

// displayCol converts a byte column to gcc's: tabs advance to the next
// multiple of 8.
func (w *warner) displayCol(file string, off, col int) int {
	src, ok := w.text(file)
	if !ok || off < 0 || off > len(src) || col < 1 {
		return col
	}
	start := off - (col - 1)
	if start < 0 {
		return col
	}
	d := 0
	for _, c := range []byte(src[start:off]) {
		if c == '\t' {
			d = (d/8 + 1) * 8
		} else if c&0xc0 != 0x80 { // count a UTF-8 character once
			d++
		}
	}
	return d + 1
}

// walk visits every node under n, in source order, with check.
func (w *warner) walk(n any) { walkNodes(n, w.check) }

var tokenType = reflect.TypeOf(cc.Token{})

// function checks a function definition.
func (w *warner) function(fd *cc.FunctionDefinition) {
	d := fd.Declarator
	if d.IsStatic() {
		w.statics[d] = true
	}
	ft, ok := d.Type().(*cc.FunctionType)
	if !ok {
		return
	}
	w.fn, w.result = fd, ft.Result()
	w.labels, w.gotos, w.locals = map[string]cc.Node{}, map[string]bool{}, nil
	w.walk(fd.CompoundStatement)
	for name, l := range w.labels {
		if !w.gotos[name] {
			w.warnAt(l, "unused-label", "label '%s' defined but not used", name)
		}
	}
	for _, v := range w.locals {
		w.unusedLocal(v)
	}
	if ft.Result().Kind() != cc.Void && d.Name() != "main" && !d.IsInline() && completes(fd.CompoundStatement) {
		// gcc points at the function's closing brace.
		if cs := fd.CompoundStatement; cs != nil {
			p := cs.Token2.Position()
			w.warnPos(p.Filename, p.Offset, p.Line, p.Column, "return-type", "control reaches end of non-void function")
		}
	}
	w.fn = nil
}

// fileScope records the unit's static objects and functions.
func (w *warner) fileScope(d *cc.Declaration) {
	for l := d.InitDeclaratorList; l != nil; l = l.InitDeclaratorList {
		dr := l.InitDeclarator.Declarator
		if dr.IsStatic() && !dr.IsTypename() && dr.Type().Kind() != cc.Function {
			w.statics[dr] = true
		}
	}
}

// check is called on every node of a function body or declaration.
func (w *warner) check(n cc.Node) {
	switch x := n.(type) {
	case *cc.PostfixExpression:
		if x.Case == cc.PostfixExpressionCall {
			w.call(x)
		}
	case *cc.PrimaryExpression:
		if x.Case == cc.PrimaryExpressionIdent {
			if d, ok := x.ResolvedTo().(*cc.Declarator); ok && d.Linkage() == cc.Internal {
				w.used[d.Name()] = true // a prototype's declarator or the definition's
			}
		}
	case *cc.AssignmentExpression:
		if x.Case == cc.AssignmentExpressionAssign {
			w.convert(x.AssignmentExpression, x.UnaryExpression.Type(), &x.Token,
				"assignment to {to} from {from}", "assignment to {to} from incompatible pointer type {from}",
				"pointer targets in assignment from {from} to {to} differ in signedness")
		}
	case *cc.InitDeclarator:
		d := x.Declarator
		if w.fn != nil && !d.IsTypename() && d.Type().Kind() != cc.Function && !d.IsExtern() && !d.IsSynthetic() && !strings.HasPrefix(d.Name(), "__") {
			w.locals = append(w.locals, d)
		}
		if in := x.Initializer; in != nil && in.Case == cc.InitializerExpr && d.Type().Kind() != cc.Array {
			w.convert(in.AssignmentExpression, d.Type(), in.AssignmentExpression,
				"initialization of {to} from {from}", "initialization of {to} from incompatible pointer type {from}",
				"pointer targets in initialization of {to} from {from} differ in signedness")
		}
	case *cc.JumpStatement:
		switch x.Case {
		case cc.JumpStatementReturn:
			if x.ExpressionList != nil && w.result != nil && w.result.Kind() != cc.Void {
				w.convert(x.ExpressionList, w.result, x.ExpressionList,
					"returning {from} from a function with return type {to}", "returning {from} from a function with incompatible return type {to}",
					"pointer targets in returning {from} from a function with return type {to} differ in signedness")
			}
		case cc.JumpStatementGoto:
			w.gotos[x.Token2.SrcStr()] = true
		}
	case *cc.LabeledStatement:
		if x.Case == cc.LabeledStatementLabel {
			w.labels[x.Token.SrcStr()] = &x.Token
		}
	case *cc.SelectionStatement:
		if x.Case != cc.SelectionStatementSwitch {
			w.truth(x.ExpressionList)
		}
	case *cc.IterationStatement:
		switch x.Case {
		case cc.IterationStatementWhile, cc.IterationStatementDo:
			w.truth(x.ExpressionList)
		case cc.IterationStatementFor:
			w.truth(x.ExpressionList2)
		case cc.IterationStatementForDecl:
			w.truth(x.ExpressionList)
		}
	case *cc.ConditionalExpression:
		if x.Case == cc.ConditionalExpressionCond {
			w.truth(x.LogicalOrExpression)
		}
	case *cc.LogicalOrExpression:
		if x.Case == cc.LogicalOrExpressionLOr {
			for _, op := range []cc.ExpressionNode{x.LogicalOrExpression, x.LogicalAndExpression} {
				if a, ok := op.(*cc.LogicalAndExpression); ok && a.Case == cc.LogicalAndExpressionLAnd {
					w.warnAt(&a.Token, "parentheses", "suggest parentheses around '&&' within '||'")
				}
			}
		}
	}
}

// truth checks an expression used as a condition: an assignment there
// without its own parentheses is most likely `==` or a misplaced `)`.
func (w *warner) truth(e cc.ExpressionNode) {
	if a, ok := e.(*cc.AssignmentExpression); ok && a.Case == cc.AssignmentExpressionAssign {
		w.warnAt(a, "parentheses", "suggest parentheses around assignment used as truth value")
	}
}

// convert checks the implicit conversion of expression e to type to, as
// an assignment does: a pointer from an integer or the reverse, or between
// unrelated pointer types. The messages name the target type {to} and the
// source type {from}; the warning is at node at.
func (w *warner) convert(e cc.ExpressionNode, to cc.Type, at cc.Node, plain, incompat, sign string) {
	from := e.Type()
	if from == nil || to == nil {
		return
	}
	from = from.Decay()
	r := strings.NewReplacer("{to}", quoteType(to), "{from}", quoteType(from))
	switch {
	case to.Kind() == cc.Ptr && isIntegerType(from):
		if !isNullConstant(e) {
			w.warnAt(at, "int-conversion", "%s", r.Replace(plain)+" makes pointer from integer without a cast")
		}
	case isIntegerType(to) && to.Kind() != cc.Bool && from.Kind() == cc.Ptr:
		w.warnAt(at, "int-conversion", "%s", r.Replace(plain)+" makes integer from pointer without a cast")
	case to.Kind() == cc.Ptr && from.Kind() == cc.Ptr:
		switch pointerRelation(to, from) {
		case ptrIncompatible:
			w.warnAt(at, "incompatible-pointer-types", "%s", r.Replace(incompat))
		case ptrSign:
			w.warnAt(at, "pointer-sign", "%s", r.Replace(sign))
		}
	}
}

// call checks a function call: an implicit declaration, each argument
// against its parameter, and a printf or scanf format against the
// arguments.
func (w *warner) call(x *cc.PostfixExpression) {
	var args []cc.ExpressionNode
	for l := x.ArgumentExpressionList; l != nil; l = l.ArgumentExpressionList {
		args = append(args, l.AssignmentExpression)
	}
	name := ""
	callee := x.PostfixExpression
	if p, ok := callee.(*cc.PrimaryExpression); ok && p.Case == cc.PrimaryExpressionIdent {
		name = p.Token.SrcStr()
		if isImplicit(p) {
			if !w.implicit[name] {
				w.implicit[name] = true
				w.warnAt(p, "implicit-function-declaration", "implicit declaration of function '%s'", name)
				if gccBuiltins[name] {
					w.warnAt(p, "builtin-declaration-mismatch", "incompatible implicit declaration of built-in function '%s'", name)
				}
			}
			return
		}
	} else {
		name = cc.NodeSource(callee)
	}
	t := callee.Type()
	if pt, ok := t.(*cc.PointerType); ok {
		t = pt.Elem()
	}
	ft, ok := t.(*cc.FunctionType)
	if !ok {
		return
	}
	var params []*cc.Parameter
	for _, p := range ft.Parameters() {
		if p.Type().Kind() != cc.Void {
			params = append(params, p)
		}
	}
	for i, a := range args {
		if i >= len(params) {
			break
		}
		n := strconv.Itoa(i + 1)
		w.convert(a, params[i].Type(), a,
			"passing argument "+n+" of '"+name+"'", "passing argument "+n+" of '"+name+"' from incompatible pointer type",
			"pointer targets in passing argument "+n+" of '"+name+"' differ in signedness")
	}
	if f, ok := formatFuncs[name]; ok && f.format < len(args) && !w.implicitCallee(name) {
		w.format(f, name, args)
	}
}

// isImplicit reports a function called before any declaration: the front
// end resolved it to one made up (or to a definition further down).
func isImplicit(p *cc.PrimaryExpression) bool {
	d, ok := p.ResolvedTo().(*cc.Declarator)
	return ok && (d.IsSynthetic() || d.Visible() > p.Token.Seq()) && !compilerBuiltin(p.Token.SrcStr())
}

// implicitCallee reports whether name was called undeclared: its type is
// then not one to check against.
func (w *warner) implicitCallee(name string) bool { return w.implicit[name] }

// compilerBuiltin reports the names the front end declares itself.
func compilerBuiltin(name string) bool { return strings.HasPrefix(name, "__builtin_") }

// unusedLocal reports a local never used, or only ever set.
func (w *warner) unusedLocal(d *cc.Declarator) {
	if d.IsParam() || d.AddressTaken() || d.SizeofCount() > 0 || d.Name() == "" || d.Type().Attributes() != nil && strings.Contains(fmt.Sprint(d.Type().Attributes()), "unused") {
		return
	}
	init := 0
	if d.HasInitializer() {
		init = 1
	}
	switch {
	case d.ReadCount() > 0:
	case d.WriteCount() <= init:
		w.warnAt(d, "unused-variable", "unused variable '%s'", d.Name())
		if d.IsStatic() {
			w.warnAt(d, "unused-variable", "'%s' defined but not used", d.Name())
		}
	default:
		w.warnAt(d, "unused-but-set-variable", "variable '%s' set but not used", d.Name())
	}
}

// unusedStatics reports the unit's static functions and objects that
// nothing uses.
func (w *warner) unusedStatics() {
	var list []*cc.Declarator
	for d := range w.statics {
		list = append(list, d)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Position().Offset < list[j].Position().Offset })
	for _, d := range list {
		if w.used[d.Name()] || d.AddressTaken() || d.ReadCount() > 0 || d.SizeofCount() > 0 {
			continue
		}
		if d.Type().Kind() == cc.Function {
			if d.IsInline() {
				continue // static inline functions are meant to go unused
			}
			w.warnAt(d, "unused-function", "'%s' defined but not used", d.Name())
			continue
		}
		if d.Type().Attributes().IsConst() {
			w.warnAt(d, "unused-const-variable=", "'%s' defined but not used", d.Name())
			continue
		}
		w.warnAt(d, "unused-variable", "'%s' defined but not used", d.Name())
	}
}

// isNullConstant reports an integer constant expression of value 0.
func isNullConstant(e cc.ExpressionNode) bool {
	switch v := e.Value().(type) {
	case cc.Int64Value:
		return v == 0
	case cc.UInt64Value:
		return v == 0
	}
	return false
}

const (
	ptrCompatible = iota
	ptrSign
	ptrIncompatible
)

// pointerRelation says how pointer types to and from relate for an
// assignment: void * goes with any object pointer; pointers to integer
// types of one size that differ in signedness differ "in signedness".
func pointerRelation(to, from cc.Type) int {
	te, fe := to.(*cc.PointerType).Elem(), from.(*cc.PointerType).Elem()
	if te.Kind() == cc.Void || fe.Kind() == cc.Void {
		return ptrCompatible
	}
	if te.IsCompatible(fe) || fe.IsCompatible(te) {
		return ptrCompatible
	}
	if isIntegerType(te) && isIntegerType(fe) && te.Kind() != cc.Enum && fe.Kind() != cc.Enum && te.Size() == fe.Size() &&
		rankOf(te.Kind()) == rankOf(fe.Kind()) {
		return ptrSign
	}
	if te.Kind() == cc.Ptr && fe.Kind() == cc.Ptr {
		if pointerRelation(te, fe) == ptrCompatible {
			return ptrCompatible
		}
	}
	return ptrIncompatible
}

// rankOf groups integer kinds that differ only in signedness.
func rankOf(k cc.Kind) int {
	switch k {
	case cc.Char, cc.SChar, cc.UChar:
		return 1
	case cc.Short, cc.UShort:
		return 2
	case cc.Int, cc.UInt:
		return 3
	case cc.Long, cc.ULong:
		return 4
	case cc.LongLong, cc.ULongLong:
		return 5
	}
	return 0
}

func isIntegerType(t cc.Type) bool {
	switch t.Kind() {
	case cc.Char, cc.SChar, cc.UChar, cc.Short, cc.UShort, cc.Int, cc.UInt, cc.Long, cc.ULong,
		cc.LongLong, cc.ULongLong, cc.Bool, cc.Enum:
		return true
	}
	return false
}

// quoteType quotes a type's name for a message, with what a typedef
// stands for: 'size_t' {aka 'long unsigned int'}.
func quoteType(t cc.Type) string {
	n := typeName(t)
	if d := typedefOf(t); d != nil {
		if aka := underlyingName(t); aka != n {
			return "'" + n + "' {aka '" + aka + "'}"
		}
	}
	if pt, ok := t.(*cc.PointerType); ok {
		if d := typedefOf(pt.Elem()); d != nil {
			return "'" + n + "' {aka '" + underlyingName(t) + "'}"
		}
	}
	return "'" + n + "'"
}

// typedefOf returns the typedef a type was named by, but for the front
// end's own (sizeof's __predefined_size_t, which gcc does not name).
func typedefOf(t cc.Type) *cc.Declarator {
	d := t.Typedef()
	if d == nil || d.Name() == "" || strings.HasPrefix(d.Name(), "__predefined_") {
		return nil
	}
	return d
}

// underlyingName spells a type without its typedef names.
func underlyingName(t cc.Type) string {
	switch x := t.(type) {
	case *cc.PointerType:
		e := x.Elem()
		if ft, ok := e.(*cc.FunctionType); ok {
			return typeName(ft.Result()) + " (*)(" + paramList(ft) + ")"
		}
		s := underlyingName(e)
		if strings.HasSuffix(s, "*") {
			return s + "*"
		}
		return s + " *"
	case *cc.StructType, *cc.UnionType, *cc.EnumType, *cc.ArrayType, *cc.FunctionType:
		return typeNameNoTypedef(t)
	}
	q := ""
	if t.Attributes().IsConst() {
		q = "const "
	}
	return q + kindName(t.Kind())
}

func typeNameNoTypedef(t cc.Type) string {
	switch x := t.(type) {
	case *cc.StructType:
		return "struct " + tagName(x.Tag())
	case *cc.UnionType:
		return "union " + tagName(x.Tag())
	case *cc.EnumType:
		return "enum " + tagName(x.Tag())
	}
	return typeName(t)
}

// typeName spells a type as gcc does in messages: "char *", "long int",
// "const char *", "struct sockaddr_in *", "int (*)(int,  int,  int)".
func typeName(t cc.Type) string {
	if d := typedefOf(t); d != nil {
		return d.Name()
	}
	q := ""
	if t.Attributes().IsConst() {
		q = "const "
	}
	switch x := t.(type) {
	case *cc.PointerType:
		e := x.Elem()
		if ft, ok := e.(*cc.FunctionType); ok {
			return typeName(ft.Result()) + " (*)(" + paramList(ft) + ")"
		}
		s := typeName(e)
		if strings.HasSuffix(s, "*") {
			return s + "*"
		}
		return s + " *"
	case *cc.StructType:
		return q + "struct " + tagName(x.Tag())
	case *cc.UnionType:
		return q + "union " + tagName(x.Tag())
	case *cc.EnumType:
		return q + "enum " + tagName(x.Tag())
	case *cc.ArrayType:
		return typeName(x.Elem()) + "[" + strconv.FormatInt(x.Len(), 10) + "]"
	case *cc.FunctionType:
		return typeName(x.Result()) + "(" + paramList(x) + ")"
	}
	return q + kindName(t.Kind())
}

func tagName(t cc.Token) string { return t.SrcStr() }

func paramList(ft *cc.FunctionType) string {
	var ps []string
	for _, p := range ft.Parameters() {
		ps = append(ps, typeName(p.Type()))
	}
	if ft.IsVariadic() {
		ps = append(ps, "...")
	}
	return strings.Join(ps, ",  ") // gcc's spacing
}

func kindName(k cc.Kind) string {
	switch k {
	case cc.Char:
		return "char"
	case cc.SChar:
		return "signed char"
	case cc.UChar:
		return "unsigned char"
	case cc.Short:
		return "short int"
	case cc.UShort:
		return "short unsigned int"
	case cc.Int:
		return "int"
	case cc.UInt:
		return "unsigned int"
	case cc.Long:
		return "long int"
	case cc.ULong:
		return "long unsigned int"
	case cc.LongLong:
		return "long long int"
	case cc.ULongLong:
		return "long long unsigned int"
	case cc.Bool:
		return "_Bool"
	case cc.Float:
		return "float"
	case cc.Double:
		return "double"
	case cc.LongDouble:
		return "long double"
	case cc.Void:
		return "void"
	}
	return k.String()
}

// completes reports whether control can reach the end of statement n
// (false when unsure: a missing warning is better than a wrong one).
func completes(n cc.Node) bool {
	switch x := n.(type) {
	case *cc.CompoundStatement:
		var last cc.Node
		for l := x.BlockItemList; l != nil; l = l.BlockItemList {
			if bi := l.BlockItem; bi != nil {
				switch bi.Case {
				case cc.BlockItemStmt:
					last = bi.Statement
				case cc.BlockItemDecl:
					last = nil
				default:
					return false
				}
				if last != nil && !completes(last) {
					return false // statements after it are unreachable unless labeled
				}
			}
		}
		return true
	case *cc.Statement:
		switch x.Case {
		case cc.StatementCompound:
			return completes(x.CompoundStatement)
		case cc.StatementJump:
			switch x.JumpStatement.Case {
			case cc.JumpStatementReturn, cc.JumpStatementGoto, cc.JumpStatementGotoExpr:
				return false
			}
			return false // break and continue leave this statement: unsure
		case cc.StatementSelection:
			s := x.SelectionStatement
			switch s.Case {
			case cc.SelectionStatementIfElse:
				return completes(s.Statement) || completes(s.Statement2)
			case cc.SelectionStatementIf:
				return true
			}
			return false // switch: unsure
		case cc.StatementIteration:
			s := x.IterationStatement
			switch s.Case {
			case cc.IterationStatementWhile, cc.IterationStatementDo:
				if isTrueConstant(s.ExpressionList) {
					return false
				}
				return true
			case cc.IterationStatementFor:
				if s.ExpressionList2 == nil || isTrueConstant(s.ExpressionList2) {
					return false
				}
				return true
			case cc.IterationStatementForDecl:
				if s.ExpressionList == nil || isTrueConstant(s.ExpressionList) {
					return false
				}
				return true
			}
		case cc.StatementExpr:
			if e := x.ExpressionStatement; e != nil && e.ExpressionList != nil {
				if c, ok := e.ExpressionList.(*cc.PostfixExpression); ok && c.Case == cc.PostfixExpressionCall {
					if p, ok := c.PostfixExpression.(*cc.PrimaryExpression); ok && noReturn[p.Token.SrcStr()] {
						return false
					}
				}
			}
			return true
		case cc.StatementLabeled:
			return false // a label can be jumped to: unsure
		}
		return false
	}
	return false
}

func isTrueConstant(e cc.ExpressionNode) bool {
	if e == nil {
		return false
	}
	switch v := e.Value().(type) {
	case cc.Int64Value:
		return v != 0
	case cc.UInt64Value:
		return v != 0
	}
	return false
}

// noReturn are the C library's functions that never return.
var noReturn = map[string]bool{
	"exit": true, "_exit": true, "_Exit": true, "abort": true, "err": true, "errx": true, "verr": true,
	"verrx": true, "pthread_exit": true, "longjmp": true, "siglongjmp": true, "__assert_fail": true,
}

// gccBuiltins are the C library functions gcc 12 knows as builtins that
// netplay has: calling one undeclared also gives
// -Wbuiltin-declaration-mismatch (found by calling each undeclared).
var gccBuiltins = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`abort abs aligned_alloc alloca atan atan2 bcmp bcopy bzero calloc ceil cos
		execl execle execlp execv execve execvp exit exp fabs fabsf ffs floor fmod fprintf fputc fputs free
		fscanf fwrite index isalnum isalpha isascii isblank iscntrl isdigit isgraph islower isprint ispunct
		isspace isupper isxdigit labs llabs log log10 log2 malloc memchr memcmp memcpy memmove mempcpy memset
		posix_memalign pow printf putc putchar puts realloc rindex round scanf sin snprintf sprintf sqrt sqrtf
		sscanf stpcpy stpncpy strcasecmp strcat strchr strcmp strcpy strcspn strdup strftime strlen
		strncasecmp strncat strncmp strncpy strndup strnlen strpbrk strrchr strspn strstr tan tolower toupper
		trunc vfprintf vfscanf vprintf vscanf vsnprintf vsprintf vsscanf`) {
		m[n] = true
	}
	return m
}()
