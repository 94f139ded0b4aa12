package diagram

import "math"

// Placing the arrows' labels: a label sits on its arrow where it covers
// the least of the texts already there (the calls', states' and exits'
// texts beside each lifeline, and the labels placed before it), so that
// "SYN seq=0" is not written over "connect(3, …)". The candidates are
// points along the arrow; the middle wins a tie.

// box is a rectangle of text, in SVG units.
type box struct{ x1, y1, x2, y2 float64 }

func (b box) overlap(o box) float64 {
	w := min(b.x2, o.x2) - max(b.x1, o.x1)
	h := min(b.y2, o.y2) - max(b.y1, o.y1)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// textBoxes indexes boxes by the row band they cross.
type textBoxes map[int][]box

func (tb textBoxes) add(b box) {
	for k := int(b.y1 / RowH); k <= int(b.y2/RowH); k++ {
		tb[k] = append(tb[k], b)
	}
}

func (tb textBoxes) cover(b box) float64 {
	sum := 0.0
	for k := int(b.y1 / RowH); k <= int(b.y2/RowH); k++ {
		for _, o := range tb[k] {
			sum += b.overlap(o)
		}
	}
	return sum
}

// labelT are the points tried along an arrow, the middle first.
var labelT = []float64{0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78}

// placeLabels sets each arrow's LabelT.
func (l *Layout) placeLabels() {
	tb := textBoxes{}
	line := func(x, y float64, text string) {
		tb.add(box{x, y - 9, x + float64(len([]rune(text)))*CharW, y + 5})
	}
	for _, c := range l.Calls {
		if l.Lanes[c.Lane].Collapsed {
			continue
		}
		tx := l.Lanes[c.Lane].TextX()
		line(tx, c.Y2, "◂ "+c.Text)
		if c.Blocking {
			line(tx, c.Y1, "▸ "+c.Name+"(…)")
		}
	}
	for _, t := range l.Ticks {
		if !l.Lanes[t.Lane].Collapsed {
			line(l.Lanes[t.Lane].TextX(), t.Y, t.Text)
		}
	}
	for _, m := range l.Marks {
		if !l.Lanes[m.Lane].Collapsed {
			line(l.Lanes[m.Lane].TextX(), m.Y, m.Text)
		}
	}
	for i := range l.Arrows {
		a := &l.Arrows[i]
		a.LabelT = 0.5
		w := float64(len([]rune(a.Text())))*CharW*0.92 + 4
		dx, dy := a.X2-a.X1, a.Y2-a.Y1
		n := math.Hypot(dx, dy)
		if n == 0 || a.To < 0 {
			continue
		}
		ux, uy := dx/n, dy/n
		// The label's text runs along the arrow, 5 units above it: a row
		// of squares as high as the text stands for it.
		squares := func(t float64) []box {
			cx, cy := a.X1+t*dx+uy*10, a.Y1+t*dy-ux*10
			var bs []box
			for s := -w / 2; s < w/2; s += 12 {
				x, y := cx+ux*(s+6), cy+uy*(s+6)
				bs = append(bs, box{x - 6, y - 7, x + 6, y + 7})
			}
			return bs
		}
		lo, hi := min(a.X1, a.X2), max(a.X1, a.X2)
		var best []box
		bestCover := math.Inf(1)
		for _, t := range labelT {
			// Stay between the arrow's ends (not over the time axis or
			// beyond the other lifeline).
			if cx := a.X1 + t*dx; t != 0.5 && (cx-w/2*math.Abs(ux) < lo-4 || cx+w/2*math.Abs(ux) > hi+4) {
				continue
			}
			bs := squares(t)
			c := 0.0
			for _, b := range bs {
				c += tb.cover(b)
			}
			if c < bestCover-1 {
				best, bestCover, a.LabelT = bs, c, t
			}
		}
		for _, b := range best {
			tb.add(b)
		}
	}
}

// labelAt is the point of a along it at LabelT (0.5 when unset), as far
// as it is drawn (x2, y2: a dropped frame ends halfway).
func (a *Arrow) labelAt(x2, y2 float64) (float64, float64) {
	t := a.LabelT
	if t == 0 {
		t = 0.5
	}
	return a.X1 + t*(x2-a.X1), a.Y1 + t*(y2-a.Y1)
}
