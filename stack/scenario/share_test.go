package scenario

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"reflect"
	"strings"
	"testing"
)

func TestCanonicalAndID(t *testing.T) {
	a, err := Parse([]byte(example))
	if err != nil {
		t.Fatal(err)
	}
	// Same scenario, different whitespace and field order.
	compact := `{"hosts":[{"addrs":["10.0.0.2/24"],"name":"server","program":"#include \u003cstdio.h>\nint main(void){return 0;}\n"},` +
		`{"name":"client","addrs":["10.0.0.1/24"],"program":"int main(void){return 0;}","start":"10ms","args":["10.0.0.2","12345"]},` +
		`{"name":"router","addrs":["10.0.0.254/24","10.0.1.254/24"],"forward":true}],` +
		`"version":1,"title":"Three-way handshake","seed":1,"limit":"5m",` +
		`"links":[{"hosts":["client","server","router"],"delay":"1ms","loss":0}],` +
		`"routes":[{"host":"client","to":"0.0.0.0/0","via":"10.0.0.254"}],"faults":[{"drop":{"nth":3}}]}`
	b, err := Parse([]byte(compact))
	if err != nil {
		t.Fatal(err)
	}
	ca, err := a.Canonical()
	if err != nil {
		t.Fatal(err)
	}
	cb, _ := b.Canonical()
	if !bytes.Equal(ca, cb) {
		t.Fatalf("canonical forms differ:\n%s\n%s", ca, cb)
	}
	if !bytes.Contains(ca, []byte("#include <stdio.h>")) {
		t.Errorf("canonical JSON escapes '<': %s", ca)
	}
	if bytes.HasSuffix(ca, []byte("\n")) {
		t.Error("canonical JSON ends with a newline")
	}
	id := ID(ca)
	if len(id) != IDLen || !ValidID(id) || ID(cb) != id {
		t.Errorf("ID = %q (valid %v), ID(b) = %q", id, ValidID(id), ID(cb))
	}
	b.Title = "Another title"
	cb, _ = b.Canonical()
	if ID(cb) == id {
		t.Error("different scenarios have the same id")
	}
	// Known value, so the id rule cannot drift silently: SHA-256("") starts
	// with e3b0c44298fc1c14.
	if got, want := ID(nil), base62Of(0xe3b0c44298fc1c14); got != want {
		t.Errorf("ID(\"\") = %q, want %q", got, want)
	}
}

// base62Of is a straightforward reference for ID's encoding.
func base62Of(n uint64) string {
	s := ""
	for n > 0 {
		s = string(base62[n%62]) + s
		n /= 62
	}
	return strings.Repeat("0", IDLen-len(s)) + s
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"0000000000a": true,
		"LygHa16AHYF": true, // 2^64-1
		"LygHa16AHYG": false,
		"zzzzzzzzzzz": false,
		"abc":         false,
		"0000000000-": false,
		"0000000000é": false,
		"":            false,
	} {
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
	if maxID != "LygHa16AHYF" {
		t.Errorf("maxID = %q", maxID)
	}
}

func TestFragmentRoundTrip(t *testing.T) {
	for _, in := range []string{example, doc("", ""), `{"version":1,"hosts":[{"name":"solo"}],"text":{"zh":"三次握手"}}`} {
		s, err := Parse([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		frag, err := EncodeFragment(s)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(frag, "+/=") {
			t.Errorf("fragment %q is not unpadded base64url", frag)
		}
		for _, f := range []string{frag, FragmentPrefix + frag, "s=" + frag} {
			got, err := DecodeFragment(f)
			if err != nil {
				t.Fatalf("DecodeFragment(%q): %v", f, err)
			}
			if !reflect.DeepEqual(got, s) {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, s)
			}
		}
	}
	// The fragment is raw DEFLATE of the canonical JSON, nothing else.
	s, _ := Parse([]byte(example))
	frag, _ := EncodeFragment(s)
	z, _ := base64.RawURLEncoding.DecodeString(frag)
	var out bytes.Buffer
	out.ReadFrom(flate.NewReader(bytes.NewReader(z)))
	c, _ := s.Canonical()
	if !bytes.Equal(out.Bytes(), c) {
		t.Errorf("fragment inflates to %s, want the canonical JSON", out.Bytes())
	}
}

func deflate(t testing.TB, data []byte) string {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestSpeed)
	w.Write(data)
	w.Close()
	return base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

func TestFragmentErrors(t *testing.T) {
	s, _ := Parse([]byte(example))
	good, _ := EncodeFragment(s)
	v2 := strings.Replace(doc("", ""), `"version":1`, `"version":2`, 1)
	bomb := deflate(t, bytes.Repeat([]byte(" "), 10*MaxSize)) // ~100 bytes of fragment, 640 KiB inflated
	if len(bomb) > 2000 {
		t.Fatalf("bomb fragment is %d characters", len(bomb))
	}
	// A flipped bit inside the compressed stream.
	z, _ := base64.RawURLEncoding.DecodeString(good)
	z[len(z)/2] ^= 0x55
	tampered := base64.RawURLEncoding.EncodeToString(z)

	for _, tc := range []struct{ name, frag, want string }{
		{"empty", "#s=", "empty"},
		{"truncated", good[:len(good)/2], "cut off"},
		{"truncated by one", good[:len(good)-1], "cut off"},
		{"bad char", good[:10] + "*" + good[11:], "character 11 is not base64url"},
		{"tampered", tampered, "share link:"},
		{"trailing bytes", base64.RawURLEncoding.EncodeToString(append(append([]byte{}, z...), 1, 2, 3)), "share link:"},
		{"other version", deflate(t, []byte(v2)), "version: 2 is not supported"},
		{"invalid scenario", deflate(t, []byte(`{"version":1,"hots":[]}`)), `unknown field "hots"`},
		{"zip bomb", bomb, "larger than 65536 bytes"},
		{"too long", strings.Repeat("A", maxFragment+1), "too long"},
	} {
		got, err := DecodeFragment(tc.frag)
		if err == nil {
			t.Errorf("%s: DecodeFragment succeeded: %+v", tc.name, got)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "share link: ") {
			t.Errorf("%s: error %q, want it to contain %q", tc.name, err, tc.want)
		}
	}
	// A valid fragment with trailing bytes must be refused, not ignored.
	zt := append(append([]byte{}, func() []byte { b, _ := base64.RawURLEncoding.DecodeString(good); return b }()...), 0)
	if _, err := DecodeFragment(base64.RawURLEncoding.EncodeToString(zt)); err == nil || !strings.Contains(err.Error(), "after the compressed scenario") {
		t.Errorf("trailing byte: %v", err)
	}
	if _, err := EncodeFragment(&Scenario{Version: 3}); err == nil {
		t.Error("EncodeFragment of an invalid scenario succeeded")
	}
}

func FuzzDecodeFragment(f *testing.F) {
	s, _ := Parse([]byte(example))
	good, _ := EncodeFragment(s)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add("#s=" + deflate(f, []byte(`{"version":1,"hosts":[{"name":"a"}]}`)))
	f.Add(deflate(f, bytes.Repeat([]byte("a"), MaxSize+10)))
	f.Add("")
	f.Fuzz(func(t *testing.T, frag string) {
		s, err := DecodeFragment(frag)
		if err != nil {
			if s != nil {
				t.Fatal("scenario and error")
			}
			return
		}
		again, err := EncodeFragment(s)
		if err != nil {
			t.Fatalf("EncodeFragment of a decoded scenario: %v", err)
		}
		s2, err := DecodeFragment(again)
		if err != nil || !reflect.DeepEqual(s, s2) {
			t.Fatalf("re-encoded fragment: %v", err)
		}
	})
}
