// Package sharetest is the share API's conformance table: the same HTTP
// cases run against the handler over the in-memory store (httptest), over
// bbolt, and against the Cloudflare Worker under wrangler dev.
package sharetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"netplay/stack/scenario"
)

// Scenario is a small valid scenario (with '<' and non-ASCII text, which
// canonical JSON must keep as they are).
const Scenario = `{
  "version": 1,
  "title": "Three-way handshake — 三次握手",
  "seed": 1,
  "hosts": [
    {"name": "server", "addrs": ["10.0.0.2/24"], "program": "#include <stdio.h>\nint main(void) { return 0; }\n"},
    {"name": "client", "addrs": ["10.0.0.1/24"], "program": "int main(void) { return 0; }", "start": "10ms",
     "args": ["10.0.0.2", "12345"]}
  ],
  "links": [{"hosts": ["client", "server"], "delay": "1ms"}],
  "faults": [{"drop": {"nth": 3}}]
}`

// Large returns a valid scenario of nearly scenario.MaxSize bytes: a
// course's library in the shared files, as issue 12 raised the limit for.
// Stores and the Worker must keep it whole.
func Large() []byte {
	var files []string
	line := "/* a line of the course's library, near the size limit */ int lib_fn(int x);\\n"
	size := len(Scenario)
	for i := 0; ; i++ {
		f := fmt.Sprintf(`{"name": "lib/part%03d.c", "text": "%s"}`, i, strings.Repeat(line, 200))
		if size+len(f)+2 > scenario.MaxSize-1024 {
			break
		}
		files = append(files, f)
		size += len(f) + 2
	}
	return []byte(strings.Replace(Scenario, `"seed": 1,`, `"seed": 1, "files": [`+strings.Join(files, ", ")+`],`, 1))
}

// Variant returns a distinct valid scenario for each n (for load and crash
// tests).
func Variant(n int) []byte {
	return []byte(strings.Replace(Scenario, `"seed": 1`, fmt.Sprintf(`"seed": %d`, n+1000), 1))
}

// Canonical returns the canonical JSON and id of a valid scenario document.
func Canonical(t testing.TB, doc []byte) ([]byte, string) {
	t.Helper()
	s, err := scenario.Parse(doc)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	c, err := s.Canonical()
	if err != nil {
		t.Fatal(err)
	}
	return c, scenario.ID(c)
}

// Case is one request and the answer it must get.
type Case struct {
	Name    string
	Method  string
	Path    string
	Header  map[string]string
	Body    io.Reader // nil: no body
	Chunked bool      // send Body without a Content-Length

	Status  int
	Error   string            // substring of the {"error": …} message; "" for success
	WantHdr map[string]string // response headers that must be present (exact value)
	// Check, if set, inspects a successful answer's body.
	Check func(t *testing.T, body []byte)
}

// Cases returns the API's table, in the order Run plays it (the first
// case stores the scenario the later ones read).
func Cases() []Case {
	canon, id := mustCanonical([]byte(Scenario))
	large := Large()
	largeCanon, largeID := mustCanonical(large)
	if len(largeCanon) < scenario.MaxSize*9/10 {
		panic(fmt.Sprintf("sharetest.Large is only %d bytes", len(largeCanon)))
	}
	ctJSON := map[string]string{"Content-Type": "application/json"}
	big := bytes.Repeat([]byte(" "), scenario.MaxSize+1)
	huge := bytes.Repeat([]byte("x"), 2*scenario.MaxSize)
	tooLargeMsg := fmt.Sprintf("larger than %d bytes", scenario.MaxSize)
	invalid := strings.Replace(Scenario, `"links": [{"hosts": ["client", "server"]`, `"links": [{"hosts": ["client", "serverr"]`, 1)
	compact := new(bytes.Buffer)
	if err := json.Compact(compact, []byte(Scenario)); err != nil {
		panic(err)
	}
	unknownID := "0000000000A"
	if unknownID == id {
		unknownID = "0000000000B"
	}
	wantID := func(t *testing.T, body []byte) {
		var got struct{ ID string }
		if err := json.Unmarshal(body, &got); err != nil || got.ID != id {
			t.Errorf("body %s: want {\"id\":%q} (err %v)", body, id, err)
		}
	}
	return []Case{
		{Name: "post", Method: "POST", Path: "/api/share", Header: ctJSON, Body: strings.NewReader(Scenario),
			Status: 201, WantHdr: map[string]string{"Location": "/api/share/" + id}, Check: wantID},
		{Name: "post again, same id", Method: "POST", Path: "/api/share", Header: ctJSON, Body: strings.NewReader(Scenario),
			Status: 201, Check: wantID},
		{Name: "post compact form, same id", Method: "POST", Path: "/api/share",
			Header: map[string]string{"Content-Type": "application/json; charset=utf-8"}, Body: bytes.NewReader(compact.Bytes()),
			Status: 201, Check: wantID},
		{Name: "post chunked", Method: "POST", Path: "/api/share", Header: ctJSON, Body: strings.NewReader(Scenario), Chunked: true,
			Status: 201, Check: wantID},
		{Name: "get", Method: "GET", Path: "/api/share/" + id,
			Status: 200, WantHdr: map[string]string{"Content-Type": "application/json; charset=utf-8", "ETag": `"` + id + `"`},
			Check: func(t *testing.T, body []byte) {
				if !bytes.Equal(body, canon) {
					t.Errorf("GET body\n%s\nwant the canonical JSON\n%s", body, canon)
				}
			}},
		{Name: "get not modified", Method: "GET", Path: "/api/share/" + id, Header: map[string]string{"If-None-Match": `"` + id + `"`},
			Status: 304},
		{Name: "head", Method: "HEAD", Path: "/api/share/" + id, Status: 200},
		{Name: "invalid scenario", Method: "POST", Path: "/api/share", Header: ctJSON, Body: strings.NewReader(invalid),
			Status: 400, Error: `links[0].hosts[1]: no host named "serverr"`},
		{Name: "unknown field", Method: "POST", Path: "/api/share", Header: ctJSON, Body: strings.NewReader(`{"version":1,"hots":[]}`),
			Status: 400, Error: `unknown field "hots"`},
		{Name: "other version", Method: "POST", Path: "/api/share", Header: ctJSON, Body: strings.NewReader(`{"version":2,"hosts":[{"name":"a"}]}`),
			Status: 400, Error: "version: 2 is not supported"},
		{Name: "not json", Method: "POST", Path: "/api/share", Header: ctJSON, Body: strings.NewReader(`hello`),
			Status: 400, Error: "invalid character"},
		{Name: "empty body", Method: "POST", Path: "/api/share", Header: ctJSON, Body: strings.NewReader(``),
			Status: 400, Error: "empty input"},
		{Name: "too large", Method: "POST", Path: "/api/share", Header: ctJSON, Body: bytes.NewReader(big),
			Status: 413, Error: tooLargeMsg},
		{Name: "too large, chunked", Method: "POST", Path: "/api/share", Header: ctJSON, Body: bytes.NewReader(huge), Chunked: true,
			Status: 413, Error: tooLargeMsg},
		{Name: "no content type", Method: "POST", Path: "/api/share", Body: strings.NewReader(Scenario),
			Status: 415, Error: "Content-Type: application/json"},
		{Name: "text/plain", Method: "POST", Path: "/api/share", Header: map[string]string{"Content-Type": "text/plain"}, Body: strings.NewReader(Scenario),
			Status: 415, Error: "Content-Type: application/json"},
		{Name: "form", Method: "POST", Path: "/api/share", Header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, Body: strings.NewReader("a=b"),
			Status: 415, Error: "Content-Type: application/json"},
		{Name: "compressed", Method: "POST", Path: "/api/share", Header: map[string]string{"Content-Type": "application/json", "Content-Encoding": "br"}, Body: strings.NewReader(Scenario),
			Status: 415, Error: "Content-Encoding"},
		{Name: "cross origin", Method: "POST", Path: "/api/share", Header: map[string]string{"Content-Type": "application/json", "Origin": "https://evil.example"}, Body: strings.NewReader(Scenario),
			Status: 403, Error: "cross-origin"},
		{Name: "cross site fetch", Method: "POST", Path: "/api/share", Header: map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}, Body: strings.NewReader(Scenario),
			Status: 403, Error: "cross-origin"},
		{Name: "get unknown id", Method: "GET", Path: "/api/share/" + unknownID,
			Status: 404, Error: "no scenario with id"},
		{Name: "get malformed id", Method: "GET", Path: "/api/share/not-an-id",
			Status: 404, Error: "11 characters"},
		{Name: "get empty id", Method: "GET", Path: "/api/share/",
			Status: 404, Error: "no scenario with id"},
		{Name: "get id too large", Method: "GET", Path: "/api/share/zzzzzzzzzzz",
			Status: 404, Error: "no scenario with id"},
		{Name: "unknown api", Method: "GET", Path: "/api/other",
			Status: 404, Error: "no API at /api/other"},
		{Name: "get collection", Method: "GET", Path: "/api/share",
			Status: 405, Error: "only POST", WantHdr: map[string]string{"Allow": "POST"}},
		{Name: "put", Method: "PUT", Path: "/api/share", Header: ctJSON, Body: strings.NewReader(Scenario),
			Status: 405, Error: "only POST", WantHdr: map[string]string{"Allow": "POST"}},
		{Name: "delete", Method: "DELETE", Path: "/api/share/" + id,
			Status: 405, Error: "only GET", WantHdr: map[string]string{"Allow": "GET, HEAD"}},
		{Name: "post to id", Method: "POST", Path: "/api/share/" + id, Header: ctJSON, Body: strings.NewReader(Scenario),
			Status: 405, Error: "only GET", WantHdr: map[string]string{"Allow": "GET, HEAD"}},
		{Name: "preflight", Method: "OPTIONS", Path: "/api/share",
			Header: map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
			Status: 405, Error: "only POST"},
		{Name: "post near the size limit", Method: "POST", Path: "/api/share", Header: ctJSON, Body: bytes.NewReader(large),
			Status: 201, Check: func(t *testing.T, body []byte) {
				var got struct{ ID string }
				if err := json.Unmarshal(body, &got); err != nil || got.ID != largeID {
					t.Errorf("body %s: want {\"id\":%q} (err %v)", body, largeID, err)
				}
			}},
		{Name: "get near the size limit", Method: "GET", Path: "/api/share/" + largeID, Status: 200,
			Check: func(t *testing.T, body []byte) {
				if !bytes.Equal(body, largeCanon) {
					t.Errorf("GET of the large scenario: %d bytes, want its %d-byte canonical JSON", len(body), len(largeCanon))
				}
			}},
		{Name: "still there", Method: "GET", Path: "/api/share/" + id, Status: 200,
			Check: func(t *testing.T, body []byte) {
				if !bytes.Equal(body, canon) {
					t.Errorf("GET after the error cases: %s", body)
				}
			}},
	}
}

// Run plays every case, in order, against the server at base (e.g.
// "http://127.0.0.1:8787") with client, which keeps connections alive: a
// rejected body that was not drained breaks the next case.
func Run(t *testing.T, base string, client *http.Client) {
	for _, c := range Cases() {
		t.Run(c.Name, func(t *testing.T) { Do(t, base, client, c) })
	}
	// What a browser sends from the page itself must pass the origin check.
	t.Run("same origin browser post", func(t *testing.T) {
		Do(t, base, client, Case{Method: "POST", Path: "/api/share",
			Header: map[string]string{"Content-Type": "application/json", "Origin": base, "Sec-Fetch-Site": "same-origin"},
			Body:   bytes.NewReader(Variant(-1)), Status: 201})
	})
}

// Do plays one case.
func Do(t *testing.T, base string, client *http.Client, c Case) {
	t.Helper()
	body := c.Body
	if c.Chunked && body != nil {
		body = io.MultiReader(body) // hides the length from net/http
	}
	req, err := http.NewRequest(c.Method, base+c.Path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range c.Header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.Method, c.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	if resp.StatusCode != c.Status {
		t.Fatalf("%s %s: status %d %s, want %d", c.Method, c.Path, resp.StatusCode, b, c.Status)
	}
	for k, v := range c.WantHdr {
		if got := resp.Header.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("answer carries CORS header Access-Control-Allow-Origin: %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}
	if c.Error != "" {
		var e struct{ Error string }
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("error answer Content-Type %q", ct)
		}
		if err := json.Unmarshal(b, &e); err != nil || !strings.Contains(e.Error, c.Error) {
			t.Errorf("body %s: want {\"error\": …%s…} (%v)", b, c.Error, err)
		}
		return
	}
	if c.Method == "HEAD" || c.Status == 304 {
		if len(b) != 0 {
			t.Errorf("%s answer has a body: %q", c.Method, b)
		}
		return
	}
	if c.Check != nil {
		c.Check(t, b)
	}
}

func mustCanonical(doc []byte) ([]byte, string) {
	s, err := scenario.Parse(doc)
	if err != nil {
		panic(err)
	}
	c, err := s.Canonical()
	if err != nil {
		panic(err)
	}
	return c, scenario.ID(c)
}

// Post posts doc with the headers and returns the status, the error
// message of a JSON error answer and the Retry-After header.
func Post(t *testing.T, base string, client *http.Client, doc []byte, hdr map[string]string) (status int, msg, retryAfter string) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/api/share", bytes.NewReader(doc))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Errorf("POST /api/share: %v", err) // not Fatal: Class calls it from goroutines
		return 0, err.Error(), ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 400 {
		var e struct{ Error string }
		if err := json.Unmarshal(b, &e); err != nil || e.Error == "" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("error answer %d is not JSON {\"error\": …}: %q", resp.StatusCode, b)
		}
		msg = e.Error
	}
	return resp.StatusCode, msg, resp.Header.Get("Retry-After")
}

// Class posts n different scenarios at once with the same headers (a
// class behind one address sharing at the same moment): every one must be
// stored. first numbers the scenarios (Variant(first+i)).
func Class(t *testing.T, base string, client *http.Client, n, first int, hdr map[string]string) {
	t.Helper()
	var wg sync.WaitGroup
	codes := make([]int, n)
	msgs := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], msgs[i], _ = Post(t, base, client, Variant(first+i), hdr)
		}()
	}
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusCreated {
			t.Errorf("a class of %d sharing at once: student %d got %d %q", n, i, c, msgs[i])
		}
	}
}

// Until posts doc(i) with headers hdr(i) for i = 0, 1, … until an answer other than 201, at
// most max times, and requires that answer to be 429 with a message
// holding want and a Retry-After of at least one second. It returns how
// many were stored before.
func Until(t *testing.T, base string, client *http.Client, max int, doc func(i int) []byte, hdr func(i int) map[string]string, want string) int {
	t.Helper()
	for i := 0; i < max; i++ {
		status, msg, retry := Post(t, base, client, doc(i), hdr(i))
		if status == http.StatusCreated {
			continue
		}
		if status != http.StatusTooManyRequests || !strings.Contains(msg, want) {
			t.Fatalf("post %d: %d %q, want 429 %q", i+1, status, msg, want)
		}
		if n, err := strconv.Atoi(retry); err != nil || n < 1 {
			t.Errorf("429 %q with Retry-After %q, want whole seconds ≥ 1", msg, retry)
		}
		t.Logf("after %d posts: 429 %q (Retry-After: %s)", i, msg, retry)
		return i
	}
	t.Fatalf("%d posts, none refused (want 429 %q)", max, want)
	return 0
}
