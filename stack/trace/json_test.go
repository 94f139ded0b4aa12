package trace

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// otherEvents has one event of every non-frame kind, with awkward text.
func otherEvents() []Event {
	return []Event{
		{T: 10, Host: "server", Kind: KindSyscall, Call: "accept", FD: 3, Args: "3, …", Ret: 4, Line: 17, Start: 5},
		{T: 11, Host: "client", Kind: KindSyscall, Call: "connect", FD: 3, Args: "3, 10.0.0.2:81", Ret: -1, Errno: "ECONNREFUSED", Line: 9, Start: 2},
		{T: 12, Host: "client", Kind: KindState, FD: 3, From: "SYN_SENT", To: "ESTABLISHED"},
		{T: 13, Host: "server", Kind: KindQueue, FD: 3, SynQ: 1, AcceptQ: 0, Backlog: 5},
		{T: 14, Host: "client", Kind: KindOutput, Text: "a \"quoted\" <tag> & tab\there\nnew line \x01 \xff é\u2028", Stream: "stdout"},
		{T: 15, Host: "client", Kind: KindExit, Status: 0},
		{T: 16, Host: "server", Kind: KindExit, Status: 139, Reason: "Segmentation fault at server.c:14"},
		{T: 17, Host: "server", Kind: KindThread, Pid: 1000, Tid: 1000, Op: "create", Child: 1001, Name: "handle", Line: 42},
		{T: 18, Host: "server", Kind: KindSyscall, Pid: 1000, Tid: 1001, Call: "read", FD: 4, Args: "4, 100", Ret: 6, Line: 30, Start: 17},
		{T: 19, Host: "server", Kind: KindThread, Pid: 1000, Tid: 1001, Op: "exit"},
		{T: 20, Host: "server", Kind: KindExit, Pid: 1000, Status: 0},
	}
}

func TestJSONRoundTrip(t *testing.T) {
	events := append(sampleRecorder().Events(), otherEvents()...)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, events); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(events) {
		t.Fatalf("%d lines for %d events", len(lines), len(events))
	}
	for i, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Errorf("line %d is not valid JSON: %s", i+1, l)
		}
	}
	back, err := ReadJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i := range events {
		want := events[i]
		want.Data = nil
		// Invalid UTF-8 is written as U+FFFD.
		want.Text = strings.ToValidUTF8(want.Text, "\uFFFD")
		if !reflect.DeepEqual(back[i], want) {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, back[i], want)
		}
	}
}

// TestJSONFields pins the exact encoding of each kind (the contract).
func TestJSONFields(t *testing.T) {
	rec := sampleRecorder().Events()
	tests := []struct {
		e    Event
		want string
	}{
		{rec[2], `{"t_ns":3000750,"host":"client","kind":"segment","frame":3,"link":0,"src":"10.0.0.1:40000","dst":"10.0.0.2:80","flags":"S","seq":0,"ack":0,"seq_abs":1000,"ack_abs":0,"len":0,"win":65535,"options":"mss 1460,nop,wscale 7","summary":"10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 0, win 65535, options [mss 1460,nop,wscale 7], length 0","dropped":false}`},
		{rec[4], `{"t_ns":5001250,"host":"client","kind":"segment","frame":5,"link":0,"src":"10.0.0.1:40000","dst":"10.0.0.2:80","flags":".","seq":1,"ack":1,"seq_abs":1001,"ack_abs":5001,"len":0,"win":512,"summary":"10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 512, length 0","dropped":true,"fault":"drop nth=5","to":"server"}`},
		{rec[0], `{"t_ns":1000250,"host":"client","kind":"arp","frame":1,"link":0,"src":"10.0.0.1","dst":"10.0.0.2","op":"request","summary":"ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28","dropped":false}`},
		{rec[12], `{"t_ns":13003250,"host":"router","kind":"icmp","frame":13,"link":0,"src":"10.0.0.254","dst":"10.0.0.1","type":3,"code":0,"summary":"10.0.0.254 > 10.0.0.1: ICMP net 10.0.9.9 unreachable, length 36","dropped":false}`},
		{rec[13], `{"t_ns":14003500,"host":"client","kind":"udp","frame":14,"link":0,"src":"10.0.0.1:5000","dst":"10.0.0.2:53","len":5,"summary":"10.0.0.1.5000 > 10.0.0.2.53: UDP, length 5","dropped":false}`},
		{Event{T: 1, Host: "a", Kind: KindFrame, Frame: 2, Link: 1, Summary: "truncated", Receiver: "b", Arrive: 7}, `{"t_ns":1,"host":"a","kind":"frame","frame":2,"link":1,"summary":"truncated","dropped":false,"arrive_ns":7,"to":"b"}`},
		{otherEvents()[1], `{"t_ns":11,"host":"client","kind":"syscall","call":"connect","fd":3,"args":"3, 10.0.0.2:81","ret":-1,"errno":"ECONNREFUSED","line":9,"start_ns":2}`},
		{otherEvents()[0], `{"t_ns":10,"host":"server","kind":"syscall","call":"accept","fd":3,"args":"3, …","ret":4,"errno":"","line":17,"start_ns":5}`},
		{otherEvents()[2], `{"t_ns":12,"host":"client","kind":"state","fd":3,"from":"SYN_SENT","to":"ESTABLISHED"}`},
		{otherEvents()[3], `{"t_ns":13,"host":"server","kind":"queue","fd":3,"synq":1,"acceptq":0,"backlog":5}`},
		{otherEvents()[4], `{"t_ns":14,"host":"client","kind":"output","text":"a \"quoted\" <tag> & tab\there\nnew line \u0001 \ufffd é\u2028","stream":"stdout"}`},
		{otherEvents()[5], `{"t_ns":15,"host":"client","kind":"exit","status":0}`},
		{otherEvents()[6], `{"t_ns":16,"host":"server","kind":"exit","status":139,"reason":"Segmentation fault at server.c:14"}`},
		{otherEvents()[7], `{"t_ns":17,"host":"server","kind":"thread","pid":1000,"tid":1000,"op":"create","child":1001,"name":"handle","line":42}`},
		{otherEvents()[8], `{"t_ns":18,"host":"server","kind":"syscall","pid":1000,"tid":1001,"call":"read","fd":4,"args":"4, 100","ret":6,"errno":"","line":30,"start_ns":17}`},
		{otherEvents()[9], `{"t_ns":19,"host":"server","kind":"thread","pid":1000,"tid":1001,"op":"exit"}`},
		{otherEvents()[10], `{"t_ns":20,"host":"server","kind":"exit","pid":1000,"status":0}`},
	}
	for i, tc := range tests {
		got, err := tc.e.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("case %d:\n got %s\nwant %s", i, got, tc.want)
		}
		if !json.Valid(got) {
			t.Errorf("case %d: invalid JSON %s", i, got)
		}
	}
}

func TestJSONErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"t_ns":1,"host":"a","kind":"nope"}`, `unknown kind "nope"`},
		{`{"t_ns":1,"host":"a"}`, `missing "kind"`},
		{`{"t_ns":1,"kind":"exit"}`, `missing "host"`},
		{`{"host":"a","kind":"exit"}`, `missing "t_ns"`},
		{`{"t_ns":1,"host":"a","kind":"exit","bogus":1}`, `unknown field "bogus"`},
		{`{"t_ns":1,"host":"a","kind":"arp","op":"maybe"}`, `arp "op" is "maybe"`},
		{`{"t_ns":"x","host":"a","kind":"exit"}`, `t_ns`},
		{`[1]`, `bad event`},
	}
	for _, tc := range tests {
		var e Event
		err := json.Unmarshal([]byte(tc.in), &e)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want it to mention %q", tc.in, err, tc.want)
		}
	}
	if _, err := (Event{Kind: "nope"}).MarshalJSON(); err == nil {
		t.Error("marshal of an unknown kind succeeded")
	}
	if _, err := (Event{Kind: KindARP, Type: 9}).MarshalJSON(); err == nil {
		t.Error("marshal of an arp event with opcode 9 succeeded")
	}
	_, err := ReadJSON(strings.NewReader("{\"t_ns\":1,\"host\":\"a\",\"kind\":\"exit\",\"status\":0}\n\n{oops}\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "line 3:") {
		t.Errorf("ReadJSON error %v, want one naming line 3", err)
	}
}
