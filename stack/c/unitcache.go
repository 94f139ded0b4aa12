package c

import (
	"sync"

	cc "modernc.org/cc/v4"
)

// unitASTs keeps what the front end made of the library's and the hosts' own
// units for the next builds: the engine builds every host of a scenario
// from the same lib/, and builds a host again after each edit of its
// program, so a rebuild puts only the edited file through the front end
// (~10 ms a unit natively, several times that in the browser). A unit is
// taken from it when its text and every file the front end looked for while
// translating it, found or not, are as they were then. A unit's AST holds
// every declaration of the headers it includes (shared with the other units
// of its prefix, pch.go, but for its copies of the file scope declarators),
// so it keeps the last maxCachedUnits. The program's main file is not kept: it is what changes.
var unitASTs unitCache

const maxCachedUnits = 20

// buildMu lets one Build run at a time: the ASTs are shared, and the front
// end's types fill some of their fields when first asked.
var buildMu sync.Mutex

type unitCache struct {
	mu      sync.Mutex
	entries []*cachedUnit // least recently used first
}

type cachedUnit struct {
	file, text string
	lookedAt
	ast *cc.AST
	// What the builds that reuse the AST would work out again from it:
	// the unit's definitions (unit.declare), and its warnings
	// (unitWarnings) once a build has linked it. A rebuild after an edit
	// of the program links the same library units.
	defs     map[string][]*cc.Declarator
	warnings []Warning
	warned   bool
}

// get returns unit u's entry if the cache has it for the project as it is.
func (uc *unitCache) get(p *project, u *unit) *cachedUnit {
	if !u.lib && !u.own {
		return nil
	}
	uc.mu.Lock()
	defer uc.mu.Unlock()
	text, _ := p.text(u.file)
	for i, e := range uc.entries {
		if e.file != u.file || e.text != text || !e.current(p) {
			continue
		}
		copy(uc.entries[i:], uc.entries[i+1:])
		uc.entries[len(uc.entries)-1] = e
		return e
	}
	return nil
}

// lookedAt is what the front end found when it looked for files: the text
// of each it found and the names it did not. What was made from them (a
// unit's AST, a precompiled prefix) holds while the project gives the same.
type lookedAt struct {
	deps   map[string]string
	absent map[string]bool
}

// lookAt records the files named looked as project p has them.
func lookAt(p *project, looked []string) lookedAt {
	l := lookedAt{deps: map[string]string{}, absent: map[string]bool{}}
	for _, name := range looked {
		if t, ok := p.text(name); ok {
			l.deps[name] = t
		} else {
			l.absent[name] = true
		}
	}
	return l
}

// current reports whether project p still has the files as they were found.
func (l *lookedAt) current(p *project) bool {
	for name, text := range l.deps {
		if t, ok := p.text(name); !ok || t != text {
			return false
		}
	}
	for name := range l.absent {
		if _, ok := p.text(name); ok {
			return false
		}
	}
	return true
}

// put keeps the AST of unit u, which the front end made looking for the
// files looked, and returns its entry (nil: the unit is not kept).
func (uc *unitCache) put(p *project, u *unit, looked []string, ast *cc.AST) *cachedUnit {
	if !u.lib && !u.own {
		return nil
	}
	e := &cachedUnit{file: u.file, lookedAt: lookAt(p, looked), ast: ast}
	e.text, _ = p.text(u.file)
	uc.mu.Lock()
	defer uc.mu.Unlock()
	for i, old := range uc.entries {
		if old.file == u.file && old.text == e.text {
			uc.entries = append(uc.entries[:i], uc.entries[i+1:]...)
			break
		}
	}
	uc.entries = append(uc.entries, e)
	if len(uc.entries) > maxCachedUnits {
		uc.entries = uc.entries[len(uc.entries)-maxCachedUnits:]
	}
	return e
}
