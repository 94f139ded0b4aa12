package scenario

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"os"
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
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(data)
	w.Close()
	return base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

func TestFragmentErrors(t *testing.T) {
	s, _ := Parse([]byte(example))
	good, _ := EncodeFragment(s)
	v2 := strings.Replace(doc("", ""), `"version":1`, `"version":2`, 1)
	bomb := deflate(t, bytes.Repeat([]byte(" "), 2*MaxSize)) // ~2.8 KB of fragment, 2 MiB inflated
	if len(bomb) > 2*MaxSize/500 {
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
		{"zip bomb", bomb, "larger than 1048576 bytes"},
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

// oldFragment and oldID are third-ack-lost's share link and short-link id
// as netplay made them before scenarios had files (testdata/v1-old.json).
// Links handed out then must open the same scenario, with the same id.
const (
	oldID       = "264wy4R7qMg"
	oldFragment = "1Fj_TxzHFf9XXqeqvYe2wBE7P5xDpKtNVJSUWECrRr7TaW537m7E3uxpZg5MLCTqUBkIGDeNG5sQ17h2kzoOOJFaX2xS_y_x7h78xL9Qzczu3heDU6r0hxwSdzf75s3n83lv3pu5K2iWcEF9hnJZG0kqPYJyKDs8CNM1ArJGuQv5828DFeD5Qtoga4SBiyVGNpLkskS5K4gwlEN5qOCmJ8HlfkMoM3A8Spg8LaBCuZDQaHKifGkfsWshSQP8ih6pYeaKGp4hYH2_dTNjQ7kpe_04PmPEkVYGalgA9jjB7jxwIpucERcwc4FKEIS5AmrE83zAEnzmEMUGSw0bBKnWCZNw6eJgERzMOSUGrqJZ8XAV5qis6RGB6wSwMwOsWS8TboPwzTjhs_qrpJ4HlMHUexOlybHzv7NB4hkiFApsnNapEJRVO0rmDCXDhPoMysTx60TA2NR0_lfvjE_9euyCDdhxSEMRNeSE5qYmagpUgKKuBzETc4QT1zawmQ-TU9ODMEEuyxw0mhKER0jDGslAmVR8TnoVneNUEiuTM2HtcFPrcsxEnUrFRiiGthIIVyThkIUOok6UORE1raLj1xsekbGuaVwHkY3er6EcClqL0Wfb0c0_Hmxu7X--FC7fDlr3ousr4c69aPlJ-8vd9uZS-9GjoLUYtB62n-4qp4d7a8G3fw0ffx3d2o02tqOVDxOjleirB4d7y99v3TzcWzncWws3dqNbu92-uhInfPJN-9nG_vOPw0_vKNudDw7-8ShorYYbfzpY_IPJmheLV_ef3w5aD6Obj6P1nWjnnyZZwtbf258taobR3Wvh80_Cj9bCG2vR3ScKyvbO_s79cOPJ4d5atLIYPHsQPFsP7y8FT6-n6QHtzaVoaz1c3Q5vfxGtroY7H4Tf_Tn4buvg6t-C1sOgdS-8_3VKK2g9NMQ395_fia4_CDduRcs3uvPkcG8tTZSUkgG9f-_L_d1n4bWn4bf_Cv_9Sbj8OPz0Tvurj5XBN9vR1opKkxeLV4PWhyoaSsHNcOuLHtXi5IBwZT1cvZsm0uHeZkoi0LMgC-3PPwpvXD-4th7s3U2SResb-zu4th79RWPYXNIKhjtr0fINE8kXi1fRgo0EIa4uQzVfSIFyl64ghuuqHpmkRDbCrsvVE1Wh1N_I0MgZVLRRg_tVjusoh35OmeM1XQJvCOlSf7D2ZoH1jHm0_NIgp6zaN9hkVEi333JeDAnfmSGy7wEjkjIihyjre4B5Aw-pR3q8wIYG4r0NPkv2jm1285wqUUn9suONbYPj-YLAwFCBUSahjimzZn3qZgrsSoEBAKhhjwpJWMW1dapX3HPmkZC86UhQkJVyJcpAKWpDgxCe2PjOjEdYSYJHWDzm1DCHcrNy6fUzxcRM0PdJSYIyMSPJmjAKRhPr4lul8YmxaRum3j3_dmlqenIs_xsbhjOxC1oBK530BgxnIGagXg3Cuc-tAjK-CiiZpV7kMpXW2O_Hp0tv5cff-e3kWPJwwbzVSV0QaZ0y5IZtUGD9iqW-ZxJb9WVQUFaq4Dr15mEU8gZv__OGzyWMQk36TFjZkdfOnH3JhVJzUOi32NKzxifyFy5MlvIT73UTLlPmWp3wWH0hgYEMxLB7MB-vj3J4MnU6uncBOfuKJYzVf79InA-EqVQwLFSCJRYmJWE06Wo_oIaaasMpj7BuHWMnx2I2vk8mTINTJivpZOLCL0ShwArIBrVlS0z6WDNJY66TKc4FGNX7NkamjiuVNIjlZiUDv4RsNwN2PHjl52TQ1eZkRRiF04XC8OlzfXxMXQGB50Wuw0mBSuErRKbAJ_gLqOqrAqRMX8_Az0bV_6PQ6mkng6uLWLxSmhZ6LEmGZNQceGD4XIEtFBhasNMmYEgd0QSyP7UmkBZy9QHzqmObijswgHl1treyq5VeVc9Na9TJeZLircKvVlZhfq0nzJU4i4R0CecqLZoCV0kublagitzY1BRcfHdyWifWSfLAsDlRx4in_F_6RZd43W2jazjtHl1jr2oi_WY9vQRLnyrVZy-NFDPdHHW1aUifWflEEG2WLdpwqt-lhqXilv2BuJXVFcF1ORGiUwRivyftH8kJ2kTjmMrdI-dRWh4fxdj__1i_49nETRPSGAwN6NNUcg20gdNqTcaXmM6lILlkqUNWb21M6BaQvhkoAc9q7c_-aKUxJSHU7jLLvMRCG5kTYtclzRwRhQ1NJqmnzo66pnaIzNWoR8Cy0l6V8DmyV2Xgzb7wHNll-kBrJEd3mr4c-lEbYIqgSw_N3u27YPfUKNNzjArHdBwbCYm51L-C1IVqN7zac-VANtKHQlRcKNrIo2zG3FWSW0unUcXXlqKNXOLheeWyLpCapX8qMdNc7jdQzkzv7nIu5SiH_Kb6XPGwwoDUDdrxm0yiXHZhobjwnwAAAP__"
)

func TestOldLinksOpen(t *testing.T) {
	data, err := os.ReadFile("testdata/v1-old.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	c, err := want.Canonical()
	if err != nil {
		t.Fatal(err)
	}
	if id := ID(c); id != oldID {
		t.Errorf("the old scenario's short-link id is now %s, was %s", id, oldID)
	}
	got, err := DecodeFragment(FragmentPrefix + oldFragment)
	if err != nil {
		t.Fatalf("the old #s= link: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the old #s= link opens another scenario:\n%+v\nwant\n%+v", got, want)
	}
	gc, _ := got.Canonical()
	if !bytes.Equal(gc, c) || bytes.Contains(gc, []byte(`"files"`)) {
		t.Errorf("canonical JSON of the old link changed:\n%s", gc)
	}
}

func TestFilesInCanonicalAndLinks(t *testing.T) {
	base := `{"version":1,"hosts":[{"name":"server","program":"#include \"lib/common.h\"\nint main(void){return f();}\n",` +
		`"files":[{"name":"util.c","text":"int u;"}]}],` +
		`"files":[{"name":"lib/common.h","text":"int f(void);\n"},{"name":"lib/f.c","text":"int f(void){return 0;}\n"}]}`
	a, err := Parse([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	// The same document with its keys in another order and other spacing.
	other := `{ "files": [ {"text":"int f(void);\n", "name":"lib/common.h"}, {"text":"int f(void){return 0;}\n","name":"lib/f.c"} ],` +
		` "hosts": [ {"files":[{"text":"int u;","name":"util.c"}], "program":"#include \"lib/common.h\"\nint main(void){return f();}\n", "name":"server"} ], "version": 1 }`
	b, err := Parse([]byte(other))
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := a.Canonical()
	cb, _ := b.Canonical()
	if !bytes.Equal(ca, cb) {
		t.Fatalf("canonical forms differ:\n%s\n%s", ca, cb)
	}
	if !bytes.Contains(ca, []byte(`"files":[{"name":"util.c","text":"int u;"}]`)) || !bytes.HasSuffix(ca, []byte(`"files":[{"name":"lib/common.h","text":"int f(void);\n"},{"name":"lib/f.c","text":"int f(void){return 0;}\n"}]}`)) {
		t.Errorf("canonical JSON: %s", ca)
	}
	// Every file is part of the content: change one byte of one, or the
	// order of the files (the library's order), and the id changes.
	for _, edit := range []func(s *Scenario){
		func(s *Scenario) { s.Files[1].Text = "int f(void){return 1;}\n" },
		func(s *Scenario) { s.Hosts[0].Files[0].Text = "int v;" },
		func(s *Scenario) { s.Files[0], s.Files[1] = s.Files[1], s.Files[0] },
		func(s *Scenario) { s.Files[1].Name = "lib/g.c" },
	} {
		c, _ := Parse([]byte(base))
		edit(c)
		cc, err := c.Canonical()
		if err != nil {
			t.Fatal(err)
		}
		if ID(cc) == ID(ca) {
			t.Errorf("an edited scenario keeps the id: %s", cc)
		}
	}
	frag, err := EncodeFragment(a)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeFragment(frag)
	if err != nil || !reflect.DeepEqual(back, a) {
		t.Errorf("files through a #s= link: %v\n%+v", err, back)
	}
}

// A scenario near the limit: a course's library and two chapter programs.
func TestLargeScenarioLink(t *testing.T) {
	s := &Scenario{Version: 1, Hosts: []Host{{Name: "server", Program: "int main(void){return 0;}\n"}}}
	line := "ssize_t readn(int fd, void *buf, size_t n); /* read exactly n bytes */\n"
	for i := 0; len(s.Files) < 40; i++ {
		s.Files = append(s.Files, File{Name: fmt.Sprintf("lib/f%02d.c", i), Text: strings.Repeat(line, 300)})
	}
	c, err := s.Canonical()
	if err != nil {
		t.Fatalf("%d bytes: %v", len(c), err)
	}
	if len(c) < 800<<10 {
		t.Fatalf("only %d bytes", len(c))
	}
	frag, err := EncodeFragment(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeFragment(frag)
	if err != nil || !reflect.DeepEqual(back, s) {
		t.Errorf("a %d-byte scenario through a #s= link: %v", len(c), err)
	}
	s.Files = append(s.Files, File{Name: "big.c", Text: strings.Repeat(line, 5000)})
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), `the largest is files[40] ("big.c")`) {
		t.Errorf("Validate of an oversize scenario = %v", err)
	}
}
