package diagram

import "slices"

// Lifelines in play stay on screen when the diagram scrolls sideways: a
// lifeline that has a shape in the drawn stretch (a frame sent or
// received, a call, a state change, a mark) and has been scrolled out of
// view to the left is drawn at the left edge instead, narrow (its texts
// left to the tooltips), so the frames between it and the lifelines in
// view still end on a line, as a spreadsheet keeps its frozen columns.
// Those right of the view (scrolled back left, or a wide diagram on a
// phone) are drawn at its right edge the same way. A diagram that fits
// its pane is drawn as laid out.

// Geometry of pinned lifelines: how far in from the edge of the view the
// first one stands, and how far apart they stack.
const (
	PinInset = 30.0
	PinGap   = 44.0
)

// pins returns, for each lane, how far it is drawn from its place (SVG
// units) for the view d.Left..d.Right; nil when nothing moves (the view
// is not known, or every lifeline in play is in it).
func (l *Layout) pins(d Draw, ix *index) []float64 {
	if d.Right <= d.Left || len(l.Lanes) < 2 {
		return nil
	}
	play := make([]bool, len(l.Lanes))
	mark := func(lane int) {
		if lane >= 0 && lane < len(play) {
			play[lane] = true
		}
	}
	lo, hi := ix.arrows.between(d.Top, d.Bottom, len(l.Arrows))
	for _, a := range l.Arrows[lo:hi] {
		if max(a.Y1, a.Y2) >= d.Top && min(a.Y1, a.Y2) <= d.Bottom || d.Bottom <= 0 {
			mark(a.From)
			mark(a.To)
		}
	}
	lo, hi = ix.calls.between(d.Top, d.Bottom, len(l.Calls))
	for _, c := range l.Calls[lo:hi] {
		if c.Y2 >= d.Top && c.Y1 <= d.Bottom || d.Bottom <= 0 {
			mark(c.Lane)
		}
	}
	lo, hi = ix.ticks.between(d.Top, d.Bottom, len(l.Ticks))
	for _, t := range l.Ticks[lo:hi] {
		if t.Y >= d.Top && t.Y <= d.Bottom || d.Bottom <= 0 {
			mark(t.Lane)
		}
	}
	lo, hi = ix.marks.between(d.Top, d.Bottom, len(l.Marks))
	for _, m := range l.Marks[lo:hi] {
		if m.Y >= d.Top && m.Y <= d.Bottom || d.Bottom <= 0 {
			mark(m.Lane)
		}
	}
	return l.stack(d, play)
}

// stack places the lifelines in play out of view (play) at the edges of
// the view d.Left..d.Right, in their order: those left of it from its
// left edge inwards, those right of it from its right edge inwards,
// PinGap apart. A lifeline in view that a stack would reach joins it
// (drawn narrow in its turn), so no two lifelines are ever drawn closer
// than the stack's gap; when the two stacks would meet, the gap
// narrows to fit them between the edges.
func (l *Layout) stack(d Draw, play []bool) []float64 {
	left, right := d.Left+PinInset, d.Right-PinInset
	var before, after []int
	for i, ln := range l.Lanes {
		switch {
		case play[i] && ln.X < left:
			before = append(before, i)
		case play[i] && ln.X > right:
			after = append(after, i)
		}
	}
	if len(before) == 0 && len(after) == 0 {
		return nil
	}
	// A lifeline on screen within the inset joins its edge's stack.
	for i, ln := range l.Lanes {
		switch {
		case !play[i] && ln.X >= d.Left && ln.X < left && len(before) > 0:
			before = append(before, i)
		case !play[i] && ln.X <= d.Right && ln.X > right && len(after) > 0:
			after = append(after, i)
		}
	}
	slices.Sort(before)
	slices.Sort(after)
	// The lifelines in view, left to right (those out of view and not in
	// play are drawn where nobody sees them).
	var view []int
	for i, ln := range l.Lanes {
		if ln.X >= left && ln.X <= right {
			view = append(view, i)
		}
	}
	gap := PinGap
	for {
		grew := false
		if len(before) > 0 && len(view) > 0 && l.Lanes[view[0]].X < left+float64(len(before))*gap {
			before, view, grew = append(before, view[0]), view[1:], true
		}
		if len(after) > 0 && len(view) > 0 && l.Lanes[view[len(view)-1]].X > right-float64(len(after))*gap {
			after, view, grew = append([]int{view[len(view)-1]}, after...), view[:len(view)-1], true
		}
		if grew {
			continue
		}
		if n := len(before) + len(after); len(before) > 0 && len(after) > 0 &&
			left+float64(len(before))*gap > right-float64(len(after)-1)*gap {
			if g := (right - left) / float64(n-1); g < gap {
				gap = g
				continue
			}
		}
		break
	}
	dx := make([]float64, len(l.Lanes))
	for k, i := range before {
		dx[i] = left + float64(k)*gap - l.Lanes[i].X
	}
	for k, i := range after {
		dx[i] = right - float64(len(after)-1-k)*gap - l.Lanes[i].X
	}
	for _, i := range append(before, after...) {
		if dx[i] == 0 {
			dx[i] = 1e-9 // pinned where it stood: drawn narrow all the same
		}
	}
	return dx
}

// pinnedNameY is where the name of the k-th pinned lifeline is written:
// on two lines in turn, so that names longer than the gap between two
// pinned lifelines do not run into each other.
func pinnedNameY(k int) float64 {
	if k%2 == 1 {
		return 34
	}
	return 18
}

// pinnedBoxes are the marks drawn elsewhere than laid out in the view d
// (sx(lane) from their place): the dots and marks of pinned lifelines,
// the ✕ of a dropped frame that ends on one.
func (l *Layout) pinnedBoxes(d Draw, ix *index, sx func(lane int) float64) taken {
	tk := taken{}
	dot := func(x, y, r float64) { tk.add(rect(x-r, y-r, x+r, y+r)) }
	lo, hi := ix.calls.between(d.Top, d.Bottom, len(l.Calls))
	for _, c := range l.Calls[lo:hi] {
		if v := sx(c.Lane); v != 0 {
			dot(c.X-8+v, c.Y2, 3)
		}
	}
	lo, hi = ix.marks.between(d.Top, d.Bottom, len(l.Marks))
	for _, m := range l.Marks[lo:hi] {
		if v := sx(m.Lane); v != 0 {
			dot(m.X+v, m.Y, 4)
		}
	}
	for _, s := range l.Spawns {
		if v := sx(s.Lane); v != 0 && (d.Bottom <= 0 || s.Y >= d.Top-RowH && s.Y <= d.Bottom+RowH) {
			dot(s.X1+v, s.Y, 2.5)
			tk.add(textBox(l.Lanes[s.Lane].TextX()+v, s.Y+4, s.Text, fontPx))
		}
	}
	lo, hi = ix.arrows.between(d.Top, d.Bottom, len(l.Arrows))
	for _, a := range l.Arrows[lo:hi] {
		if a.Dropped || a.QueueFull != "" {
			// Where the SVG draws its end (placeAgain).
			to := a.From
			if a.To >= 0 {
				to = a.To
			}
			if sx(to) != 0 || sx(a.From) != 0 {
				x2 := a.X2 + sx(to)
				tk.add(rect(x2-7, a.Y2+5-12, x2+7, a.Y2+5+2))
			}
		}
	}
	return tk
}

// placeAgain is a as drawn with pinned lifelines: its ends where their
// lifelines are drawn and, when it moved or its place is now taken by
// what moved (moved), its label placed again off the labels as laid out,
// the texts and moved, which it then joins. Between two pinned lifelines
// the label has no room (its tooltip says it).
func (l *Layout) placeAgain(a *Arrow, sx func(lane int) float64, moved taken) *Arrow {
	m := *a
	m.X1 += sx(a.From)
	if a.To >= 0 {
		m.X2 += sx(a.To)
	} else {
		m.X2 += sx(a.From)
	}
	shifted := m.X1 != a.X1 || m.X2 != a.X2
	if sx(a.From) != 0 && (a.To < 0 || sx(a.To) != 0) {
		m.Shown = ""
		return &m
	}
	if !shifted && a.Shown != "" {
		x, y := a.labelAt(a.X2, a.Y2)
		q := turned(x, y, upright(a.angle()), a.LabelDY, a.Shown, fontPx)
		if !moved.hits(q) {
			moved.add(q)
			return a
		}
	} else if !shifted {
		return a
	}
	fixed := l.labelBoxes()
	p := placeLabel(&m, m.X1, m.Y1, m.X2, m.Y2, func(q quad) bool { return !fixed.hits(q) && !moved.hits(q) })
	m.LabelT, m.LabelDY, m.Shown = p.t, p.dy, p.shown
	if p.shown != "" {
		moved.add(p.box)
	}
	return &m
}
