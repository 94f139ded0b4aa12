package diagram

// Lifelines in play stay on screen when the diagram scrolls sideways: a
// lifeline that has a shape in the drawn stretch (a frame sent or
// received, a call, a state change, a mark) and has been scrolled out of
// view to the left is drawn at the left edge instead, narrow (its texts
// left to the tooltips), so the frames between it and the lifelines in
// view still end on a line, as a spreadsheet keeps its frozen columns.
// (Lifelines right of the view come into it as it scrolls on; a diagram
// not scrolled sideways is drawn as laid out.)

// Geometry of pinned lifelines: how far in from the edge of the view the
// first one stands, and how far apart they stack.
const (
	PinInset = 30.0
	PinGap   = 44.0
)

// pins returns, for each lane, how far it is drawn from its place (SVG
// units) for the view d.Left..d.Right; nil when nothing moves (the view
// is not known, or no lifeline in play is left of it).
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
	var before []int
	for i, ln := range l.Lanes {
		if play[i] && ln.X < d.Left+PinInset {
			before = append(before, i)
		}
	}
	if len(before) == 0 {
		return nil
	}
	dx := make([]float64, len(l.Lanes))
	// In their order, from the edge of the view inwards.
	for k, i := range before {
		dx[i] = d.Left + PinInset + float64(k)*PinGap - l.Lanes[i].X
	}
	return dx
}
