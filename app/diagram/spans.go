package diagram

import "sort"

// spans finds the shapes of a list that can touch a stretch of the
// diagram without looking at the others: the lists are laid out in time
// order, so a shape's key (the y of the row it was laid out at) grows
// along the list, and no shape reaches further than reach from its key.
// A trace of 100,000 events then costs a scroll what is on screen. A list
// whose keys do not grow is looked at whole.
type spans struct {
	keys  []float64
	reach float64
	whole bool
}

// newSpans indexes n shapes, shape i spanning y1..y2 (either order); key
// picks which end the list is ordered by (false: y1, true: y2).
func newSpans(n int, at func(i int) (y1, y2 float64)) spans {
	for _, byEnd := range []bool{false, true} {
		s := spans{keys: make([]float64, n)}
		ok := true
		for i := range n {
			y1, y2 := at(i)
			k := y1
			if byEnd {
				k = y2
			}
			if i > 0 && k < s.keys[i-1] {
				ok = false
				break
			}
			s.keys[i] = k
			s.reach = max(s.reach, abs(y1-k), abs(y2-k))
		}
		if ok {
			return s
		}
	}
	return spans{whole: true}
}

// between returns the range [lo, hi) of the shapes that may touch top..
// bottom (a row's room beyond it included); the caller still tests each.
func (s spans) between(top, bottom float64, n int) (lo, hi int) {
	if s.whole || bottom <= 0 || len(s.keys) != n {
		return 0, n
	}
	top, bottom = top-RowH-s.reach, bottom+RowH+s.reach
	lo = sort.SearchFloat64s(s.keys, top)
	hi = sort.Search(n, func(i int) bool { return s.keys[i] > bottom })
	return lo, max(lo, hi)
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// index is the Layout's spans for each long list, made at its first draw.
type index struct {
	rows, arrows, calls, ticks, marks, folds, breaks spans
}

func (l *Layout) spans() *index {
	if l.ix != nil {
		return l.ix
	}
	ix := &index{
		rows:   newSpans(len(l.Rows), func(i int) (float64, float64) { return l.Rows[i].Y, l.Rows[i].Y }),
		arrows: newSpans(len(l.Arrows), func(i int) (float64, float64) { return l.Arrows[i].Y1, l.Arrows[i].Y2 }),
		calls:  newSpans(len(l.Calls), func(i int) (float64, float64) { return l.Calls[i].Y1, l.Calls[i].Y2 }),
		ticks:  newSpans(len(l.Ticks), func(i int) (float64, float64) { return l.Ticks[i].Y, l.Ticks[i].Y }),
		marks:  newSpans(len(l.Marks), func(i int) (float64, float64) { return l.Marks[i].Y, l.Marks[i].Y }),
		folds: newSpans(len(l.Folds), func(i int) (float64, float64) {
			return l.Rows[l.Folds[i].Row1].Y - RowH/2, l.Rows[l.Folds[i].Row2].Y + RowH/2
		}),
		breaks: newSpans(len(l.Breaks), func(i int) (float64, float64) { return l.Breaks[i].Y, l.Breaks[i].Y }),
	}
	l.ix = ix
	return ix
}
