package trace

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// The JSON encoding of an Event is one object whose fields depend on its
// kind (ARCHITECTURE.md, "--json"). Every event has t_ns, host and kind,
// then pid and tid when it names its process and thread (tid absent on an
// event of the whole process).
// Frames (segment, icmp, arp, udp, frame) then have frame, link, their
// kind's fields, summary, dropped (always), and fault, arrive_ns, to when
// set:
//
//	segment: src, dst, flags, seq, ack (relative), seq_abs, ack_abs, len, win, options (when set)
//	icmp:    src, dst, type, code
//	arp:     src, dst, op ("request" or "reply")
//	udp:     src, dst, len
//	frame:   src, dst when known
//	syscall: call, fd, args, ret, ret_text (when the result decodes: F_GETFL's flags), errno ("" when none), line, start_ns,
//	         ready (select, poll, epoll_wait: [{fd, events, by, ev, frame}], by/ev/frame when known)
//	state:   fd, from, to
//	queue:   fd, synq, acceptq, backlog
//	output:  text, stream
//	exit:    status, reason (when set)
//	input:   text, eof (when true)
//	local:   msg, sock, src, dst, path (when set), len, read_ns (once read)
//	cut:     events, bytes, until_ns, reason
//	thread:  op ("create": child, name, line; "exit")
//	fork:    child, fds, line, reason (when refused)
//	signal:  op, sig, then for "send" sender, reason (when set); for
//	         "deliver" action, name (the handler's)
//	action:  do; sig (for "signal"); link (for a link's: host is ""); delay_ns, loss (for "set"); reason (when set)
//
// The raw frame bytes (Event.Data) are not part of the JSON; pcap carries
// them.

var _ json.Marshaler = Event{}
var _ json.Unmarshaler = (*Event)(nil)

// MarshalJSON implements json.Marshaler, writing exactly the fields of the
// event's kind, in a fixed order.
func (e Event) MarshalJSON() ([]byte, error) {
	w := jsonWriter{b: make([]byte, 0, 256)}
	w.b = append(w.b, '{')
	w.int("t_ns", e.T)
	w.str("host", e.Host)
	w.str("kind", string(e.Kind))
	if e.Pid != 0 {
		w.int("pid", int64(e.Pid))
		if e.Tid != 0 {
			w.int("tid", int64(e.Tid))
		}
	}
	switch e.Kind {
	case KindSegment, KindICMP, KindARP, KindUDP, KindFrame:
		w.int("frame", int64(e.Frame))
		w.int("link", int64(e.Link))
		switch e.Kind {
		case KindSegment:
			w.str("src", e.Src)
			w.str("dst", e.Dst)
			w.str("flags", e.Flags)
			w.int("seq", int64(e.Seq))
			w.int("ack", int64(e.Ack))
			w.int("seq_abs", int64(e.SeqAbs))
			w.int("ack_abs", int64(e.AckAbs))
			w.int("len", int64(e.Len))
			w.int("win", int64(e.Win))
			if e.Options != "" {
				w.str("options", e.Options)
			}
		case KindICMP:
			w.str("src", e.Src)
			w.str("dst", e.Dst)
			w.int("type", int64(e.Type))
			w.int("code", int64(e.Code))
		case KindARP:
			op, ok := arpOpNames[e.Type]
			if !ok {
				return nil, fmt.Errorf("trace: arp event with opcode %d (want 1 request or 2 reply)", e.Type)
			}
			w.str("src", e.Src)
			w.str("dst", e.Dst)
			w.str("op", op)
		case KindUDP:
			w.str("src", e.Src)
			w.str("dst", e.Dst)
			w.int("len", int64(e.Len))
		case KindFrame:
			if e.Src != "" || e.Dst != "" {
				w.str("src", e.Src)
				w.str("dst", e.Dst)
			}
		}
		w.str("summary", e.Summary)
		w.bool("dropped", e.Dropped)
		if e.Fault != "" {
			w.str("fault", e.Fault)
		}
		if e.Arrive != 0 || (!e.Dropped && e.Receiver != "") {
			w.int("arrive_ns", e.Arrive)
		}
		if e.Receiver != "" {
			w.str("to", e.Receiver)
		}
	case KindSyscall:
		w.str("call", e.Call)
		w.int("fd", int64(e.FD))
		w.str("args", e.Args)
		w.int("ret", e.Ret)
		if e.RetText != "" {
			w.str("ret_text", e.RetText)
		}
		w.str("errno", e.Errno)
		w.int("line", int64(e.Line))
		if e.File != "" {
			w.str("file", e.File)
		}
		w.int("start_ns", e.Start)
		if len(e.Ready) > 0 {
			w.key("ready")
			w.b = append(w.b, '[')
			for i, r := range e.Ready {
				if i > 0 {
					w.b = append(w.b, ',')
				}
				o := jsonWriter{b: append(w.b, '{')}
				o.int("fd", int64(r.FD))
				o.str("events", r.Events)
				if r.By != "" {
					o.str("by", r.By)
					o.int("ev", int64(r.Ev))
				}
				if r.Frame != 0 {
					o.int("frame", int64(r.Frame))
				}
				w.b = append(o.b, '}')
			}
			w.b = append(w.b, ']')
		}
	case KindState:
		w.int("fd", int64(e.FD))
		w.str("from", e.From)
		w.str("to", e.To)
	case KindQueue:
		w.int("fd", int64(e.FD))
		w.int("synq", int64(e.SynQ))
		w.int("acceptq", int64(e.AcceptQ))
		w.int("backlog", int64(e.Backlog))
	case KindOutput:
		w.str("text", e.Text)
		w.str("stream", e.Stream)
	case KindExit:
		w.int("status", int64(e.Status))
		if e.Reason != "" {
			w.str("reason", e.Reason)
		}
		if e.Zombie {
			w.bool("zombie", true)
		}
	case KindFork:
		w.int("child", int64(e.Child))
		w.key("fds")
		w.b = append(w.b, '[')
		for i, fd := range e.FDs {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.b = strconv.AppendInt(w.b, int64(fd), 10)
		}
		w.b = append(w.b, ']')
		w.int("line", int64(e.Line))
		if e.Reason != "" {
			w.str("reason", e.Reason)
		}
	case KindInput:
		w.str("text", e.Text)
		if e.EOF {
			w.bool("eof", true)
		}
	case KindLocal:
		w.int("msg", int64(e.Frame))
		w.str("sock", e.Sock)
		w.str("src", e.Src)
		w.str("dst", e.Dst)
		if e.Path != "" {
			w.str("path", e.Path)
		}
		w.int("len", int64(e.Len))
		if e.Arrive >= 0 {
			w.int("read_ns", e.Arrive)
		}
	case KindThread:
		w.str("op", e.Op)
		if e.Op == "create" {
			w.int("child", int64(e.Child))
			w.str("name", e.Name)
			w.int("line", int64(e.Line))
		}
	case KindSignal:
		w.str("op", e.Op)
		w.str("sig", e.Signal)
		if e.Op == "send" {
			w.int("sender", int64(e.Sender))
			if e.Reason != "" {
				w.str("reason", e.Reason)
			}
		} else {
			w.str("action", e.Action)
			if e.Name != "" {
				w.str("name", e.Name)
			}
		}
	case KindAction:
		w.str("do", e.Do)
		if e.Signal != "" {
			w.str("sig", e.Signal)
		}
		if e.Host == "" {
			w.int("link", int64(e.Link))
		}
		if e.Do == "set" {
			w.int("delay_ns", e.Delay)
			w.float("loss", e.Loss)
		}
		if e.Reason != "" {
			w.str("reason", e.Reason)
		}
	case KindCut:
		w.int("events", int64(e.CutEvents))
		w.int("bytes", e.CutBytes)
		w.int("until_ns", e.Until)
		w.str("reason", e.Reason)
	default:
		return nil, fmt.Errorf("trace: cannot encode event of unknown kind %q", e.Kind)
	}
	w.b = append(w.b, '}')
	return w.b, nil
}

var arpOpNames = map[int]string{1: "request", 2: "reply"}

// jsonEvent is the union of every kind's JSON fields, for decoding.
type jsonEvent struct {
	T       *int64  `json:"t_ns"`
	Host    *string `json:"host"`
	Kind    *Kind   `json:"kind"`
	Pid     int     `json:"pid"`
	Tid     int     `json:"tid"`
	Child   int     `json:"child"`
	Name    string  `json:"name"`
	Sig     string  `json:"sig"`
	Sender  int     `json:"sender"`
	Action  string  `json:"action"`
	Zombie  bool    `json:"zombie"`
	FDs     []int   `json:"fds"`
	Frame   int     `json:"frame"`
	Link    int     `json:"link"`
	Src     string  `json:"src"`
	Dst     string  `json:"dst"`
	Flags   string  `json:"flags"`
	Seq     uint32  `json:"seq"`
	Ack     uint32  `json:"ack"`
	SeqAbs  uint32  `json:"seq_abs"`
	AckAbs  uint32  `json:"ack_abs"`
	Len     int     `json:"len"`
	Win     int     `json:"win"`
	Options string  `json:"options"`
	Type    int     `json:"type"`
	Code    int     `json:"code"`
	Op      string  `json:"op"`
	Summary string  `json:"summary"`
	Dropped bool    `json:"dropped"`
	Fault   string  `json:"fault"`
	Arrive  int64   `json:"arrive_ns"`
	To      string  `json:"to"` // receiver (frames) or new state (state)
	Call    string  `json:"call"`
	FD      int     `json:"fd"`
	Args    string  `json:"args"`
	Ret     int64   `json:"ret"`
	RetText string  `json:"ret_text"`
	Errno   string  `json:"errno"`
	Line    int     `json:"line"`
	File    string  `json:"file"`
	Start   int64   `json:"start_ns"`
	Ready   []struct {
		FD     int    `json:"fd"`
		Events string `json:"events"`
		By     string `json:"by"`
		Ev     *int   `json:"ev"`
		Frame  int    `json:"frame"`
	} `json:"ready"`
	From    string  `json:"from"`
	SynQ    int     `json:"synq"`
	AcceptQ int     `json:"acceptq"`
	Backlog int     `json:"backlog"`
	Text    string  `json:"text"`
	Stream  string  `json:"stream"`
	Status  int     `json:"status"`
	Reason  string  `json:"reason"`
	EOF     bool    `json:"eof"`
	Msg     int     `json:"msg"`
	Sock    string  `json:"sock"`
	Path    string  `json:"path"`
	Read    *int64  `json:"read_ns"`
	Events  int     `json:"events"`
	Bytes   int64   `json:"bytes"`
	Until   int64   `json:"until_ns"`
	Do      string  `json:"do"`
	Delay   int64   `json:"delay_ns"`
	Loss    float64 `json:"loss"`
}

// UnmarshalJSON implements json.Unmarshaler for the encoding MarshalJSON
// writes. Unknown fields, an unknown kind or a missing t_ns/host/kind are
// errors. Data stays nil.
func (e *Event) UnmarshalJSON(b []byte) error {
	var j jsonEvent
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return fmt.Errorf("trace: bad event: %w", err)
	}
	switch {
	case j.T == nil:
		return errors.New(`trace: bad event: missing "t_ns"`)
	case j.Host == nil:
		return errors.New(`trace: bad event: missing "host"`)
	case j.Kind == nil:
		return errors.New(`trace: bad event: missing "kind"`)
	}
	out := Event{T: *j.T, Host: *j.Host, Kind: *j.Kind, Pid: j.Pid, Tid: j.Tid}
	switch out.Kind {
	case KindSegment, KindICMP, KindARP, KindUDP, KindFrame:
		out.Frame, out.Link, out.Src, out.Dst = j.Frame, j.Link, j.Src, j.Dst
		out.Summary, out.Dropped, out.Fault, out.Arrive, out.Receiver = j.Summary, j.Dropped, j.Fault, j.Arrive, j.To
		switch out.Kind {
		case KindSegment:
			out.Flags, out.Seq, out.Ack, out.SeqAbs, out.AckAbs = j.Flags, j.Seq, j.Ack, j.SeqAbs, j.AckAbs
			out.Len, out.Win, out.Options = j.Len, j.Win, j.Options
		case KindICMP:
			out.Type, out.Code = j.Type, j.Code
		case KindARP:
			switch j.Op {
			case "request":
				out.Type = 1
			case "reply":
				out.Type = 2
			default:
				return fmt.Errorf(`trace: bad event: arp "op" is %q, want "request" or "reply"`, j.Op)
			}
		case KindUDP:
			out.Len = j.Len
		}
	case KindSyscall:
		out.Call, out.FD, out.Args, out.Ret, out.RetText, out.Errno, out.Line, out.Start = j.Call, j.FD, j.Args, j.Ret, j.RetText, j.Errno, j.Line, j.Start
		out.File = j.File
		for _, r := range j.Ready {
			ev := -1
			if r.Ev != nil {
				ev = *r.Ev
			}
			out.Ready = append(out.Ready, Ready{FD: r.FD, Events: r.Events, By: r.By, Ev: ev, Frame: r.Frame})
		}
	case KindState:
		out.FD, out.From, out.To = j.FD, j.From, j.To
	case KindQueue:
		out.FD, out.SynQ, out.AcceptQ, out.Backlog = j.FD, j.SynQ, j.AcceptQ, j.Backlog
	case KindOutput:
		out.Text, out.Stream = j.Text, j.Stream
	case KindExit:
		out.Status, out.Reason, out.Zombie = j.Status, j.Reason, j.Zombie
	case KindFork:
		out.Child, out.FDs, out.Line, out.Reason = j.Child, j.FDs, j.Line, j.Reason
	case KindInput:
		out.Text, out.EOF = j.Text, j.EOF
	case KindLocal:
		out.Frame, out.Sock, out.Src, out.Dst, out.Path, out.Len, out.Arrive = j.Msg, j.Sock, j.Src, j.Dst, j.Path, j.Len, -1
		if j.Read != nil {
			out.Arrive = *j.Read
		}
	case KindThread:
		out.Op, out.Child, out.Name, out.Line = j.Op, j.Child, j.Name, j.Line
	case KindSignal:
		out.Op, out.Signal, out.Sender, out.Reason, out.Action, out.Name = j.Op, j.Sig, j.Sender, j.Reason, j.Action, j.Name
	case KindCut:
		out.CutEvents, out.CutBytes, out.Until, out.Reason = j.Events, j.Bytes, j.Until, j.Reason
	case KindAction:
		out.Do, out.Signal, out.Link, out.Delay, out.Loss, out.Reason = j.Do, j.Sig, j.Link, j.Delay, j.Loss, j.Reason
	default:
		return fmt.Errorf("trace: bad event: unknown kind %q", out.Kind)
	}
	*e = out
	return nil
}

// WriteJSON writes events as JSON Lines: one object per line.
func WriteJSON(w io.Writer, events []Event) error {
	bw := bufio.NewWriter(w)
	for i := range events {
		b, err := events[i].MarshalJSON()
		if err != nil {
			return fmt.Errorf("event %d: %w", i+1, err)
		}
		bw.Write(b)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// ReadJSON reads JSON Lines written by WriteJSON. Blank lines are skipped;
// an error names the line.
func ReadJSON(r io.Reader) ([]Event, error) {
	br := bufio.NewReader(r)
	var events []Event
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var e Event
			if uerr := e.UnmarshalJSON(line); uerr != nil {
				return events, fmt.Errorf("line %d: %w", n, uerr)
			}
			events = append(events, e)
		}
		if err == io.EOF {
			return events, nil
		}
		if err != nil {
			return events, err
		}
	}
}

// jsonWriter appends the members of one JSON object.
type jsonWriter struct {
	b []byte
	n int
}

func (w *jsonWriter) key(k string) {
	if w.n > 0 {
		w.b = append(w.b, ',')
	}
	w.n++
	w.b = appendJSONString(w.b, k)
	w.b = append(w.b, ':')
}

func (w *jsonWriter) str(k, v string) {
	w.key(k)
	w.b = appendJSONString(w.b, v)
}

func (w *jsonWriter) int(k string, v int64) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, v, 10)
}

// float writes v as encoding/json does: the shortest form that reads back
// as v.
func (w *jsonWriter) float(k string, v float64) {
	w.key(k)
	w.b = strconv.AppendFloat(w.b, v, 'g', -1, 64)
}

func (w *jsonWriter) bool(k string, v bool) {
	w.key(k)
	w.b = strconv.AppendBool(w.b, v)
}

// appendJSONString appends s as a JSON string. Unlike encoding/json it
// leaves <, > and & alone (the output is not for HTML), and it writes
// invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029': // valid JSON, but breaks JavaScript line parsing
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
