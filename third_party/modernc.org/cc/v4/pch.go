// Copyright 2026 The netplay Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// A precompiled header (netplay's addition to cc/v4, see
// third_party/modernc.org/cc/v4/README.md in netplay): the leading part of
// translation units that start alike, their predefined macros and the
// #include lines before their first declaration, is preprocessed, parsed
// and type checked once; each unit then starts from what the front end held
// after it. The prefix's nodes and types are shared by the units made from
// it, read only, except for what a unit's own code changes in a full
// translation: its file scope declarators and enumerators (read and write
// counts, the type merged with a later declaration) and the macro table,
// which each unit gets a copy of.

package cc // import "modernc.org/cc/v4"

import (
	stdErrors "errors"
	"maps"
	"slices"
)

// ErrPrefixNotShared is returned by TranslateAfter when the unit cannot start
// from the prefix and must be translated whole: its own code declares at file
// scope a struct, union or enum tag the prefix names, which a full
// translation would let the prefix's declarations see.
var ErrPrefixNotShared = stdErrors.New("the unit cannot share the prefix")

// Prefix is the front end's state after the leading sources of a translation
// unit, made by TranslatePrefix for TranslateAfter. It must not be used by
// two TranslateAfter calls at once, nor while ASTs made from it are in use
// elsewhere: checking reads its types, and their sizes and completeness are
// memoized when first asked.
type Prefix struct {
	ast  *AST
	ctx  ctx
	tags map[string]bool // Struct, union and enum tags any scope of the prefix declares.

	// The file scope's declarators and enumerators, which each unit gets
	// copies of, by their index in decls and enums; how many nodes the
	// file scope and the external declarations have, to allocate a unit's
	// copies at once.
	decls     []*Declarator
	declIndex map[*Declarator]int
	enums     []*Enumerator
	enumIndex map[*Enumerator]int
	nodes     int
	eds       int
	funcDefs  int
	declLists int // Declarations with an init declarator list.
	initDecls int

	// The preprocessor's state.
	counter   int
	eof       eofLine // The end of the last file read.
	groups    map[string]group
	macros    map[string]*Macro
	mstack    map[string][]*Macro
	pack      int
	packStack []packSave
	undefs    map[string]struct{}
	work      int

	// The parser's state.
	children   int // Of the file scope: the prefix's own come first.
	orderN     int64
	packEvents []packEvent
	scope      *Scope
	seq        int32
}

// TranslatePrefix preprocesses, parses and type checks sources, the leading
// part of translation units, to EOF. Sources must end between external
// declarations: the units' remaining text is given to TranslateAfter.
func TranslatePrefix(cfg *Config, sources []Source) (*Prefix, error) {
	if cfg.EvalAllMacros {
		return nil, errorf("Config.EvalAllMacros is not supported with a prefix")
	}

	p, ast, err := parse(cfg, sources)
	if err != nil {
		return nil, err
	}

	// Without check's last step, checkScope, which merges the types of a
	// name's declarations: each unit merges the prefix's with its own, and
	// checks its code against them as declared, as a whole translation
	// does.
	c, err := ast.checkPrefix(cfg, true)
	if err != nil {
		return nil, err
	}

	c.cfg = nil
	if len(p.cpp.packQueue) != 0 || len(p.cpp.pragmas) != 0 || p.cpp.workLimitReported {
		return nil, errorf("prefix ends inside a pragma")
	}

	r := &Prefix{
		ast:        ast,
		ctx:        *c,
		tags:       map[string]bool{},
		counter:    p.cpp.counter,
		eof:        p.cpp.eof,
		groups:     p.cpp.groups,
		macros:     p.cpp.macros,
		mstack:     p.cpp.mstack,
		pack:       p.cpp.pack,
		packStack:  p.cpp.packStack,
		undefs:     p.cpp.undefs,
		work:       p.cpp.work,
		children:   len(ast.Scope.Children),
		orderN:     p.orderN,
		packEvents: p.packEvents,
		scope:      ast.Scope,
		seq:        p.seq,
	}
	r.ctx.errors = nil
	if !r.walkScopes(ast.Scope) {
		return nil, errorf("prefix declares an implicit function")
	}

	r.declIndex = map[*Declarator]int{}
	r.enumIndex = map[*Enumerator]int{}
	for _, ns := range ast.Scope.Nodes {
		r.nodes += len(ns)
		for _, n := range ns {
			switch x := n.(type) {
			case *Declarator:
				if _, ok := r.declIndex[x]; !ok {
					r.declIndex[x] = len(r.decls)
					r.decls = append(r.decls, x)
				}
			case *Enumerator:
				if _, ok := r.enumIndex[x]; !ok {
					r.enumIndex[x] = len(r.enums)
					r.enums = append(r.enums, x)
				}
			}
		}
	}
	for l := ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		r.eds++
		switch ed := l.ExternalDeclaration; ed.Case {
		case ExternalDeclarationFuncDef:
			r.funcDefs++
		case ExternalDeclarationDecl:
			if ed.Declaration.InitDeclaratorList != nil {
				r.declLists++
			}
			for il := ed.Declaration.InitDeclaratorList; il != nil; il = il.InitDeclaratorList {
				r.initDecls++
			}
		}
	}
	return r, nil
}

// walkScopes notes the tags of s and its children and reports whether none of
// them holds a synthetic declarator (an implicitly declared function, which a
// full translation resolves against the whole file scope).
func (r *Prefix) walkScopes(s *Scope) bool {
	for nm, ns := range s.Nodes {
		for _, n := range ns {
			switch x := n.(type) {
			case *StructOrUnionSpecifier, *EnumSpecifier:
				r.tags[nm] = true
			case *Declarator:
				if x.isSynthetic && s.Parent != nil {
					return false
				}
			}
		}
	}
	for _, ch := range s.Children {
		if !r.walkScopes(ch) {
			return false
		}
	}
	return true
}

// TranslateAfter preprocesses, parses and type checks the rest of a
// translation unit, sources, as Translate would after the prefix's sources:
// the AST it returns is the whole unit's. Cfg must be the Config the prefix
// was made with, or one equal to it but for FS. Positions in sources are their own:
// to report the unit's lines, the caller gives the unit's text with the
// prefix's part blanked out.
func TranslateAfter(pfx *Prefix, cfg *Config, sources []Source) (*AST, error) {
	p, err := newParser(cfg, nil, sources)
	if err != nil {
		return nil, err
	}

	cpp := p.cpp
	cpp.counter = pfx.counter
	cpp.eof = pfx.eof
	cpp.groups = maps.Clone(pfx.groups)
	cpp.macros = maps.Clone(pfx.macros)
	cpp.mstack = make(map[string][]*Macro, len(pfx.mstack))
	for k, v := range pfx.mstack {
		cpp.mstack[k] = slices.Clip(v)
	}
	cpp.pack = pfx.pack
	cpp.packStack = slices.Clip(pfx.packStack)
	cpp.undefs = maps.Clone(pfx.undefs)
	cpp.work = pfx.work

	// The file scope: the prefix's nodes, its declarators and enumerators
	// copied (the unit's code counts their uses and merges their types).
	// One allocation for each kind of copy.
	decls := make([]Declarator, len(pfx.decls))
	for i, d := range pfx.decls {
		decls[i] = *d
	}
	enums := make([]Enumerator, len(pfx.enums))
	for i, e := range pfx.enums {
		enums[i] = *e
	}
	scope := &Scope{Children: slices.Clip(pfx.scope.Children), Nodes: make(map[string][]Node, len(pfx.scope.Nodes))}
	nodes := make([]Node, 0, pfx.nodes)
	for nm, ns := range pfx.scope.Nodes {
		off := len(nodes)
		for _, n := range ns {
			switch x := n.(type) {
			case *Declarator:
				n = &decls[pfx.declIndex[x]]
			case *Enumerator:
				n = &enums[pfx.enumIndex[x]]
			}
			nodes = append(nodes, n)
		}
		scope.Nodes[nm] = nodes[off:len(nodes):len(nodes)] // a declaration appends to a copy
	}
	p.scope = scope
	p.seq = pfx.seq
	p.orderN = pfx.orderN
	p.packEvents = slices.Clip(pfx.packEvents)

	ast, err := p.parse()
	if err != nil {
		return nil, err
	}

	if pfx.sharesTags(ast.Scope) {
		return nil, ErrPrefixNotShared
	}

	rest := ast.TranslationUnit
	c, err := ast.checkAfter(pfx, cfg)
	if pfx.sharesTags(ast.Scope) {
		return nil, ErrPrefixNotShared
	}

	c.cfg = nil
	if err != nil {
		return nil, err
	}

	ast.TranslationUnit = pfx.translationUnit(decls, rest)
	return ast, nil
}

// sharesTags reports whether the unit's file scope s declares a tag of the
// prefix anew.
func (r *Prefix) sharesTags(s *Scope) bool {
	for nm := range r.tags {
		for _, n := range s.Nodes[nm][len(r.scope.Nodes[nm]):] {
			switch n.(type) {
			case *StructOrUnionSpecifier, *EnumSpecifier:
				return true
			}
		}
	}
	return false
}

// checkAfter is check for the unit's own external declarations, in the
// context the prefix's check left.
func (n *AST) checkAfter(pfx *Prefix, cfg *Config) (*ctx, error) {
	a := pfx.ast
	n.Structs = maps.Clone(a.Structs)
	n.Unions = maps.Clone(a.Unions)
	n.Char, n.Double, n.Float, n.Int, n.Long, n.LongDouble, n.LongLong = a.Char, a.Double, a.Float, a.Int, a.Long, a.LongDouble, a.LongLong
	n.PVoid, n.SChar, n.Short, n.UChar, n.UInt, n.ULong, n.ULongLong, n.UShort, n.Void = a.PVoid, a.SChar, a.Short, a.UChar, a.UInt, a.ULong, a.ULongLong, a.UShort, a.Void
	n.kinds = a.kinds
	n.predefinedDeclarator0 = a.predefinedDeclarator0
	c := pfx.ctx
	c.ast = n
	c.cfg = cfg
	for l := n.TranslationUnit; l != nil; l = l.TranslationUnit {
		l.ExternalDeclaration.check(&c)
	}
	// The prefix's own scopes were fixed by its check.
	for _, ch := range n.Scope.Children[pfx.children:] {
		c.fixSyntheticDeclarators(ch)
	}
	c.checkScope(n.Scope)
	n.SizeT = c.sizeT(n.EOF)
	return &c, c.errors.err()
}

// translationUnit returns the prefix's external declarations, pointing to the
// unit's copies of its declarators, decls, followed by rest.
func (r *Prefix) translationUnit(decls []Declarator, rest *TranslationUnit) *TranslationUnit {
	tus := make([]TranslationUnit, r.eds)
	eds := make([]ExternalDeclaration, r.eds)
	ils := make([]InitDeclaratorList, r.initDecls)
	ids := make([]InitDeclarator, r.initDecls)
	fds := make([]FunctionDefinition, 0, r.funcDefs) // never grown: the pointers stay
	ds := make([]Declaration, 0, r.declLists)
	clone := func(d *Declarator) *Declarator {
		if i, ok := r.declIndex[d]; ok {
			return &decls[i]
		}
		return d
	}
	i, j := 0, 0
	for l := r.ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		ed := l.ExternalDeclaration
		e := &eds[i]
		*e = *ed
		switch ed.Case {
		case ExternalDeclarationFuncDef:
			fds = append(fds, *ed.FunctionDefinition)
			fd := &fds[len(fds)-1]
			fd.Declarator = clone(fd.Declarator)
			e.FunctionDefinition = fd
		case ExternalDeclarationDecl:
			if ed.Declaration.InitDeclaratorList == nil {
				break
			}

			ds = append(ds, *ed.Declaration)
			d := &ds[len(ds)-1]
			e.Declaration = d
			prev := &d.InitDeclaratorList
			for il := ed.Declaration.InitDeclaratorList; il != nil; il = il.InitDeclaratorList {
				ids[j] = *il.InitDeclarator
				ids[j].Declarator = clone(ids[j].Declarator)
				ils[j] = *il
				ils[j].InitDeclarator = &ids[j]
				ils[j].InitDeclaratorList = nil
				*prev = &ils[j]
				prev = &ils[j].InitDeclaratorList
				j++
			}
		}
		tus[i].ExternalDeclaration = e
		if i > 0 {
			tus[i-1].TranslationUnit = &tus[i]
		}
		i++
	}
	if i == 0 {
		return rest
	}

	tus[i-1].TranslationUnit = rest
	return &tus[0]
}
