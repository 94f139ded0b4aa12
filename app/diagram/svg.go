package diagram

import (
	"fmt"
	"html"
	"strings"
	"unicode/utf8"
)

// Draw controls what SVG highlights. The zero value draws everything with
// nothing selected.
type Draw struct {
	Selected int // event index of the selected shape; -1 for none
	Upto     int // last row shown while stepping; -1 shows all rows
	// Dim draws the rows after Upto too, under a veil, instead of leaving
	// them out (the scrubber moved by a click on a shape).
	Dim      bool
	Line     int // source line to highlight (with LineHost); 0 for none
	LineHost string
	// Top and Bottom are the stretch of the diagram drawn (SVG units):
	// shapes wholly outside it are left out, so a trace of 100,000 events
	// costs what is on screen. Bottom 0 draws everything.
	Top, Bottom float64
	// Zoom scales the drawing (0 or 1: 100%).
	Zoom float64
	// Left and Right are what is in view sideways (SVG units): the
	// lifelines in play outside it are drawn at its edges (pins.go).
	// Right 0: none moves.
	Left, Right float64
}

// All is Draw with nothing selected and every row shown.
var All = Draw{Selected: -1, Upto: -1}

var arrowClasses = []string{ClassSYN, ClassACK, ClassData, ClassFIN, ClassRST, ClassICMP, ClassARP, ClassUDP, ClassOther}

// SVG renders l as one <svg> element. Every shape that stands for an event
// carries data-ev (the event index) so a click can be mapped back; calls
// also carry data-line (their source line). The last SVG is kept: a
// render that changes nothing in the diagram draws nothing.
func (l *Layout) SVG(d Draw, events int) string {
	if l.svg != "" && l.svgDraw == d && l.svgN == events {
		return l.svg
	}
	l.svg, l.svgDraw, l.svgN = l.drawSVG(d, events), d, events
	return l.svg
}

func (l *Layout) drawSVG(d Draw, events int) string {
	var b strings.Builder
	f := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	esc := html.EscapeString
	shown := func(row int) bool { return d.Upto < 0 || d.Dim || row <= d.Upto }
	// in reports whether a shape spanning y1..y2 (either order) touches
	// the drawn stretch, with a row's room for its text.
	in := func(y1, y2 float64) bool {
		if d.Bottom <= 0 {
			return true
		}
		if y1 > y2 {
			y1, y2 = y2, y1
		}
		return y2 >= d.Top-RowH && y1 <= d.Bottom+RowH
	}

	z := d.Zoom
	if z <= 0 {
		z = 1
	}
	f(`<svg xmlns="http://www.w3.org/2000/svg" class="np-diagram" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-label="sequence diagram">`,
		l.Width*z, l.Height*z, l.Width, l.Height)
	b.WriteString(`<defs>`)
	for _, c := range arrowClasses {
		f(`<marker id="np-ah-%s" class="np-ah np-%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z"/></marker>`, c, c)
	}
	b.WriteString(`</defs>`)

	ix := l.spans()
	dx := l.pins(d, ix)
	// sx is how far a lane's shapes are drawn from their place; a pinned
	// lane is drawn narrow.
	sx := func(lane int) float64 {
		if dx == nil || lane < 0 || lane >= len(dx) {
			return 0
		}
		return dx[lane]
	}
	narrow := func(lane int) bool { return l.Lanes[lane].Collapsed || sx(lane) != 0 }
	shift := func(lane int) string {
		if v := sx(lane); v != 0 {
			return fmt.Sprintf(` transform="translate(%.1f,0)"`, v)
		}
		return ""
	}
	caused := l.causedBy(d)
	hl := func(lane, row int) string {
		for _, r := range caused[lane] {
			if row >= r[0] && row <= r[1] {
				return " np-hl"
			}
		}
		return ""
	}

	// Time axis and grid.
	b.WriteString(`<g class="np-axis">`)
	lo, hi := ix.rows.between(d.Top, d.Bottom, len(l.Rows))
	for i := lo; i < hi; i++ {
		r := &l.Rows[i]
		if r.Label == "" || !shown(i) || !in(r.Y, r.Y) {
			continue
		}
		f(`<line class="np-grid" x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f"/>`, TimeWidth-4, l.Width, r.Y, r.Y)
		f(`<text class="np-time" x="%.0f" y="%.1f">%s</text>`, TimeWidth-8, r.Y+4, r.Label)
	}
	b.WriteString(`</g>`)

	// Lifelines with their hosts.
	end := HeaderH + float64(len(l.Rows))*RowH
	pinned := 0
	for i, ln := range l.Lanes {
		cls, addrs, nameY := "np-lane", ln.Addrs, 18.0
		if ln.Collapsed {
			cls, addrs = "np-lane np-collapsed", ""
		}
		if sx(i) != 0 {
			cls, addrs, nameY = cls+" np-pinned", "", pinnedNameY(pinned)
			pinned++
		}
		f(`<g class="%s" data-lane="%s" tabindex="0" role="button" aria-expanded="%v"%s><text class="np-host" x="%.1f" y="%.0f">%s</text><text class="np-addr" x="%.1f" y="34">%s</text><title>%s</title>`,
			cls, esc(ln.Host), !ln.Collapsed, shift(i), ln.X, nameY, esc(ln.Host), ln.X, esc(addrs), esc(word(l.Lang, map[bool]string{true: "lane.widen", false: "lane.narrow"}[ln.Collapsed], ln.Host, ln.Addrs)))
		if sx(i) == 0 {
			b.WriteString(l.laneMoves(i))
		}
		f(`<line class="np-life" x1="%.1f" x2="%.1f" y1="%.0f" y2="%.1f"/></g>`, ln.X, ln.X, HeaderH-6, end)
	}

	// Folds: a bracket in the gutter left of the first lifeline, its
	// toggle at the top.
	lo, hi = ix.folds.between(d.Top, d.Bottom, len(l.Folds))
	for _, fd := range l.Folds[lo:hi] {
		y1, y2 := l.Rows[fd.Row1].Y-RowH/2+2, l.Rows[fd.Row2].Y+RowH/2-2
		if !shown(fd.Row1) || !in(y1, y2) {
			continue
		}
		cls, sign := "np-rowfold", "+"
		title := word(l.Lang, "fold.closed", Count(fd.Items), TimeLabel(fd.T1), TimeLabel(fd.T2))
		if !fd.Folded {
			cls, sign = "np-rowfold np-unfolded", "−"
			title = word(l.Lang, "fold.open", Count(fd.Items), TimeLabel(fd.T1), TimeLabel(fd.T2))
		}
		if fd.Folded {
			f(`<rect class="np-rowfold-bg" x="%.0f" y="%.1f" width="%.0f" height="%.1f"/>`, TimeWidth-4, y1, l.Width-TimeWidth+4, y2-y1)
		}
		gx := TimeWidth + 14
		f(`<g class="%s" data-fold="%d" tabindex="0" role="button" aria-expanded="%v"><path d="M%.1f,%.1fh-5v%.1fh5"/><rect x="%.1f" y="%.1f" width="14" height="14" rx="2"/><text x="%.1f" y="%.1f">%s</text><title>%s</title></g>`,
			cls, fd.Key, !fd.Folded, gx+8, y1, y2-y1, gx-2, y1, gx+5, y1+11, sign, esc(title))
	}

	// State bands and ticks.
	for _, bd := range l.Bands {
		if !shown(bd.Row1) || !in(bd.Y1, bd.Y2) {
			continue
		}
		y2 := bd.Y2
		if d.Upto >= 0 && bd.Row2 > d.Upto {
			y2 = l.rowY(d.Upto) + RowH/2
		}
		f(`<rect class="np-band np-st-%s" x="%.1f" y="%.1f" width="%.0f" height="%.1f"><title>fd %d %s</title></rect>`,
			esc(bd.State), bd.X+sx(bd.Lane), bd.Y1, BandW, max(y2-bd.Y1, 1), bd.FD, esc(bd.State))
	}
	lo, hi = ix.ticks.between(d.Top, d.Bottom, len(l.Ticks))
	for _, t := range l.Ticks[lo:hi] {
		if !shown(t.Row) || !in(t.Y, t.Y) {
			continue
		}
		if narrow(t.Lane) {
			f(`<g class="np-tick%s%s" data-ev="%d"%s><line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/><title>%s</title></g>`,
				sel(d, t.Event), hl(t.Lane, t.Row), t.Event, shift(t.Lane), t.X-3, t.X+BandW+3, t.Y, t.Y, esc(t.Text))
			continue
		}
		f(`<g class="np-tick%s%s" data-ev="%d"><line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/><text x="%.1f" y="%.1f">%s</text></g>`,
			sel(d, t.Event), hl(t.Lane, t.Row), t.Event, t.X-3, t.X+BandW+3, t.Y, t.Y, l.Lanes[t.Lane].TextX(), t.Y+4, esc(t.Text))
	}

	// Processes and threads, forks, readiness links (tasks.go).
	l.drawTasks(&b, d, shown, shift)

	// Socket calls.
	lo, hi = ix.calls.between(d.Top, d.Bottom, len(l.Calls))
	for k := lo; k < hi; k++ {
		c := &l.Calls[k]
		if !shown(c.Row1) || !in(c.Y1, c.Y2) {
			continue
		}
		start, end := l.callTexts(c)
		tx := l.Lanes[c.Lane].TextX()
		cls := "np-call"
		if c.Err {
			cls += " np-err"
		}
		if d.Line > 0 && c.Line == d.Line && l.Lanes[c.Lane].Host == d.LineHost {
			cls += " np-hl"
		}
		f(`<g class="%s%s" data-ev="%d" data-line="%d" tabindex="0"%s>`, cls, sel(d, c.Event), c.Event, c.Line, shift(c.Lane))
		if narrow(c.Lane) {
			// A dot where it returned; the text in its tooltip.
			if c.Blocking {
				f(`<path class="np-bracket" d="M%.1f,%.1fh-6v%.1fh6"/>`, c.X-4, c.Y1, c.Y2-c.Y1)
			}
			times := ""
			if c.Count > 1 {
				times = " ×" + Count(c.Count)
			}
			f(`<circle class="np-dot" cx="%.1f" cy="%.1f" r="3"/><title>%s%s</title></g>`, c.X-8, c.Y2, esc(c.Text), times)
			continue
		}
		if c.Blocking {
			y2 := c.Y2
			returned := shown(c.Row2)
			if !returned {
				y2 = l.rowY(d.Upto) + RowH/2
			}
			if c.OnTask {
				// On a task's line: the line itself thickens while the
				// call blocks (a bracket would cross the next line).
				f(`<path class="np-bracket np-ontask" d="M%.1f,%.1fv%.1f"/>`, c.X, c.Y1, max(y2-c.Y1, 2))
			} else {
				f(`<path class="np-bracket" d="M%.1f,%.1fh-6v%.1fh6"/>`, c.X-4, c.Y1, y2-c.Y1)
			}
			f(`<text x="%.1f" y="%.1f">%s</text>`, tx, c.Y1+4, esc(start))
			if returned {
				f(`<text x="%.1f" y="%.1f">%s</text>`, tx, c.Y2+4, esc(end))
			}
		} else {
			f(`<text x="%.1f" y="%.1f">%s</text>`, tx, c.Y1+4, esc(end))
		}
		if c.Line > 0 {
			f(`<title>%s</title>`, word(l.Lang, "line", c.Line))
		}
		b.WriteString(`</g>`)
	}

	// Exits.
	lo, hi = ix.marks.between(d.Top, d.Bottom, len(l.Marks))
	for _, m := range l.Marks[lo:hi] {
		if !shown(m.Row) || !in(m.Y, m.Y) {
			continue
		}
		cls := "np-exit"
		if m.Class != "" {
			cls = m.Class
		}
		if m.Err {
			cls += " np-err"
		}
		if narrow(m.Lane) {
			f(`<g class="%s%s" data-ev="%d"%s><circle cx="%.1f" cy="%.1f" r="4"/><title>%s</title></g>`, cls, sel(d, m.Event), m.Event, shift(m.Lane), m.X, m.Y, esc(m.Text))
			continue
		}
		f(`<g class="%s%s" data-ev="%d"><circle cx="%.1f" cy="%.1f" r="4"/><text x="%.1f" y="%.1f">%s</text></g>`,
			cls, sel(d, m.Event), m.Event, m.X, m.Y, l.Lanes[m.Lane].TextX(), m.Y+4, esc(m.Text))
	}

	// Frames last, so they sit on top.
	var moved taken // with pinned lifelines, what was drawn elsewhere than laid out
	if dx != nil {
		moved = l.pinnedBoxes(d, ix, sx)
	}
	lo, hi = ix.arrows.between(d.Top, d.Bottom, len(l.Arrows))
	for k := lo; k < hi; k++ {
		a := &l.Arrows[k]
		if !shown(a.SendRow) || !in(a.Y1, a.Y2) {
			continue
		}
		if dx != nil {
			a = l.placeAgain(a, sx, moved)
		}
		x2, y2 := a.X2, a.Y2
		inFlight := d.Upto >= 0 && a.EndRow > d.Upto && !a.Dropped
		if inFlight {
			// Still on the wire at the current step: stop where it is now.
			yNow := l.rowY(d.Upto) + RowH/2
			frac := (yNow - a.Y1) / (a.Y2 - a.Y1)
			x2, y2 = a.X1+(a.X2-a.X1)*frac, yNow
		}
		cls := "np-arrow np-" + a.Class + hl(a.From, a.SendRow)
		if a.Dropped {
			cls += " np-dropped"
		}
		if a.Retrans {
			cls += " np-retrans"
		} else if a.Expert != "" {
			cls += " np-dupack"
		}
		if a.QueueFull != "" {
			cls += " np-qfull"
		}
		label := a.Text()
		f(`<g class="%s%s" data-ev="%d" data-frame="%d" tabindex="0" role="button" aria-label="%s">`, cls, sel(d, a.Event), a.Event, a.Frame, esc(label))
		f(`<line class="np-hit" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, a.X1, a.Y1, x2, y2)
		marker := ""
		if !a.Dropped && !inFlight {
			marker = fmt.Sprintf(` marker-end="url(#np-ah-%s)"`, a.Class)
		}
		f(`<line class="np-wire" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"%s/>`, a.X1, a.Y1, x2, y2, marker)
		if a.Dropped || a.QueueFull != "" && !inFlight {
			f(`<text class="np-x" x="%.1f" y="%.1f">✕</text>`, x2, y2+5)
		}
		mx, my := a.labelAt(a.X2, a.Y2)
		if a.Dropped {
			mx, my = a.labelAt(x2, y2)
		}
		if a.Shown != "" {
			// (A label cut short or left out where others crowd it,
			// labels.go: the tooltip says it whole.)
			f(`<text class="np-label" transform="translate(%.1f,%.1f) rotate(%.1f)" y="%.0f">%s</text>`, mx, my, upright(a.angle()), a.LabelDY, esc(a.Shown))
		}
		title := word(l.Lang, "frame", a.Frame, label)
		if a.Dropped {
			if a.Fault != "" {
				title += word(l.Lang, "dropped.by", a.Fault)
			} else {
				title += word(l.Lang, "dropped")
			}
		}
		if a.QueueFull != "" {
			title += word(l.Lang, "queue.full", l.Lanes[max(a.To, 0)].Host, a.QueueFull)
		}
		f(`<title>%s</title></g>`, esc(title))
	}

	lo, hi = ix.breaks.between(d.Top, d.Bottom, len(l.Breaks))
	l.drawBreaks(&b, l.Breaks[lo:hi], in, sx)

	if d.Dim && d.Upto >= 0 && d.Upto < len(l.Rows)-1 {
		y := l.rowY(d.Upto) + RowH/2
		f(`<rect class="np-later" x="0" y="%.1f" width="%.0f" height="%.1f"/>`, y, l.Width, l.Height-y)
	}
	if d.Upto >= 0 && d.Upto < len(l.Rows) {
		f(`<line class="np-now" x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f"/>`, TimeWidth-4, l.Width, l.rowY(d.Upto)+RowH/2, l.rowY(d.Upto)+RowH/2)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// causedBy returns, per lane, the row ranges of what the calls on d's
// highlighted source line caused: the rows from a call's start to its
// return, and the rows right after it at the same virtual time up to the
// lane's next call (a close() sends its FIN then).
func (l *Layout) causedBy(d Draw) map[int][][2]int {
	if d.Line <= 0 {
		return nil
	}
	out := map[int][][2]int{}
	for ci, c := range l.Calls {
		if c.Line != d.Line || l.Lanes[c.Lane].Host != d.LineHost {
			continue
		}
		end := c.Row2
		next := len(l.Rows)
		for _, c2 := range l.Calls[ci+1:] {
			if c2.Lane == c.Lane {
				next = c2.Row1
				break
			}
		}
		for end+1 < next && end+1 < len(l.Rows) && l.Rows[end+1].T == l.Rows[c.Row2].T {
			end++
		}
		out[c.Lane] = append(out[c.Lane], [2]int{c.Row1, end})
	}
	return out
}

// HeaderSVG renders the lanes' host names and addresses alone, as tall as
// the diagram's own header, where d draws them (its zoom, its pinned
// lifelines): the page keeps it stuck to the top of the scrolling
// diagram, so a long trace still says whose lifeline is whose.
func (l *Layout) HeaderSVG(d Draw) string {
	if d.Zoom <= 0 {
		d.Zoom = 1
	}
	if l.head == "" || l.headDraw != d {
		l.head, l.headDraw = l.drawHeaderSVG(d), d
	}
	return l.head
}

func (l *Layout) drawHeaderSVG(d Draw) string {
	var b strings.Builder
	esc := html.EscapeString
	z := d.Zoom
	dx := l.pins(d, l.spans())
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="np-diagram np-diagram-head" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" aria-hidden="true">`,
		l.Width*z, (HeaderH-6)*z, l.Width, HeaderH-6)
	pinned := 0
	for i, ln := range l.Lanes {
		addrs := ln.Addrs
		if ln.Collapsed {
			addrs = ""
		}
		if dx != nil && dx[i] != 0 {
			// Pinned at an edge among others: the name alone.
			fmt.Fprintf(&b, `<g class="np-lane np-pinned" data-lane="%s" transform="translate(%.1f,0)"><text class="np-host" x="%.1f" y="%.0f">%s</text></g>`,
				esc(ln.Host), dx[i], ln.X, pinnedNameY(pinned), esc(ln.Host))
			pinned++
			continue
		}
		fmt.Fprintf(&b, `<g class="np-lane" data-lane="%s"><text class="np-host" x="%.1f" y="18">%s</text><text class="np-addr" x="%.1f" y="34">%s</text>%s</g>`,
			esc(ln.Host), ln.X, esc(ln.Host), ln.X, esc(addrs), l.laneMoves(i))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// laneMoves draws the arrows beside lane i's name that move its lifeline
// one place left or right (none at the ends).
func (l *Layout) laneMoves(i int) string {
	ln := &l.Lanes[i]
	half := float64(utf8.RuneCountInString(ln.Host))*4.3 + 6 // half the name's width at 14 px bold
	if ln.Collapsed {
		half = float64(utf8.RuneCountInString(ln.Host))*3.7 + 4
	}
	var b strings.Builder
	move := func(dir int, x float64, sign, key string) {
		fmt.Fprintf(&b, `<g class="np-lane-move" data-move="%s" data-dir="%d" tabindex="0" role="button"><rect x="%.1f" y="5" width="14" height="16" rx="3"/><text x="%.1f" y="17">%s</text><title>%s</title></g>`,
			html.EscapeString(ln.Host), dir, x-7, x, sign, html.EscapeString(word(l.Lang, key, ln.Host)))
	}
	if i > 0 {
		move(-1, ln.X-half-8, "◂", "lane.left")
	}
	if i < len(l.Lanes)-1 {
		move(1, ln.X+half+8, "▸", "lane.right")
	}
	return b.String()
}

// upright turns an angle so that text along it reads left to right.
func upright(deg float64) float64 {
	if deg > 90 {
		return deg - 180
	}
	if deg < -90 {
		return deg + 180
	}
	return deg
}

func (l *Layout) rowY(r int) float64 {
	if r < 0 {
		return HeaderH - RowH/2
	}
	if r >= len(l.Rows) {
		r = len(l.Rows) - 1
	}
	return l.Rows[r].Y
}

func sel(d Draw, ev int) string {
	if d.Selected >= 0 && d.Selected == ev {
		return " np-sel"
	}
	return ""
}

// callTexts are what c's lifeline says of it: when it blocks, its start
// ("▸ accept(3, …)") and its return ("◂ accept(3, 10.0.0.1:40000) = 4");
// otherwise the call alone, as end (start is ""). A fold's count follows
// the return.
func (l *Layout) callTexts(c *Call) (start, end string) {
	times := ""
	if c.Count > 1 {
		times = " ×" + Count(c.Count)
	}
	if !c.Blocking {
		return "", c.Text + times
	}
	who := "" // the task that made the call, "[1000/1001] "
	if c.Who != "" {
		who = c.Who + " "
	}
	return "▸ " + who + c.Name + "(" + startArgs(c.Name, argsOf(strings.TrimPrefix(c.Text, who), c.Name)) + ")", "◂ " + c.Text + times
}

// argsOf takes "name(args) = ret" apart to give args.
// startArgs is what a blocking call's arguments were when it was made:
// accept's peer address is what it returns, not known yet.
func startArgs(name, args string) string {
	if name == "accept" || name == "accept4" {
		if fd, _, ok := strings.Cut(args, ", "); ok {
			return fd + ", …"
		}
	}
	return args
}

func argsOf(text, name string) string {
	s := strings.TrimPrefix(text, name+"(")
	if i := strings.LastIndex(s, ") = "); i >= 0 {
		return s[:i]
	}
	return s
}

// drawBreaks draws each break in time across the diagram: the lifelines
// cut by a zigzag and the time that passed written on the axis.
func (l *Layout) drawBreaks(b *strings.Builder, breaks []Break, in func(y1, y2 float64) bool, sx func(lane int) float64) {
	for _, br := range breaks {
		if !in(br.Y, br.Y) {
			continue
		}
		y0, y1 := br.Y-BreakH/2+2, br.Y+BreakH/2-2
		fmt.Fprintf(b, `<g class="np-break"><rect x="%.0f" y="%.1f" width="%.0f" height="%.1f"/>`, TimeWidth-4, y0, l.Width-TimeWidth+4, y1-y0)
		for i, ln := range l.Lanes {
			x := ln.X + sx(i)
			fmt.Fprintf(b, `<path d="M%.1f,%.1fl6,-3M%.1f,%.1fl6,-3"/>`, x-3, y0+1.5, x-3, y1+1.5)
		}
		if br.Cut != "" {
			fmt.Fprintf(b, `<text class="np-cut" x="%.0f" y="%.1f">✂ %s</text></g>`, FirstLaneX+10, br.Y+4, html.EscapeString(br.Cut))
			continue
		}
		fmt.Fprintf(b, `<text class="np-time" x="%.0f" y="%.1f">+%s</text><title>%s</title></g>`,
			TimeWidth-8, br.Y+4, gapText(br.Gap), word(l.Lang, "gap", TimeLabel(br.Gap)))
	}
}

// gapText says a gap briefly: "+1 s", "+250 ms", "+2.5 s".
func gapText(ns int64) string {
	switch {
	case ns%1e9 == 0:
		return fmt.Sprintf("%d s", ns/1e9)
	case ns >= 1e9:
		return fmt.Sprintf("%.1f s", float64(ns)/1e9)
	}
	return fmt.Sprintf("%d ms", ns/1e6)
}

// Count writes n with thousands separators: "3,000".
func Count(n int) string {
	s := itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Text is the arrow's label: Wireshark's expert note first, as its Info
// column puts it ("[TCP Retransmission] SYN seq=0"), and how many frames
// it stands for in a fold.
func (a *Arrow) Text() string {
	s := a.Label
	if a.Expert != "" {
		s = "[" + a.Expert + "] " + s
	}
	if a.QueueFull != "" {
		s += " ✕ " + a.QueueFull
	}
	if a.Count > 1 {
		s += " ×" + Count(a.Count)
	}
	return s
}
