package scenario

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// example is the scenario from ARCHITECTURE.md ("Scenario JSON v1").
const example = `{
  "version": 1,
  "title": "Three-way handshake",
  "seed": 1,
  "limit": "300s",
  "hosts": [
    {"name": "server", "addrs": ["10.0.0.2/24"], "program": "#include <stdio.h>\nint main(void){return 0;}\n"},
    {"name": "client", "addrs": ["10.0.0.1/24"], "program": "int main(void){return 0;}", "start": "10ms",
     "args": ["10.0.0.2", "12345"]},
    {"name": "router", "addrs": ["10.0.0.254/24", "10.0.1.254/24"], "forward": true}
  ],
  "links": [{"hosts": ["client", "server", "router"], "delay": "1ms", "loss": 0}],
  "routes": [{"host": "client", "to": "0.0.0.0/0", "via": "10.0.0.254"}],
  "faults": [{"drop": {"nth": 3}}]
}`

func TestParseExample(t *testing.T) {
	s, err := Parse([]byte(example))
	if err != nil {
		t.Fatalf("Parse(example): %v", err)
	}
	if s.Version != 1 || len(s.Hosts) != 3 || s.Hosts[1].Start.D() != 10*time.Millisecond ||
		s.Links[0].Delay.D() != time.Millisecond || s.Faults[0].Drop.Nth != 3 || s.EffectiveLimit() != 300*time.Second {
		t.Errorf("Parse(example) = %+v", s)
	}
	nics := s.NICs("router")
	if len(nics) != 1 || len(nics[0].Addrs) != 2 || nics[0].Link != 0 {
		t.Errorf("NICs(router) = %+v, want one NIC on links[0] with both addresses", nics)
	}
}

// doc builds a small valid scenario with one replacement applied, so each
// error case shows only what it breaks.
func doc(old, new string) string {
	base := `{"version":1,"hosts":[` +
		`{"name":"server","addrs":["10.0.0.2/24"],"program":"int main(){}"},` +
		`{"name":"client","addrs":["10.0.0.1/24","fd00::1/64"],"program":"int main(){}","start":"10ms"},` +
		`{"name":"router","addrs":["10.0.0.254/24","10.0.1.254/24"],"forward":true}],` +
		`"links":[{"hosts":["client","server","router"],"delay":"1ms"}],` +
		`"routes":[{"host":"client","to":"0.0.0.0/0","via":"10.0.0.254"}],` +
		`"faults":[{"drop":{"nth":3}}]}`
	if old == "" {
		return base
	}
	if !strings.Contains(base, old) {
		panic("doc: no " + old)
	}
	return strings.Replace(base, old, new, 1)
}

func TestParseValid(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"base", doc("", "")},
		{"no links, no addrs", `{"version":1,"hosts":[{"name":"solo","program":"int main(){}"}]}`},
		{"ipv6 route", doc(`"via":"10.0.0.254"}]`, `"via":"10.0.0.254"},{"host":"client","to":"::/0","via":"fd00::fe"}]`)},
		{"on-link route", doc(`"via":"10.0.0.254"`, `"via":""`)},
		{"two links", doc(`"forward":true}],"links":[{"hosts":["client","server","router"],"delay":"1ms"}]`, `"forward":true},{"name":"b","addrs":["10.0.1.2/24"]}],"links":[{"hosts":["client","server","router"],"delay":"1ms"},{"hosts":["router","b"]}]`)},
		{"drop by flags", doc(`{"drop":{"nth":3}}`, `{"drop":{"host":"client","dir":"out","proto":"tcp","flags":"S.","count":2}}`)},
		{"drop port", doc(`{"drop":{"nth":3}}`, `{"drop":{"port":80}}`)},
		{"delay", doc(`{"drop":{"nth":3}}`, `{"delay":{"flags":".","by":"200ms"}}`)},
		{"all flags", doc(`{"drop":{"nth":3}}`, `{"drop":{"flags":"FSRP.UEW"}}`)},
		{"limit max", doc(`"version":1`, `"version":1,"limit":"1h"`)},
		{"text", doc(`"version":1`, `"version":1,"text":{"en":"Hello","zh":"你好"}`)},
		{"nulls", `{"version":1,"hosts":[{"name":"a","addrs":null,"args":null}],"links":null,"routes":null,"faults":null,"text":null}`},
		{"name chars", `{"version":1,"hosts":[{"name":"Srv_1-a"},{"name":"0"},{"name":"` + strings.Repeat("x", 32) + `"}]}`},
		{"file", doc(`"name":"server",`, `"name":"server","file":"echo-server.c",`)},
		{"file in a folder", doc(`"name":"server",`, `"name":"server","file":"ch03/echo+server.c",`)},
		{"shared files", doc(`"version":1`, `"version":1,"files":[{"name":"lib/common.h","text":"int f(void);"},{"name":"lib/f.c","text":"int f(void){return 1;}"},{"name":"lib/sub/x.h","text":""},{"name":"README","text":""}]`)},
		{"host files", strings.Replace(doc(`"name":"server",`, `"name":"server","file":"ch03/server.c","files":[{"name":"ch03/util.c","text":""},{"name":"ch03/util.h","text":""}],`), `"version":1`, `"version":1,"files":[{"name":"lib/common.h","text":""}]`, 1)},
		{"same own file on two hosts", strings.Replace(doc(`"name":"server",`, `"name":"server","files":[{"name":"util.c","text":""}],`), `"program":"int main(){}","start"`, `"program":"int main(){}","files":[{"name":"util.c","text":"x"}],"start"`, 1)},
		{"shared file named like a host without program", doc(`"version":1`, `"version":1,"files":[{"name":"router.c","text":""}]`)},
		{"empty file", doc(`"version":1`, `"version":1,"files":[{"name":"a.h"}]`)},
		{"one program file on two hosts", `{"version":1,"files":[{"name":"lib/a.h","text":""}],"hosts":[{"name":"a","file":"ch/c.c","program":"int main(){}"},{"name":"b","file":"ch/c.c","program":"int main(){}"}]}`},
	} {
		if _, err := Parse([]byte(tc.in)); err != nil {
			t.Errorf("%s: Parse: %v", tc.name, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	big := `{"version":1,"hosts":[{"name":"a","program":"` + strings.Repeat("x", MaxSize) + `"}]}`
	for _, tc := range []struct {
		name, in string
		path     string // the *Error's Path
		want     string // substring of the message
	}{
		{"too large", big, "", "the limit is 1048576 bytes (1 MiB, programs and files included)"},
		{"empty", "  ", "", "empty input"},
		{"not object", `[1]`, "", "want an object {…}, got a list"},
		{"syntax", "{\"version\":1,\n \"hosts\":[}", "hosts", "line 2, column 11"},
		{"truncated", `{"version":1,"hosts":[{"name":"a"`, "hosts[0]", "unexpected end of input"},
		{"trailing", `{"version":1,"hosts":[{"name":"a"}]} {}`, "", "unexpected data after the scenario"},
		{"unknown top field", doc(`"hosts"`, `"hots"`), "", `unknown field "hots" (did you mean "hosts"?)`},
		{"unknown nested field", doc(`"addrs":["10.0.0.2/24"]`, `"adrs":["10.0.0.2/24"]`), "hosts[0]", `unknown field "adrs" (did you mean "addrs"?)`},
		{"wrong case", doc(`"version":1`, `"Version":1`), "", `unknown field "Version"`},
		{"wrong case beside", doc(`"version":1`, `"version":1,"Version":2`), "", `unknown field "Version"`},
		{"long seed", doc(`"version":1`, `"version":1,"seed":`+strings.Repeat("9", 60000)), "seed", "seed: 99999999999999999999… (60000 characters) is out of range"},
		{"broadcast address", doc(`"10.0.0.2/24"`, `"255.255.255.255/32"`), "hosts[0].addrs[0]", `"255.255.255.255/32": the broadcast address cannot be a host's address`},
		{"address twice on a link", doc(`"10.0.0.2/24"`, `"10.0.0.1/24"`), "hosts[1].addrs[0]", `10.0.0.1 is also host "server"'s address (hosts[0].addrs[0]) on links[0]; two hosts on a link need addresses of their own`},
		{"unknown fault field", doc(`{"drop":{"nth":3}}`, `{"drop":{"nht":3}}`), "faults[0].drop", `unknown field "nht"`},
		{"repeated field", doc(`"version":1`, `"version":1,"version":1`), "version", "appears twice"},
		{"type string", doc(`"version":1`, `"version":"1"`), "version", `want a whole number, got the string "1"`},
		{"type float int", doc(`"version":1`, `"version":1.5`), "version", "1.5 is not a whole number"},
		{"int range", doc(`"version":1`, `"version":1,"seed":99999999999999999999999`), "seed", "out of range"},
		{"type list", doc(`"addrs":["10.0.0.2/24"]`, `"addrs":"10.0.0.2/24"`), "hosts[0].addrs", "want a list of strings"},
		{"type bool", doc(`"forward":true`, `"forward":"yes"`), "hosts[2].forward", "want true or false"},
		{"null scalar", doc(`"name":"server"`, `"name":null`), "hosts[0].name", "null is not allowed"},
		{"bad duration", doc(`"delay":"1ms"`, `"delay":"1 ms"`), "links[0].delay", `bad duration "1 ms"`},
		{"duration number", doc(`"delay":"1ms"`, `"delay":1`), "links[0].delay", "want a duration string"},
		{"negative duration", doc(`"start":"10ms"`, `"start":"-10ms"`), "hosts[1].start", "negative duration"},
		{"version 0", doc(`"version":1,`, ``), "version", "missing"},
		{"version 2", doc(`"version":1`, `"version":2`), "version", "version: 2 is not supported; this netplay reads version 1"},
		{"version 2 with new fields", `{"version":2,"hosts":[{"name":"a","vlan":7}],"bridges":[]}`, "version", "version: 2 is not supported"},
		{"version negative", doc(`"version":1`, `"version":-1`), "version", "-1 is not supported"},
		{"no hosts", `{"version":1,"hosts":[]}`, "hosts", "at least one host"},
		{"empty name", doc(`"name":"server"`, `"name":""`), "hosts[0].name", "needs a name"},
		{"bad name", doc(`"name":"router"`, `"name":"rou ter"`), "hosts[2].name", "only letters, digits"},
		{"long name", doc(`"name":"router"`, `"name":"`+strings.Repeat("r", 33)+`"`), "hosts[2].name", "longer than 32"},
		{"duplicate name", doc(`"name":"router"`, `"name":"server"`), "hosts[2].name", `duplicate host name "server" (also hosts[0])`},
		{"bad file", doc(`"name":"server",`, `"name":"server","file":"../x.c",`), "hosts[0].file", `".." is not a file or folder name`},
		// Files: the shared tree and each host's own.
		{"file name empty", doc(`"version":1`, `"version":1,"files":[{"name":"","text":""}]`), "files[0].name", "a file needs a name"},
		{"file name absolute", doc(`"version":1`, `"version":1,"files":[{"name":"/etc/passwd","text":""}]`), "files[0].name", "no leading '/'"},
		{"file name dotdot", doc(`"version":1`, `"version":1,"files":[{"name":"lib/../../x.h","text":""}]`), "files[0].name", `".." is not a file or folder name`},
		{"file name dot", doc(`"version":1`, `"version":1,"files":[{"name":"./x.h","text":""}]`), "files[0].name", `"." is not a file or folder name`},
		{"file name empty part", doc(`"version":1`, `"version":1,"files":[{"name":"lib//x.h","text":""}]`), "files[0].name", "empty part"},
		{"file name trailing slash", doc(`"version":1`, `"version":1,"files":[{"name":"lib/","text":""}]`), "files[0].name", "empty part"},
		{"file name char", doc(`"version":1`, `"version":1,"files":[{"name":"lib/a b.h","text":""}]`), "files[0].name", "may use only letters"},
		{"file name colon", doc(`"version":1`, `"version":1,"files":[{"name":"c:x.h","text":""}]`), "files[0].name", "may use only letters"},
		{"file name backslash", doc(`"version":1`, `"version":1,"files":[{"name":"lib\\x.h","text":""}]`), "files[0].name", "may use only letters"},
		{"file name long", doc(`"version":1`, `"version":1,"files":[{"name":"`+strings.Repeat("a", 129)+`","text":""}]`), "files[0].name", "longer than 128"},
		{"two programs of one name", `{"version":1,"files":[{"name":"lib/a.h","text":""}],"hosts":[{"name":"a","file":"ch/c.c","program":"int main(){}"},{"name":"b","file":"ch/c.c","program":"int main(){return 1;}"}]}`, "hosts[1].file", `"ch/c.c" is already hosts[0].file; the host's program needs a name of its own`},
		{"file twice", doc(`"version":1`, `"version":1,"files":[{"name":"lib/a.h","text":""},{"name":"lib/a.h","text":"x"}]`), "files[1].name", `"lib/a.h" is already files[0].name`},
		{"file and folder", doc(`"version":1`, `"version":1,"files":[{"name":"lib/a.h","text":""},{"name":"lib","text":"x"}]`), "files[1].name", `"lib" is a folder here (files[0].name is inside it)`},
		{"folder and file", doc(`"version":1`, `"version":1,"files":[{"name":"lib","text":""},{"name":"lib/a.h","text":"x"}]`), "files[1].name", `inside "lib", which is a file (files[0].name)`},
		{"file type", doc(`"version":1`, `"version":1,"files":[{"name":"a.h","text":3}]`), "files[0].text", "want a string"},
		{"file unknown field", doc(`"version":1`, `"version":1,"files":[{"name":"a.h","txt":""}]`), "files[0]", `unknown field "txt" (did you mean "text"?)`},
		{"host file shadows shared", strings.Replace(doc(`"name":"server",`, `"name":"server","files":[{"name":"lib/a.c","text":""}],`), `"version":1`, `"version":1,"files":[{"name":"lib/a.c","text":""}]`, 1), "hosts[0].files[0].name", `"lib/a.c" is already files[0].name; a host's own file needs a name of its own`},
		{"host file twice", doc(`"name":"server",`, `"name":"server","files":[{"name":"x.c","text":""},{"name":"x.c","text":""}],`), "hosts[0].files[1].name", `"x.c" is already hosts[0].files[0].name; a host's own file needs a name of its own`},
		{"host file is program", doc(`"name":"server",`, `"name":"server","files":[{"name":"server.c","text":""}],`), "hosts[0].files[0].name", `"server.c" is already hosts[0].name`},
		{"host file bad", doc(`"name":"server",`, `"name":"server","files":[{"name":"../x.c","text":""}],`), "hosts[0].files[0].name", `".." is not`},
		{"host files without program", doc(`"forward":true`, `"forward":true,"files":[{"name":"x.c","text":""}]`), "hosts[2].files", "no program"},
		{"program is a shared file", doc(`"version":1`, `"version":1,"files":[{"name":"server.c","text":""}]`), "hosts[0].name", `"server.c" is already files[0].name; the host's program is named "server.c" after the host`},
		{"program file is a shared file", strings.Replace(doc(`"name":"server",`, `"name":"server","file":"lib/s.c",`), `"version":1`, `"version":1,"files":[{"name":"lib/s.c","text":""}]`, 1), "hosts[0].file", `"lib/s.c" is already files[0].name; the host's program needs a name of its own (set "file")`},
		{"program in a shared file's place", strings.Replace(doc(`"name":"server",`, `"name":"server","file":"lib/x/s.c",`), `"version":1`, `"version":1,"files":[{"name":"lib/x","text":""}]`, 1), "hosts[0].file", `inside "lib/x", which is a file (files[0].name)`},
		{"bad addr", doc(`"10.0.0.1/24"`, `"10.0.0.300/24"`), "hosts[1].addrs[0]", `"10.0.0.300/24" is not an address/prefix`},
		{"addr no prefix", doc(`"10.0.0.1/24"`, `"10.0.0.1"`), "hosts[1].addrs[0]", "has no prefix length"},
		{"addr bad v6", doc(`"fd00::1/64"`, `"fd00::g/64"`), "hosts[1].addrs[1]", "is not an address/prefix"},
		{"addr prefix too long", doc(`"10.0.0.1/24"`, `"10.0.0.1/33"`), "hosts[1].addrs[0]", "is not an address/prefix"},
		{"addr unspecified", doc(`"10.0.0.1/24"`, `"0.0.0.0/0"`), "hosts[1].addrs[0]", "unspecified"},
		{"addr multicast", doc(`"10.0.0.1/24"`, `"224.0.0.1/24"`), "hosts[1].addrs[0]", "multicast"},
		{"addr loopback", doc(`"10.0.0.1/24"`, `"127.0.0.1/8"`), "hosts[1].addrs[0]", "loopback"},
		{"addr mapped", doc(`"fd00::1/64"`, `"::ffff:10.0.0.9/120"`), "hosts[1].addrs[1]", "IPv4-mapped"},
		{"addr twice", doc(`"fd00::1/64"`, `"10.0.0.1/16"`), "hosts[1].addrs[1]", "already hosts[1].addrs[0]"},
		{"args without program", doc(`"forward":true`, `"forward":true,"args":["x"]`), "hosts[2].args", "no program"},
		{"start after limit", doc(`"start":"10ms"`, `"start":"301s"`), "hosts[1].start", "after the scenario's limit 5m0s"},
		{"limit too big", doc(`"version":1`, `"version":1,"limit":"2h"`), "limit", "maximum 1h0m0s"},
		{"link one host", doc(`"hosts":["client","server","router"]`, `"hosts":["client"]`), "links[0].hosts", "at least two hosts"},
		{"link missing host", doc(`"hosts":["client","server","router"]`, `"hosts":["client","router","serverr"]`), "links[0].hosts[2]", `no host named "serverr" (did you mean "server"?)`},
		{"link host twice", doc(`"hosts":["client","server","router"]`, `"hosts":["client","server","client"]`), "links[0].hosts[2]", `"client" is already links[0].hosts[0]`},
		{"link loss", doc(`"delay":"1ms"`, `"delay":"1ms","loss":1.5`), "links[0].loss", "between 0 and 1"},
		{"link loss negative", doc(`"delay":"1ms"`, `"delay":"1ms","loss":-0.1`), "links[0].loss", "between 0 and 1"},
		{"host on 2 links, 1 addr", doc(`"delay":"1ms"}]`, `"delay":"1ms"},{"hosts":["server","router"]}]`), "hosts[0].addrs", `host "server" is on 2 links (links[0], links[1]) but has 1 address(es)`},
		{"addrs but no link", doc(`"hosts":["client","server","router"]`, `"hosts":["client","router"]`), "hosts[0].addrs", "on no link"},
		{"route host", doc(`"host":"client","to"`, `"host":"clinet","to"`), "routes[0].host", `no host named "clinet" (did you mean "client"?)`},
		{"route no host", doc(`"host":"client","to"`, `"to"`), "routes[0].host", "needs the host"},
		{"route to", doc(`"to":"0.0.0.0/0"`, `"to":"default"`), "routes[0].to", `"default" is not a prefix`},
		{"route to host bits", doc(`"to":"0.0.0.0/0"`, `"to":"10.0.1.5/24"`), "routes[0].to", `did you mean "10.0.1.0/24"?`},
		{"route via", doc(`"via":"10.0.0.254"`, `"via":"10.0.0.254/24"`), "routes[0].via", "is not an address"},
		{"route via family", doc(`"via":"10.0.0.254"`, `"via":"fd00::fe"`), "routes[0].via", "not the same address family"},
		{"route via off-link", doc(`"via":"10.0.0.254"`, `"via":"10.0.1.254"`), "routes[0].via", `not on any subnet of host "client"`},
		{"route via self", doc(`"via":"10.0.0.254"`, `"via":"10.0.0.1"`), "routes[0].via", "own address"},
		{"fault empty", doc(`{"drop":{"nth":3}}`, `{}`), "faults[0]", `needs "drop" or "delay"`},
		{"fault both", doc(`{"drop":{"nth":3}}`, `{"drop":{"nth":3},"delay":{"nth":3,"by":"1s"}}`), "faults[0]", "not both"},
		{"fault no criterion", doc(`{"drop":{"nth":3}}`, `{"drop":{"count":2}}`), "faults[0].drop", "matches every frame"},
		{"fault nth negative", doc(`{"drop":{"nth":3}}`, `{"drop":{"nth":-1}}`), "faults[0].drop.nth", "counted from 1"},
		{"fault count negative", doc(`{"drop":{"nth":3}}`, `{"drop":{"port":80,"count":-1}}`), "faults[0].drop.count", "negative count"},
		{"fault nth and count", doc(`{"drop":{"nth":3}}`, `{"drop":{"nth":3,"count":2}}`), "faults[0].drop.count", "either nth"},
		{"fault host", doc(`{"drop":{"nth":3}}`, `{"drop":{"host":"nobody"}}`), "faults[0].drop.host", `no host named "nobody"`},
		{"fault dir", doc(`{"drop":{"nth":3}}`, `{"drop":{"host":"client","dir":"up"}}`), "faults[0].drop.dir", `"up": want "in", "out"`},
		{"fault dir without host", doc(`{"drop":{"nth":3}}`, `{"drop":{"dir":"in"}}`), "faults[0].drop.dir", "needs a host"},
		{"fault proto", doc(`{"drop":{"nth":3}}`, `{"drop":{"proto":"sctp"}}`), "faults[0].drop.proto", `"sctp": want "tcp"`},
		{"fault flags letter", doc(`{"drop":{"nth":3}}`, `{"drop":{"flags":"SYN"}}`), "faults[0].drop.flags", `'Y' is not a tcpdump TCP flag`},
		{"fault flags order", doc(`{"drop":{"nth":3}}`, `{"drop":{"flags":".S"}}`), "faults[0].drop.flags", `write "S."`},
		{"fault flags twice", doc(`{"drop":{"nth":3}}`, `{"drop":{"flags":"SS"}}`), "faults[0].drop.flags", "appears twice"},
		{"fault flags udp", doc(`{"drop":{"nth":3}}`, `{"drop":{"proto":"udp","flags":"S"}}`), "faults[0].drop.flags", "cannot match udp"},
		{"fault port range", doc(`{"drop":{"nth":3}}`, `{"drop":{"port":70000}}`), "faults[0].drop.port", "not a port"},
		{"fault port negative", doc(`{"drop":{"nth":3}}`, `{"drop":{"port":-1}}`), "faults[0].drop.port", "not a port"},
		{"fault port icmp", doc(`{"drop":{"nth":3}}`, `{"drop":{"proto":"icmp","port":7}}`), "faults[0].drop.port", "no ports"},
		{"delay without by", doc(`{"drop":{"nth":3}}`, `{"delay":{"nth":3}}`), "faults[0].delay.by", `needs "by" > 0`},
		{"drop with by", doc(`{"drop":{"nth":3}}`, `{"drop":{"nth":3,"by":"1s"}}`), "faults[0].drop.by", "for delay faults"},
		{"delay by too long", doc(`{"drop":{"nth":3}}`, `{"delay":{"nth":3,"by":"400s"}}`), "faults[0].delay.by", "longer than the scenario's limit"},
		{"text key", doc(`"version":1`, `"version":1,"text":{"e n":"x"}`), "text", "language tag"},
		{"text value type", doc(`"version":1`, `"version":1,"text":{"en":1}`), "text.en", "want a string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse([]byte(tc.in))
			if err == nil {
				t.Fatalf("Parse succeeded (%+v), want error %q at %q", s, tc.want, tc.path)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not *Error", err, err)
			}
			if e.Path != tc.path || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q (path %q), want path %q and message containing %q", err, e.Path, tc.path, tc.want)
			}
			if tc.path != "" && !strings.HasPrefix(err.Error(), tc.path+": ") {
				t.Errorf("error %q does not start with its path", err)
			}
		})
	}
}

func TestSizeBoundary(t *testing.T) {
	small := `{"version":1,"hosts":[{"name":"a"}]}`
	exact := small + strings.Repeat(" ", MaxSize-len(small))
	if len(exact) != MaxSize {
		t.Fatal(len(exact))
	}
	if _, err := Parse([]byte(exact)); err != nil {
		t.Errorf("a document of exactly MaxSize bytes: %v", err)
	}
	if _, err := Parse([]byte(exact + " ")); err == nil || !strings.Contains(err.Error(), "1048577 bytes; the limit is 1048576") {
		t.Errorf("MaxSize+1 bytes: %v", err)
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	_, err := Parse([]byte("{\"version\":1,\n\"hosts\":[\n  {\"name\": \"a\",,}]}"))
	var e *Error
	if !errors.As(err, &e) || e.Line != 3 || e.Column == 0 {
		t.Fatalf("Parse: %v (%+v), want an *Error on line 3", err, e)
	}
}

func TestValidateBuilt(t *testing.T) {
	s := &Scenario{Version: 1, Hosts: []Host{{Name: "a"}, {Name: "b", Addrs: []string{"10.0.0.2/24"}}}}
	err := s.Validate()
	if err == nil || !strings.HasPrefix(err.Error(), "hosts[1].addrs: ") {
		t.Errorf("Validate = %v, want the on-no-link error for hosts[1].addrs", err)
	}
	s.Links = []Link{{Hosts: []string{"a", "b"}, Loss: 0.5}}
	s.Hosts[0].Addrs = []string{"10.0.0.1/24"}
	if err := s.Validate(); err != nil {
		t.Errorf("Validate = %v", err)
	}
	s.Hosts[0].Start = Duration(-time.Second)
	if err := s.Validate(); err == nil || !strings.HasPrefix(err.Error(), "hosts[0].start: negative") {
		t.Errorf("Validate = %v, want negative start", err)
	}
	s.Hosts[0].Start = 0
	s.Links[0].Delay = Duration(-time.Millisecond)
	if err := s.Validate(); err == nil || !strings.HasPrefix(err.Error(), "links[0].delay: negative") {
		t.Errorf("Validate = %v, want negative delay", err)
	}
	s.Links[0].Delay = 0
	s.Limit = Duration(-1)
	if err := s.Validate(); err == nil || !strings.HasPrefix(err.Error(), "limit: negative") {
		t.Errorf("Validate = %v, want negative limit", err)
	}
	s.Limit = 0
	// A program built in Go counts toward the size limit.
	s.Hosts[1].Program = strings.Repeat("/* pad */\n", MaxSize/10+1)
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "hosts[1].program") {
		t.Errorf("Validate = %v, want the size error naming hosts[1].program", err)
	}
	var nilS *Scenario
	if nilS.Validate() == nil {
		t.Error("nil Scenario validated")
	}
}

func TestNICs(t *testing.T) {
	s := &Scenario{Version: 1,
		Hosts: []Host{
			{Name: "a", Addrs: []string{"10.0.0.1/24"}},
			{Name: "r", Addrs: []string{"10.0.0.254/24", "10.0.1.254/24", "fd01::fe/64"}, Forward: true},
			{Name: "b", Addrs: []string{"10.0.1.2/24"}},
			{Name: "lo"},
		},
		Links: []Link{{Hosts: []string{"a", "r"}}, {Hosts: []string{"b", "r"}}},
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	nics := s.NICs("r")
	if len(nics) != 2 || nics[0].Link != 0 || nics[1].Link != 1 ||
		len(nics[0].Addrs) != 1 || nics[0].Addrs[0].String() != "10.0.0.254/24" ||
		len(nics[1].Addrs) != 2 || nics[1].Addrs[0].String() != "10.0.1.254/24" || nics[1].Addrs[1].String() != "fd01::fe/64" {
		t.Errorf("NICs(r) = %+v", nics)
	}
	if n := s.NICs("lo"); n != nil {
		t.Errorf("NICs(lo) = %+v, want none", n)
	}
	if n := s.NICs("nobody"); n != nil {
		t.Errorf("NICs(nobody) = %+v", n)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(example))
	f.Add([]byte(doc("", "")))
	f.Add([]byte(`{"version":1,"hosts":[{"name":"a"}],"faults":[{"delay":{"flags":"S.","by":"1s"}}]}`))
	f.Add([]byte(`{"version":1,"hosts":[{"name":"a","addrs":null}],"text":{"en":"x"}}`))
	f.Add([]byte(`[[[[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		if err != nil {
			if s != nil {
				t.Fatal("Parse returned a scenario and an error")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is %T, not *Error", err, err)
			}
			return
		}
		// Whatever parses has a canonical form that parses to the same
		// canonical form.
		c1, err := s.Canonical()
		if err != nil {
			t.Fatalf("Canonical of a parsed scenario: %v", err)
		}
		s2, err := Parse(c1)
		if err != nil {
			t.Fatalf("Parse(Canonical) = %v\n%s", err, c1)
		}
		c2, _ := s2.Canonical()
		if string(c1) != string(c2) {
			t.Fatalf("canonical form not stable:\n%s\n%s", c1, c2)
		}
	})
}

// TestByteOrderMark: a scenario saved with a UTF-8 byte order mark opens.
func TestByteOrderMark(t *testing.T) {
	s, err := Parse([]byte("\ufeff" + doc("", "")))
	if err != nil || len(s.Hosts) != 3 {
		t.Fatalf("Parse with a BOM: %v", err)
	}
}
