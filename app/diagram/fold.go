package diagram

import (
	"strconv"

	"netplay/stack/trace"
)

// Folding: a 200 KB transfer read 63 bytes at a time is thousands of rows
// of the same read(), the same data segment and the same ACK. A run of rows
// made of a few such kinds of happening is shown folded: one row per kind,
// its first happening drawn with a count ("read(4, 63) = 63 ×3,000"), and
// a toggle in the gutter to unfold it. What makes the story (a state
// change, an exit, a SYN, FIN or RST, a dropped or retransmitted frame, a
// read that returns 0) never folds.
const (
	foldKinds = 10 // at most this many kinds of happening in one fold
	foldMin   = 16 // a fold hides at least this many rows
	foldMax   = 1 << 14
)

// Fold is a run of rows shown folded (or unfolded on request).
type Fold struct {
	Key        int // the event index of its first row's event: Options.Unfold's key
	Row1, Row2 int // its rows (Row2 included)
	Items      int // the rows it stands for when folded
	T1, T2     int64
	Folded     bool
}

// foldSig is what makes two rows alike: the same call by the same thread
// with the same outcome, or the same kind of frame between the same hosts.
// "" means the row never folds.
func foldSig(e *trace.Event, kind int, retrans bool) string {
	k := strconv.Itoa(kind)
	switch {
	case e.Kind == trace.KindSyscall:
		ret := "+"
		switch {
		case e.Errno != "" || e.Ret < 0:
			ret = "-" + e.Errno
		case e.Ret == 0:
			ret = "0"
		}
		return k + "c\x00" + e.Host + "\x00" + strconv.Itoa(e.Pid) + "." + strconv.Itoa(e.Tid) + "\x00" + e.Call + "\x00" + strconv.Itoa(e.FD) + "\x00" + ret
	case IsFrame(e):
		if e.Dropped || retrans {
			return ""
		}
		switch FrameClass(e) {
		case ClassSYN, ClassFIN, ClassRST:
			return ""
		}
		l := "0"
		if e.Len > 0 {
			l = "1"
		}
		return k + "f\x00" + e.Host + "\x00" + e.Receiver + "\x00" + e.Dst + "\x00" + string(e.Kind) + "\x00" + e.Flags + "\x00" + l
	case e.Kind == trace.KindLocal:
		return k + "l\x00" + e.Host + "\x00" + e.Src + "\x00" + e.Dst
	}
	return ""
}

// plan is how the sorted items become rows: row[i] is item i's row (-1:
// none, its event is not drawn), drawn the events drawn (an event is drawn
// when its own item is on a row of its own or is the first of its kind in
// a fold; the others are counted on that one).
type plan struct {
	row   []int
	drawn map[int]bool
	count []int // per row: how many items the row stands for (1 unfolded)
	first []int // per row: the item the row shows
	folds []Fold
}

// planRows folds runs of alike items (see foldSig) unless opt says not
// to, and numbers the rows.
func planRows(items []item, events []trace.Event, opt Options, retrans map[int]bool) plan {
	n := len(items)
	p := plan{row: make([]int, n), drawn: make(map[int]bool, n)}
	// Pass 1: the folds, and in them each item's kind.
	type run struct {
		i, j  int
		kinds int
		f     Fold
	}
	var runs []run
	kindOf := make([]int, n) // kind index in its fold, -1 unfolded
	for i := range kindOf {
		kindOf[i] = -1
	}
	if !opt.NoFold {
		sig := make([]string, n)
		for i, it := range items {
			sig[i] = foldSig(&events[it.owner], it.kind, retrans[it.owner])
		}
		for i := 0; i < n; {
			j := foldRun(sig, i)
			if j-i < foldMin {
				i++
				continue
			}
			kind := map[string]int{}
			for k := i; k < j; k++ {
				if _, ok := kind[sig[k]]; !ok {
					kind[sig[k]] = len(kind)
				}
			}
			f := Fold{Key: items[i].owner, Items: j - i, T1: items[i].t, T2: items[j-1].t, Folded: !opt.Unfold[items[i].owner]}
			if f.Folded && len(kind)+foldMin <= j-i {
				for k := i; k < j; k++ {
					kindOf[k] = kind[sig[k]]
				}
			}
			runs = append(runs, run{i, j, len(kind), f})
			i = j
		}
	}
	// Which events are drawn.
	firstOf := map[[2]int]bool{} // (run, kind) seen
	r := 0
	for i, it := range items {
		for r < len(runs) && runs[r].j <= i {
			r++
		}
		if it.kind != itemEvent {
			continue
		}
		if kindOf[i] < 0 {
			p.drawn[it.owner] = true
		} else if k := [2]int{r, kindOf[i]}; !firstOf[k] {
			firstOf[k] = true
			p.drawn[it.owner] = true
		}
	}
	// Pass 2: rows. A fold's kind rows come at its first item; a row
	// whose items' events are none of them drawn is left out.
	add := func(i, count int) int {
		p.count = append(p.count, count)
		p.first = append(p.first, i)
		return len(p.count) - 1
	}
	r = 0
	for i := 0; i < n; {
		for r < len(runs) && runs[r].j <= i {
			r++
		}
		if r < len(runs) && runs[r].i == i {
			ru := runs[r]
			f := ru.f
			f.Row1 = len(p.count)
			if kindOf[i] >= 0 {
				rows := make([]int, ru.kinds)
				for k := range rows {
					rows[k] = -1
				}
				for k := ru.i; k < ru.j; k++ {
					kk := kindOf[k]
					if rows[kk] < 0 && p.drawn[items[k].owner] {
						rows[kk] = add(k, 0)
					}
				}
				for k := ru.i; k < ru.j; k++ {
					p.row[k] = rows[kindOf[k]]
					if p.row[k] >= 0 {
						p.count[p.row[k]]++
					}
				}
			} else {
				for k := ru.i; k < ru.j; k++ {
					p.row[k] = -1
					if p.drawn[items[k].owner] {
						p.row[k] = add(k, 1)
					}
				}
			}
			f.Row2 = len(p.count) - 1
			if f.Row2 >= f.Row1 && (kindOf[i] >= 0 || !f.Folded) {
				p.folds = append(p.folds, f)
			}
			i = ru.j
			continue
		}
		p.row[i] = -1
		if p.drawn[items[i].owner] {
			p.row[i] = add(i, 1)
		}
		i++
	}
	return p
}

// foldRun returns the end of the longest run from i of foldable items of
// at most foldKinds kinds: i when item i does not fold.
func foldRun(sig []string, i int) int {
	kinds := map[string]bool{}
	j := i
	for ; j < len(sig) && j-i < foldMax; j++ {
		s := sig[j]
		if s == "" {
			break
		}
		if !kinds[s] {
			if len(kinds) == foldKinds {
				break
			}
			kinds[s] = true
		}
	}
	return j
}
