package server

import (
	"bytes"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// goappFiles are go-app's own files besides the page. They depend on
// nothing in a request, so New renders each once and serves it like a
// file of the web directory.
var goappFiles = []string{"app.js", "wasm_exec.js", "app-worker.js", "manifest.webmanifest", "app.css"}

// pageDoc is the prerendered page, canonical (see canonicalHTML), cut
// around its og:url tag, the one part that depends on the request.
type pageDoc struct {
	before, after []byte
}

// ogPlaceholder is the host the page is rendered for, to find its og:url.
const ogPlaceholder = "og-url.netplay.invalid"

// bytes returns the page with og:url set to ogURL (no og:url tag when
// ogURL is "").
func (d *pageDoc) bytes(ogURL string) []byte {
	b := make([]byte, 0, len(d.before)+len(d.after)+len(ogURL)+48)
	b = append(b, d.before...)
	if ogURL != "" {
		b = append(b, `<meta content="`...)
		b = append(b, html.EscapeString(ogURL)...)
		b = append(b, `" property="og:url">`...)
	}
	return append(b, d.after...)
}

// render asks go-app's handler for path and returns the status, the
// Content-Type and the body.
func render(h http.Handler, path string) (int, string, []byte, error) {
	r, err := http.NewRequest(http.MethodGet, "http://"+ogPlaceholder+path, nil)
	if err != nil {
		return 0, "", nil, err
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	h.ServeHTTP(rec, r)
	return rec.status, rec.header.Get("Content-Type"), rec.body.Bytes(), nil
}

// renderPage prerenders the page and makes it canonical.
func renderPage(h http.Handler) (*pageDoc, error) {
	status, _, body, err := render(h, "/")
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("prerendering the page: status %d", status)
	}
	canon := canonicalHTML(body)
	// go-app's viewport forbids pinch-zoom (maximum-scale=1,
	// user-scalable=0): a learner on a phone must be able to zoom into the
	// diagram and the code.
	if bytes.Count(canon, goappViewport) != 1 {
		return nil, fmt.Errorf("the prerendered page has no viewport tag %s", goappViewport)
	}
	canon = bytes.Replace(canon, goappViewport, zoomableViewport, 1)
	tag := []byte(`<meta content="http://` + ogPlaceholder + `/" property="og:url">`)
	i := bytes.Index(canon, tag)
	if i < 0 || bytes.Count(canon, tag) != 1 {
		return nil, fmt.Errorf("the prerendered page has no og:url tag %s", tag)
	}
	return &pageDoc{before: canon[:i], after: canon[i+len(tag):]}, nil
}

var (
	goappViewport    = []byte(`<meta content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover" name="viewport">`)
	zoomableViewport = []byte(`<meta content="width=device-width, initial-scale=1, viewport-fit=cover" name="viewport">`)
)

// booleanAttrs are the HTML attributes whose presence alone means true.
// go-app prerenders a false one as name="false", which HTML reads as
// true (every option of a select "selected", a checkbox "checked").
var booleanAttrs = map[string]bool{
	"allowfullscreen": true, "async": true, "autofocus": true, "autoplay": true, "checked": true, "controls": true,
	"default": true, "defer": true, "disabled": true, "formnovalidate": true, "hidden": true, "inert": true,
	"ismap": true, "loop": true, "multiple": true, "muted": true, "nomodule": true, "novalidate": true, "open": true,
	"readonly": true, "required": true, "reversed": true, "selected": true,
}

// canonicalHTML rewrites the start tags of HTML that go-app printed so
// that the same page is always the same bytes: go-app writes an
// element's attributes in map order (a different order each time) and
// quotes their values as Go strings. Each start tag gets its attributes
// sorted by name, values HTML-escaped, and boolean attributes that are
// "false" left out. Text (escaped by go-app), end tags and anything that
// does not parse as go-app's start tag are copied as they are.
func canonicalHTML(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for len(src) > 0 {
		i := bytes.IndexByte(src, '<')
		if i < 0 {
			return append(out, src...)
		}
		out = append(out, src[:i]...)
		src = src[i:]
		tag, n, ok := parseStartTag(src)
		if !ok {
			out = append(out, '<')
			src = src[1:]
			continue
		}
		out = tag.appendTo(out)
		src = src[n:]
	}
	return out
}

type startTag struct {
	name  string
	attrs []attr
}

type attr struct {
	name, value string
	bare        bool // written without a value
}

// parseStartTag parses `<name( attr| attr="Go-quoted")*>` at the start of
// b and returns it and its length.
func parseStartTag(b []byte) (startTag, int, bool) {
	var t startTag
	i := 1
	for i < len(b) && isNameByte(b[i]) {
		i++
	}
	if i == 1 {
		return t, 0, false
	}
	t.name = string(b[1:i])
	for {
		if i >= len(b) {
			return t, 0, false
		}
		switch b[i] {
		case '>':
			return t, i + 1, true
		case ' ':
			i++
		default:
			return t, 0, false
		}
		j := i
		for j < len(b) && isNameByte(b[j]) {
			j++
		}
		if j == i || j >= len(b) {
			return t, 0, false
		}
		a := attr{name: string(b[i:j])}
		i = j
		if b[i] != '=' {
			a.bare = true
			t.attrs = append(t.attrs, a)
			continue
		}
		n := quotedLen(b[i+1:])
		if n == 0 {
			return t, 0, false
		}
		var err error
		if a.value, err = strconv.Unquote(string(b[i+1 : i+1+n])); err != nil {
			return t, 0, false
		}
		i += 1 + n
		t.attrs = append(t.attrs, a)
	}
}

// quotedLen is the length of the double-quoted Go string at the start of
// b, 0 if there is none.
func quotedLen(b []byte) int {
	if len(b) == 0 || b[0] != '"' {
		return 0
	}
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		case '\n':
			return 0
		}
	}
	return 0
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == ':' || c == '.'
}

func (t startTag) appendTo(out []byte) []byte {
	slices.SortStableFunc(t.attrs, func(a, b attr) int { return strings.Compare(a.name, b.name) })
	out = append(out, '<')
	out = append(out, t.name...)
	for _, a := range t.attrs {
		if !a.bare && a.value == "false" && booleanAttrs[strings.ToLower(a.name)] {
			continue
		}
		out = append(out, ' ')
		out = append(out, a.name...)
		if !a.bare {
			out = append(out, `="`...)
			out = append(out, html.EscapeString(a.value)...)
			out = append(out, '"')
		}
	}
	return append(out, '>')
}

// DefaultHosts are the host names `netplay serve` answers for besides
// the addresses it listens on.
var DefaultHosts = []string{"localhost"}

// hostAllowed reports whether a request's Host names this server: one of
// hosts (any port), or the IP address the request arrived on. A page on
// another name whose DNS now points here (DNS rebinding) names its own
// host and is refused.
func hostAllowed(r *http.Request, hosts []string) bool {
	name := r.Host
	if h, port, err := net.SplitHostPort(name); err == nil {
		if _, err := strconv.ParseUint(port, 10, 16); err != nil {
			return false
		}
		name = h
	}
	name = strings.TrimSuffix(strings.Trim(name, "[]"), ".")
	if name == "" {
		return false
	}
	for _, h := range hosts {
		if strings.EqualFold(name, h) {
			return true
		}
	}
	ip, err := netip.ParseAddr(name)
	if err != nil {
		return false
	}
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return false
	}
	lp, err := netip.ParseAddrPort(local.String())
	return err == nil && lp.Addr().Unmap() == ip.Unmap()
}

// ParseOrigin checks a public origin ("https://netplay.example.org") and
// returns it without a trailing slash.
func ParseOrigin(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") ||
		u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("origin %q: want scheme://host[:port], e.g. https://netplay.example.org", s)
	}
	return u.Scheme + "://" + u.Host, nil
}

// originHost is the host name of an origin parsed by ParseOrigin.
func originHost(origin string) string {
	u, err := url.Parse(origin)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// recorder keeps a handler's response in memory (render).
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}
