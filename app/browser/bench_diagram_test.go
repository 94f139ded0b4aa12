package browser

import (
	"fmt"
	"testing"
	"time"
)

// scrollProbe scrolls the diagram from top to bottom as a drag of the
// scrollbar does, in 50 jumps, each waiting until the page has drawn the
// stretch on screen (the diagram's data-top/data-bottom cover it), and
// resolves with the milliseconds the whole scroll took and the number of
// jumps. A jump drawn in the frame it was made in costs one frame.
const scrollProbe = `new Promise(resolve => {
	const pane = document.querySelector('#np-diagram');
	const wrap = pane.querySelector('.np-diagram-wrap');
	const svg = pane.querySelector('svg.np-diagram:not(.np-diagram-head)');
	const z = Number(svg.getAttribute('width')) / svg.viewBox.baseVal.width;
	const h = pane.clientHeight;
	let steps = 0;
	const t0 = performance.now();
	const drawn = () => Number(wrap.dataset.top) <= pane.scrollTop / z && Number(wrap.dataset.bottom) >= (pane.scrollTop + h) / z;
	const step = () => {
		if (!drawn()) { requestAnimationFrame(step); return; }
		if (pane.scrollTop + h >= pane.scrollHeight - 1) { resolve([performance.now() - t0, steps]); return; }
		pane.scrollTop = Math.min(pane.scrollHeight, pane.scrollTop + Math.max(h, (pane.scrollHeight - h) / 50));
		steps++;
		// The scroll event comes before the next frame's callbacks: the
		// page draws there, and step sees whether it has.
		requestAnimationFrame(step);
	};
	step();
})`

// TestBenchDiagram measures diagram_100k_events_scroll_ms: a program that
// makes 100,000 events (a 6.3 MB transfer read 63 bytes at a time), every
// row shown (folding off), scrolled from top to bottom in 50 jumps (a
// scrollbar dragged), each drawn before the next. The trace the engine keeps is
// bounded (trace.DefaultBudget): the rows kept are logged.
func TestBenchDiagram(t *testing.T) {
	benchOn(t)
	ctx := newBrowser(t)
	openScenarioPath(t, ctx, "app/diagram/testdata/transfer6m.json")
	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-run")
	waitFor(t, ctx, 10*time.Minute, "the run", fmt.Sprintf(`%s > %d`, runsDone, before))
	setChecked(t, ctx, "#np-fold", false)
	waitFor(t, ctx, 60*time.Second, "every row", `document.querySelector('#np-diagram .np-rowfold') === null && document.querySelector('#np-diagram .np-diagram-wrap') !== null`)
	status := text(t, ctx, "#np-status")
	rows := eval[string](t, ctx, `document.querySelector('#np-scrub').max`)
	var times []float64
	for i := 0; i < benchRuns; i++ {
		eval[bool](t, ctx, `(() => { document.querySelector('#np-diagram').scrollTop = 0; return true })()`)
		nextFrames(t, ctx)
		r := evalAwait[[]float64](t, ctx, scrollProbe)
		times = append(times, r[0])
		t.Logf("full scroll %d: %.0f ms, %.0f screens", i, r[0], r[1])
	}
	t.Logf("%s; %s rows", status, rows)
	fmt.Printf("BENCH diagram_100k_events_scroll_ms %.0f ms\n", median(times))
}
