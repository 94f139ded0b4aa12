package diagram

import "math"

// Placing the arrows' labels so that none is written over another label,
// a call's, state's, exit's or spawn's text, a mark (an exit's dot, a
// dropped frame's ✕) or a break's "✂" line. Two frames with the same
// geometry (a segment and its retransmission, frames sent at the same
// instant, the SYN and the call text beside the lifeline it leaves) would
// otherwise stack their labels in one place. A label tries, in order,
// points along its arrow (the middle first) above it, then below it, then
// one text line higher; the first free place wins. When none is free it is
// cut ("SYN,ACK seq=0 a…") where the most of it fits; when not even a few
// letters fit it is left out. The whole label stays in the arrow's tooltip
// and aria-label. Deterministic (arrows in order, each against what is
// already placed), and cheap: each label looks at the texts of the rows
// it crosses only.

// Where a label's baseline sits, across its arrow (in the label's own
// turned frame): above, below, and one line higher.
var labelDY = []float64{-5, 13, -18}

// labelT are the points tried along an arrow, the middle first.
var labelT = []float64{0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78}

// minKept is the fewest letters a cut label keeps (before its "…").
const minKept = 3

// Font sizes of the diagram's texts (app.css).
const (
	fontPx     = 12.0 // labels, calls, exits, spawns
	tickFontPx = 11.0 // state changes
)

// box is an axis-aligned rectangle, in SVG units.
type box struct{ x1, y1, x2, y2 float64 }

// quad is a convex quadrilateral: a text's box turned with its text.
type quad [4][2]float64

func rect(x1, y1, x2, y2 float64) quad {
	return quad{{x1, y1}, {x2, y1}, {x2, y2}, {x1, y2}}
}

func (q quad) bounds() box {
	b := box{q[0][0], q[0][1], q[0][0], q[0][1]}
	for _, p := range q[1:] {
		b.x1, b.y1, b.x2, b.y2 = min(b.x1, p[0]), min(b.y1, p[1]), max(b.x2, p[0]), max(b.y2, p[1])
	}
	return b
}

// hits reports whether q and o overlap (more than touch), by separating
// axes: two convex shapes are apart when, along one of their edges'
// normals, their shadows do not meet.
func (q quad) hits(o quad) bool {
	for _, s := range [2]quad{q, o} {
		for i := range 2 {
			nx, ny := s[i+1][1]-s[i][1], s[i][0]-s[i+1][0]
			alo, ahi := q.shadow(nx, ny)
			blo, bhi := o.shadow(nx, ny)
			if ahi <= blo+1e-6 || bhi <= alo+1e-6 {
				return false
			}
		}
	}
	return true
}

func (q quad) shadow(nx, ny float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range q {
		v := p[0]*nx + p[1]*ny
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

// textW is the width of s in the diagram's monospace font at px: 0.6 em
// a letter, a whole em for what the font lacks (arrows, CJK), which the
// browser takes from a wider one.
func textW(s string, px float64) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x2100 {
			w += 0.6 * px
		} else {
			w += px
		}
	}
	return w
}

// textBox is the box of s written from x on baseline y at px (text-anchor
// start): its letters' height, ascenders to descenders.
func textBox(x, y float64, s string, px float64) quad {
	return rect(x, y-0.75*px, x+textW(s, px), y+0.25*px)
}

// turned is the box of s at px centred on (cx, cy) and turned deg degrees
// about it, its baseline dy across (text-anchor middle, as labels are).
func turned(cx, cy, deg, dy float64, s string, px float64) quad {
	w := textW(s, px) / 2
	c, sn := math.Cos(deg*math.Pi/180), math.Sin(deg*math.Pi/180)
	var q quad
	for i, p := range [4][2]float64{{-w, dy - 0.75*px}, {w, dy - 0.75*px}, {w, dy + 0.25*px}, {-w, dy + 0.25*px}} {
		q[i] = [2]float64{cx + p[0]*c - p[1]*sn, cy + p[0]*sn + p[1]*c}
	}
	return q
}

// taken indexes placed boxes by the row bands they cross.
type taken map[int][]quad

func (tk taken) add(q quad) {
	b := q.bounds()
	for k := int(b.y1 / RowH); k <= int(b.y2/RowH); k++ {
		tk[k] = append(tk[k], q)
	}
}

func (tk taken) hits(q quad) bool {
	b := q.bounds()
	for k := int(b.y1 / RowH); k <= int(b.y2/RowH); k++ {
		for _, o := range tk[k] {
			if q.hits(o) {
				return true
			}
		}
	}
	return false
}

// fixedBoxes are the boxes of everything on the diagram but the arrows'
// labels: the texts beside the lifelines, the marks, the breaks' cuts.
// The labels make room for them.
func (l *Layout) fixedBoxes(yield func(q quad)) {
	text := func(lane int, y float64, s string, px float64) {
		if s != "" && !l.Lanes[lane].Collapsed {
			yield(textBox(l.Lanes[lane].TextX(), y+4, s, px))
		}
	}
	dot := func(x, y, r float64) { yield(rect(x-r, y-r, x+r, y+r)) }
	for i := range l.Calls {
		c := &l.Calls[i]
		start, end := l.callTexts(c)
		text(c.Lane, c.Y1, start, fontPx)
		text(c.Lane, c.Y2, end, fontPx)
		if l.Lanes[c.Lane].Collapsed {
			dot(c.X-8, c.Y2, 3)
		}
	}
	for _, t := range l.Ticks {
		text(t.Lane, t.Y, t.Text, tickFontPx)
	}
	for _, m := range l.Marks {
		dot(m.X, m.Y, 4)
		text(m.Lane, m.Y, m.Text, fontPx)
	}
	for _, s := range l.Spawns {
		dot(s.X1, s.Y, 2.5)
		// Drawn whatever the lane's width.
		yield(textBox(l.Lanes[s.Lane].TextX(), s.Y+4, s.Text, fontPx))
	}
	for _, a := range l.Arrows {
		if a.Dropped || a.QueueFull != "" {
			// The ✕ where it ends: 16 px bold, centred.
			yield(rect(a.X2-7, a.Y2+5-12, a.X2+7, a.Y2+5+2))
		}
	}
	for _, br := range l.Breaks {
		if br.Cut != "" {
			yield(textBox(FirstLaneX+10, br.Y+4, "✂ "+br.Cut, fontPx))
		}
	}
}

// placeLabels sets each arrow's LabelT, LabelDY and Shown.
func (l *Layout) placeLabels() {
	tk := taken{}
	l.fixedBoxes(tk.add)
	for i := range l.Arrows {
		a := &l.Arrows[i]
		p := placeLabel(a, a.X1, a.Y1, a.X2, a.Y2, func(q quad) bool { return !tk.hits(q) })
		a.LabelT, a.LabelDY, a.Shown = p.t, p.dy, p.shown
		if p.shown != "" {
			tk.add(p.box)
		}
	}
}

// placed is where a label goes: at t along its arrow, its baseline dy
// across, the text shown and its box.
type placed struct {
	t, dy float64
	shown string
	box   quad
}

// placeLabel finds a place for a's label on the arrow drawn from x1,y1
// to x2,y2, where free says a box is: the first of the places tried
// where it is whole, else where the most of it fits cut with "…", else
// none (shown "").
func placeLabel(a *Arrow, x1, y1, x2, y2 float64, free func(quad) bool) placed {
	whole := a.Text()
	none := placed{t: 0.5, dy: labelDY[0]}
	dx, dy := x2-x1, y2-y1
	if math.Hypot(dx, dy) == 0 {
		return none
	}
	deg := upright(math.Atan2(dy, dx) * 180 / math.Pi)
	lo, hi := min(x1, x2), max(x1, x2)
	// at is the label's box with text s at point t, offset o; ok when it
	// is free and, off the middle, between the arrow's ends (not over the
	// time axis or past the other lifeline).
	at := func(t, o float64, s string) (quad, bool) {
		q := turned(x1+t*dx, y1+t*dy, deg, o, s, fontPx)
		if b := q.bounds(); t != 0.5 && (b.x1 < lo-4 || b.x2 > hi+4) || b.x1 < TimeWidth {
			return q, false
		}
		return q, free(q)
	}
	for _, o := range labelDY {
		for _, t := range labelT {
			if q, ok := at(t, o, whole); ok {
				return placed{t, o, whole, q}
			}
		}
	}
	// Nowhere whole: cut it where the most of it fits.
	runes := []rune(whole)
	best, p := 0, none
	for _, o := range labelDY {
		for _, t := range labelT {
			// The longest prefix that fits (a shorter one fits too).
			n, m := max(best, minKept-1), len(runes)-1
			for n < m {
				k := (n + m + 1) / 2
				if _, ok := at(t, o, string(runes[:k])+"…"); ok {
					n = k
				} else {
					m = k - 1
				}
			}
			if n > best {
				if q, ok := at(t, o, string(runes[:n])+"…"); ok {
					best, p = n, placed{t, o, string(runes[:n]) + "…", q}
				}
			}
		}
	}
	return p
}

// labelBoxes is what a label drawn elsewhere than it was placed (its
// arrow leaves or reaches a pinned lifeline, pins.go) must keep off: the
// fixed boxes and the labels as placed. Made at the first such draw.
func (l *Layout) labelBoxes() taken {
	if l.labelIx != nil {
		return l.labelIx
	}
	tk := taken{}
	l.fixedBoxes(tk.add)
	for i := range l.Arrows {
		a := &l.Arrows[i]
		if a.Shown != "" {
			x, y := a.labelAt(a.X2, a.Y2)
			tk.add(turned(x, y, upright(a.angle()), a.LabelDY, a.Shown, fontPx))
		}
	}
	l.labelIx = tk
	return tk
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
