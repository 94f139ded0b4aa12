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

	// The preprocessor's state.
	counter   int
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

	c, err := ast.check(cfg)
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
// the AST it returns is the whole unit's. Positions in sources are their own:
// to report the unit's lines, the caller gives the unit's text with the
// prefix's part blanked out.
func TranslateAfter(pfx *Prefix, cfg *Config, sources []Source) (*AST, error) {
	p, err := newParser(cfg, nil, sources)
	if err != nil {
		return nil, err
	}

	cpp := p.cpp
	cpp.counter = pfx.counter
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
	scope := &Scope{Children: slices.Clip(pfx.scope.Children), Nodes: make(map[string][]Node, len(pfx.scope.Nodes))}
	clones := make(map[*Declarator]*Declarator, len(pfx.scope.Nodes))
	for nm, ns := range pfx.scope.Nodes {
		a := make([]Node, len(ns))
		for i, n := range ns {
			switch x := n.(type) {
			case *Declarator:
				y := *x
				clones[x] = &y
				a[i] = &y
			case *Enumerator:
				y := *x
				a[i] = &y
			default:
				a[i] = n
			}
		}
		scope.Nodes[nm] = a
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

	ast.TranslationUnit = pfx.translationUnit(clones, rest)
	return ast, nil
}

// sharesTags reports whether the unit's file scope s declares a tag of the
// prefix anew.
func (r *Prefix) sharesTags(s *Scope) bool {
	for nm, ns := range s.Nodes {
		if !r.tags[nm] {
			continue
		}

		for _, n := range ns[len(r.scope.Nodes[nm]):] {
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
// unit's copies of its declarators, followed by rest.
func (r *Prefix) translationUnit(clones map[*Declarator]*Declarator, rest *TranslationUnit) *TranslationUnit {
	var first, last *TranslationUnit
	add := func(ed *ExternalDeclaration) {
		l := &TranslationUnit{ExternalDeclaration: ed}
		if last == nil {
			first = l
		} else {
			last.TranslationUnit = l
		}
		last = l
	}
	clone := func(d *Declarator) *Declarator {
		if y := clones[d]; y != nil {
			return y
		}
		return d
	}
	for l := r.ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		ed := l.ExternalDeclaration
		switch ed.Case {
		case ExternalDeclarationFuncDef:
			fd := *ed.FunctionDefinition
			fd.Declarator = clone(fd.Declarator)
			e := *ed
			e.FunctionDefinition = &fd
			add(&e)
		case ExternalDeclarationDecl:
			if ed.Declaration.InitDeclaratorList == nil {
				add(ed)
				break
			}

			d := *ed.Declaration
			var prev *InitDeclaratorList
			for il := d.InitDeclaratorList; il != nil; il = il.InitDeclaratorList {
				id := *il.InitDeclarator
				id.Declarator = clone(id.Declarator)
				l := *il
				l.InitDeclarator = &id
				l.InitDeclaratorList = nil
				if prev == nil {
					d.InitDeclaratorList = &l
				} else {
					prev.InitDeclaratorList = &l
				}
				prev = &l
			}
			e := *ed
			e.Declaration = &d
			add(&e)
		default:
			add(ed)
		}
	}
	if last == nil {
		return rest
	}

	last.TranslationUnit = rest
	return first
}
