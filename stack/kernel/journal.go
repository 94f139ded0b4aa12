package kernel

import "netplay/stack/vnet"

// The system calls of a process that may fork are journaled (see
// vnet.Journal): each records its results, and the bytes it wrote into
// the caller's buffers; a forked child replaying its parent gets them back
// without the call reaching anything (no descriptor changes, no trace, no
// frame, no time passing).

// journal returns the journal of the task's process when it keeps one,
// with the call's safe point, and the results the parent's call returned
// when a forked child replays it (rec nil otherwise).
func (t *Task) journal(call string) (j *vnet.Journal, at uint64, rec any) {
	jn := t.th.Journal()
	if jn == nil {
		return nil, 0, nil
	}
	at = jn.Begin(call)
	if jn.Replaying() {
		return jn, at, jn.Replay(t.th, call, at)
	}
	return jn, at, nil
}

// saved copies what a call wrote into bufs, for the journal.
func saved(bufs ...[]byte) [][]byte {
	out := make([][]byte, len(bufs))
	for i, b := range bufs {
		out[i] = append([]byte(nil), b...)
	}
	return out
}

// restore writes back into bufs what the parent's call wrote into its.
func restore(from [][]byte, bufs ...[]byte) {
	for i, b := range from {
		copy(bufs[i], b)
	}
}

// saveSets copies select's sets as the call rewrote them.
func saveSets(r, w, e *FdSet) [3]FdSet {
	var out [3]FdSet
	for i, s := range []*FdSet{r, w, e} {
		if s != nil {
			out[i] = *s
		}
	}
	return out
}

// restoreSets rewrites select's sets as the parent's call did.
func restoreSets(from [3]FdSet, r, w, e *FdSet) {
	for i, s := range []*FdSet{r, w, e} {
		if s != nil {
			*s = from[i]
		}
	}
}
