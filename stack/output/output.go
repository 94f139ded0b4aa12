// Package output collects what each host's programs print, as the run
// goes: the whole of it for the console's download, within a run-wide
// budget, and the few writes a console shows (its head and its tail), so
// that neither needs a walk over the trace at the end of a run. The
// trace keeps its own copy of every write within its own budget
// (trace.DefaultBudget); the two are apart, and a trace is the same with
// or without a store.
package output

import (
	"fmt"
	"strings"
	"sync"

	"netplay/stack/trace"
)

// DefaultBudget is how many bytes of output a Store keeps for all the
// run's hosts together unless told otherwise: each host's first writes
// while the run's output fits half of it, then the most recent writes
// within the other half, with one line between saying exactly how much
// was left out (docs/limits.md).
const DefaultBudget = 32 << 20

// What a console shows of a host's output: its first and its last writes
// (whole writes), within these bounds each. What lies between is folded
// into a count (Fold).
const (
	HeadLines = 200
	TailLines = 200
	HeadBytes = 16 << 10
	TailBytes = 16 << 10
)

// blockSize is the size of the blocks a host's text is kept in: a long
// output never copies itself to grow, and the budget lets the oldest go
// a block at a time.
const blockSize = 64 << 10

// Write is one write of a host's program as the trace recorded it: the
// fields of its output event, and the event's index (trace.Recorder.Add).
type Write struct {
	Index    int
	T        int64
	Stream   string
	Pid, Tid int
	Text     string
	lines    int // in Text
}

// Event is w as the trace's output event of host.
func (w *Write) Event(host string) trace.Event {
	return trace.Event{T: w.T, Host: host, Kind: trace.KindOutput, Stream: w.Stream, Pid: w.Pid, Tid: w.Tid, Text: w.Text}
}

// Fold is what a console leaves out of a host's output, between its head
// and its tail: Writes writes of Lines lines and Bytes bytes, from the
// write of trace index Index at time From to the one at Until. Writes is
// 0 when the console shows it all.
type Fold struct {
	Writes      int
	Pid         int // the first write's
	Lines       int64
	Bytes       int64
	Index       int
	From, Until int64
}

// Store is the output of a run's hosts. It is safe for concurrent use.
type Store struct {
	mu        sync.Mutex
	budget    int
	headBytes int  // bytes in the hosts' heads, together
	full      bool // the heads are full: new text goes to the tails
	tail      []*block
	tailBytes int
	hosts     map[string]*Host
	order     []*Host
}

// New returns an empty Store that keeps at most about budget bytes of
// output (0: DefaultBudget).
func New(budget int) *Store {
	if budget <= 0 {
		budget = DefaultBudget
	}
	return &Store{budget: budget, hosts: map[string]*Host{}}
}

// Budget is how many bytes of output s keeps at most.
func (s *Store) Budget() int { return s.budget }

// Host is one host's output.
type Host struct {
	name   string
	budget int // the store's
	// The text: head while the run's output fits its half of the budget,
	// then tail, whose oldest blocks the budget lets go (cut counts them).
	head, tail         []*block
	cutLines, cutBytes int64
	// The console's view: the first writes (while they fit), the last
	// ones, and what lies between.
	first               []Write
	firstLines, firstBy int
	firstDone           bool
	last                []Write
	lastLines, lastBy   int
	fold                Fold
}

type block struct {
	h     *Host
	data  []byte
	lines int
}

// Add records e, an output event the trace recorded as its event index.
func (s *Store) Add(index int, e *trace.Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hosts[e.Host]
	if h == nil {
		h = &Host{name: e.Host, budget: s.budget}
		s.hosts[e.Host] = h
		s.order = append(s.order, h)
	}
	lines := strings.Count(e.Text, "\n")
	s.addText(h, e.Text, lines)

	w := Write{Index: index, T: e.T, Stream: e.Stream, Pid: e.Pid, Tid: e.Tid, Text: e.Text, lines: lines}
	if !h.firstDone {
		if h.firstLines+lines <= HeadLines && h.firstBy+len(e.Text) <= HeadBytes {
			h.first = append(h.first, w)
			h.firstLines += lines
			h.firstBy += len(e.Text)
			return
		}
		h.firstDone = true
	}
	h.last = append(h.last, w)
	h.lastLines += lines
	h.lastBy += len(e.Text)
	for h.lastLines > TailLines || h.lastBy > TailBytes {
		old := &h.last[0]
		n := old.lines
		if h.fold.Writes == 0 {
			h.fold.Index, h.fold.From, h.fold.Pid = old.Index, old.T, old.Pid
		}
		h.fold.Writes++
		h.fold.Lines += int64(n)
		h.fold.Bytes += int64(len(old.Text))
		h.fold.Until = old.T
		h.lastLines -= n
		h.lastBy -= len(old.Text)
		h.last[0] = Write{}
		h.last = h.last[1:]
	}
}

// addText keeps text in h's head or tail, within the budget.
func (s *Store) addText(h *Host, text string, lines int) {
	blocks := &h.head
	if s.full {
		blocks = &h.tail
	}
	var b *block
	if n := len(*blocks); n > 0 && len((*blocks)[n-1].data)+len(text) <= cap((*blocks)[n-1].data) {
		b = (*blocks)[n-1]
	} else {
		b = &block{h: h, data: make([]byte, 0, max(blockSize, len(text)))}
		*blocks = append(*blocks, b)
		if s.full {
			s.tail = append(s.tail, b)
		}
	}
	b.data = append(b.data, text...)
	b.lines += lines
	if !s.full {
		s.headBytes += len(text)
		s.full = s.headBytes >= s.budget/2
		return
	}
	s.tailBytes += len(text)
	for s.tailBytes > s.budget-s.budget/2 && len(s.tail) > 1 {
		old := s.tail[0]
		s.tail[0] = nil
		s.tail = s.tail[1:]
		s.tailBytes -= len(old.data)
		o := old.h
		o.cutLines += int64(old.lines)
		o.cutBytes += int64(len(old.data))
		o.tail[0] = nil
		o.tail = o.tail[1:] // a host's tail blocks go oldest first, as the run's do
	}
}

// Gap notes in the text of every host that wrote so far that part of
// the run is missing there, for reason (a store made from a trace whose
// budget left events out).
func (s *Store) Gap(reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range s.order {
		s.addText(h, "\n[netplay: "+reason+"]\n", 2)
	}
}

// Hosts are the hosts that wrote, in the order they first did.
func (s *Store) Hosts() []*Host {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Host(nil), s.order...)
}

// Host is the output of the host named name, nil when it wrote nothing.
func (s *Store) Host(name string) *Host {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hosts[name]
}

// Name is the host's name.
func (h *Host) Name() string { return h.name }

// Console is what a console shows of the host's output: its first writes,
// what lies between (fold.Writes 0: nothing), its last writes.
func (h *Host) Console() (head []Write, fold Fold, tail []Write) {
	return h.first, h.fold, h.last
}

// Cut is how much of the host's output the run's budget left out of its
// text (Text): lines and bytes.
func (h *Host) Cut() (lines, bytes int64) { return h.cutLines, h.cutBytes }

// Text is the host's whole output as it was written (stdout and stderr in
// order); when the run's output went over the budget, one line where the cut is says how much is missing there.
func (h *Host) Text() string {
	var b strings.Builder
	size := 0
	for _, bl := range h.head {
		size += len(bl.data)
	}
	for _, bl := range h.tail {
		size += len(bl.data)
	}
	b.Grow(size + 200)
	for _, bl := range h.head {
		b.Write(bl.data)
	}
	if h.cutBytes > 0 {
		if s := b.String(); s != "" && !strings.HasSuffix(s, "\n") {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "[netplay: %s lines (%s bytes) of this output were left out here: the run's output is over its budget of %s]\n",
			group(h.cutLines), group(h.cutBytes), trace.ByteCount(int64(h.budget)))
	}
	for _, bl := range h.tail {
		b.Write(bl.data)
	}
	return b.String()
}

// group writes n with thousands separators: 198,000.
func group(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
