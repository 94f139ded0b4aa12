package output

import (
	"fmt"
	"strings"
	"testing"

	"netplay/stack/trace"
)

// write adds text as host's write of trace index i, at time i.
func write(s *Store, i int, host, text string) {
	e := trace.Event{T: int64(i), Host: host, Kind: trace.KindOutput, Stream: "stdout", Pid: 1, Tid: 1, Text: text}
	s.Add(i, &e)
}

// Within the budget the text is the whole output; the console shows its
// first and last writes and counts exactly what lies between.
func TestStoreWhole(t *testing.T) {
	s := New(0)
	var whole strings.Builder
	for i := range 100000 {
		line := fmt.Sprintf("line %d\n", i)
		whole.WriteString(line)
		write(s, 2*i, "a", line)
		if i%1000 == 0 {
			write(s, 2*i+1, "b", "b\n")
		}
	}
	a := s.Host("a")
	if got := a.Text(); got != whole.String() {
		t.Fatalf("a's text is %d bytes, want all %d", len(got), whole.Len())
	}
	if l, b := a.Cut(); l != 0 || b != 0 {
		t.Errorf("cut %d lines %d bytes within the budget", l, b)
	}
	head, fold, tail := a.Console()
	if len(head) != HeadLines || head[0].Text != "line 0\n" || head[HeadLines-1].Index != 2*(HeadLines-1) {
		t.Errorf("head: %d writes, first %+v", len(head), head[0])
	}
	if len(tail) != TailLines || tail[len(tail)-1].Text != "line 99999\n" || tail[0].Text != fmt.Sprintf("line %d\n", 100000-TailLines) {
		t.Errorf("tail: %d writes, last %+v", len(tail), tail[len(tail)-1])
	}
	between := 100000 - HeadLines - TailLines
	if fold.Writes != between || fold.Lines != int64(between) || fold.Index != 2*HeadLines || fold.From != 2*HeadLines ||
		fold.Until != int64(2*(100000-TailLines-1)) || fold.Bytes != int64(len(strings.Join(lines(HeadLines, 100000-TailLines), ""))) {
		t.Errorf("fold %+v", fold)
	}
	if _, fold, _ := s.Host("b").Console(); fold.Writes != 0 || s.Host("b").Text() != strings.Repeat("b\n", 100) {
		t.Errorf("b: fold %+v, text %q", fold, s.Host("b").Text())
	}
	if hosts := s.Hosts(); len(hosts) != 2 || hosts[0].Name() != "a" || hosts[1].Name() != "b" {
		t.Errorf("hosts %v", hosts)
	}
}

// Over the budget the text keeps its head and its most recent part, and
// the line between says exactly how many lines and bytes are missing; the
// memory kept stays within the budget (a block's slack aside).
func TestStoreBudget(t *testing.T) {
	const budget = 1 << 20
	s := New(budget)
	var whole strings.Builder
	const n = 200000
	for i := range n {
		line := fmt.Sprintf("line %d\n", i)
		whole.WriteString(line)
		write(s, i, "a", line)
	}
	a := s.Host("a")
	text := a.Text()
	cutLines, cutBytes := a.Cut()
	before, after, ok := strings.Cut(text, "[netplay: ")
	if !ok {
		t.Fatalf("no cut in %d bytes of text", len(text))
	}
	note, after, _ := strings.Cut(after, "]\n")
	want := fmt.Sprintf("%s lines (%s bytes) of this output were left out here: the run's output is over its budget of 1 MiB", group(cutLines), group(cutBytes))
	if note != want {
		t.Errorf("note %q, want %q", note, want)
	}
	// The head and what is left out and the tail are the whole.
	w := whole.String()
	if !strings.HasPrefix(w, before) || !strings.HasSuffix(w, after) || int64(len(before)+len(after))+cutBytes != int64(len(w)) ||
		int64(strings.Count(before, "\n")+strings.Count(after, "\n"))+cutLines != n {
		t.Errorf("head %d + cut %d + tail %d bytes, want %d", len(before), cutBytes, len(after), len(w))
	}
	if !strings.HasSuffix(text, "line 199999\n") || len(text) > budget+blockSize+200 || len(text) < budget-blockSize {
		t.Errorf("text of %d bytes ends %q", len(text), text[len(text)-20:])
	}
}

func lines(from, to int) []string {
	var s []string
	for i := from; i < to; i++ {
		s = append(s, fmt.Sprintf("line %d\n", i))
	}
	return s
}
