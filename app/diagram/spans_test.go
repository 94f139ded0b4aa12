package diagram

import "testing"

// TestSpansDrawAsScan: a window drawn through the spans index is the same
// SVG as one drawn looking at every shape, folded and not, with a step's
// cut and a selection.
func TestSpansDrawAsScan(t *testing.T) {
	events := runFile(t, "testdata/transfer200k.json")
	for _, noFold := range []bool{false, true} {
		opt := fixtureOpts
		opt.NoFold = noFold
		l := Compute(events, opt)
		scan := Compute(events, opt)
		scan.ix = &index{rows: spans{whole: true}, arrows: spans{whole: true}, calls: spans{whole: true}, ticks: spans{whole: true},
			marks: spans{whole: true}, folds: spans{whole: true}, breaks: spans{whole: true}}
		ix := l.spans()
		if ix.rows.whole || ix.arrows.whole || ix.calls.whole {
			t.Errorf("noFold %v: rows, arrows or calls not indexed: %v %v %v", noFold, ix.rows.whole, ix.arrows.whole, ix.calls.whole)
		}
		for k := 0; ; k++ {
			top, bottom := Window(k, 400, 1)
			if top > l.Height {
				break
			}
			for _, d := range []Draw{
				{Selected: -1, Upto: -1, Top: top, Bottom: bottom},
				{Selected: 40, Upto: len(l.Rows) / 2, Dim: k%2 == 0, Top: top, Bottom: bottom},
			} {
				if a, b := l.SVG(d, len(events)), scan.SVG(d, len(events)); a != b {
					t.Fatalf("noFold %v, window %d (%.0f..%.0f): the index draws %d bytes, a scan %d", noFold, k, top, bottom, len(a), len(b))
				}
			}
		}
	}
}
