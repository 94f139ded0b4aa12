package share

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"netplay/stack/scenario"
)

const (
	// APIPath is where scenarios are posted; GET APIPath+"/{id}" reads one.
	APIPath = "/api/share"
	// PagePrefix is the page URL of a short link: PagePrefix+id ("/s/{id}").
	// The page, not this handler, serves it.
	PagePrefix = "/s/"

	// maxDrain bounds how much of a rejected body is read and thrown away
	// so the connection can be reused (wrangler dev needs every body read).
	// A larger body ends the connection instead.
	maxDrain = 8 << 20
)

// Handler serves the share API over a Store:
//
//	POST /api/share        scenario JSON (≤ scenario.MaxSize; Content-Type application/json)
//	                       → 201 {"id":"…"}, Location: /api/share/{id}
//	GET  /api/share/{id}   → 200 the scenario's canonical JSON (HEAD too)
//
// Errors are JSON {"error":"…"}: 400 invalid scenario (the message names the
// field), 403 cross-origin POST, 404 unknown id or path, 405 method (with
// Allow), 413 body over scenario.MaxSize (at once, before reading it, when
// its Content-Length says so), 415 not JSON, 429 over a quota (Limits; with
// Retry-After), 500 store failure, 503 quota store failure. No
// listing, no deletion, and no CORS headers: only the page's own origin can
// post (a cross-origin browser POST of application/json needs a preflight,
// which gets 405).
type Handler struct {
	store Store
	// Log receives store failures; nil logs with the log package.
	Log func(format string, args ...any)
	// Limits refuses posts and new scenarios over a client's or the
	// store's quota (429 with Retry-After); nil sets no limit.
	Limits Limiter
	// Client names the client of a request for Limits; nil means
	// RemoteClient (the remote address).
	Client func(*http.Request) string
}

var _ http.Handler = (*Handler)(nil)

// NewHandler returns the share API handler over store. Mount it at "/api/"
// (or at APIPath and APIPath+"/"); it answers 404 for other paths.
func NewHandler(store Store) *Handler {
	return &Handler{store: store}
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Whatever happens, read what is left of the body: a runtime that
	// reuses the connection (net/http, workerd) must not find it there.
	// Error paths drain before answering (writeError).
	defer drain(w, r)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch {
	case r.URL.Path == APIPath:
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, r, http.StatusMethodNotAllowed, "%s %s: only POST is allowed here", r.Method, APIPath)
			return
		}
		h.post(w, r)
	case strings.HasPrefix(r.URL.Path, APIPath+"/"):
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, r, http.StatusMethodNotAllowed, "%s %s: only GET is allowed here", r.Method, r.URL.Path)
			return
		}
		h.get(w, r, strings.TrimPrefix(r.URL.Path, APIPath+"/"))
	default:
		writeError(w, r, http.StatusNotFound, "no API at %s", clip(r.URL.Path))
	}
}

func (h *Handler) post(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		writeError(w, r, http.StatusForbidden, "cross-origin requests are not allowed")
		return
	}
	client := h.client(r)
	if h.Limits != nil {
		if err := h.Limits.Post(r.Context(), client); err != nil {
			h.refuse(w, r, err)
			return
		}
	}
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || mt != "application/json" {
		writeError(w, r, http.StatusUnsupportedMediaType, "send the scenario as Content-Type: application/json (got %q)", clip(ct))
		return
	}
	if ce := r.Header.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		writeError(w, r, http.StatusUnsupportedMediaType, "Content-Encoding %q is not accepted; send the JSON uncompressed", clip(ce))
		return
	}
	tooLarge := func() {
		writeError(w, r, http.StatusRequestEntityTooLarge, "scenario is larger than %d bytes (%s, programs and files included)", scenario.MaxSize, scenario.MaxSizeText)
	}
	if r.ContentLength > scenario.MaxSize {
		// Answered before the body is read (drain leaves it alone): a
		// client that declares more than the limit, and perhaps sends it
		// slowly, must not hold the request open.
		w.Header().Set("Connection", "close")
		tooLarge()
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, scenario.MaxSize+1))
	if err != nil {
		writeError(w, r, http.StatusBadRequest, "reading the request body: %v", err)
		return
	}
	if len(body) > scenario.MaxSize {
		tooLarge()
		return
	}
	sc, err := scenario.Parse(body)
	if err != nil {
		writeError(w, r, http.StatusBadRequest, "%v", err)
		return
	}
	canon, err := sc.Canonical()
	if err != nil { // Parse validated it; cannot happen unless the two disagree
		writeError(w, r, http.StatusBadRequest, "%v", err)
		return
	}
	id := scenario.ID(canon)
	old, err := h.store.Get(r.Context(), id)
	switch {
	case err == nil && bytes.Equal(old, canon):
		// Shared before: nothing to store, nothing to count.
		w.Header().Set("Location", APIPath+"/"+id)
		writeJSON(w, http.StatusCreated, map[string]string{"id": id})
		return
	case err == nil: // other data under the id: Put reports the collision
	case errors.Is(err, ErrNotFound):
		if h.Limits != nil {
			if err := h.Limits.Store(r.Context(), client, len(canon)); err != nil {
				h.refuse(w, r, err)
				return
			}
		}
	default:
		h.logf("share: reading %s: %v", id, err)
		writeError(w, r, http.StatusInternalServerError, "the scenario could not be stored; try again later")
		return
	}
	if err := h.store.Put(r.Context(), id, canon); err != nil {
		h.logf("share: storing %s: %v", id, err)
		if errors.Is(err, ErrCollision) {
			writeError(w, r, http.StatusInternalServerError, "id %s already holds a different scenario (a hash collision); change the scenario slightly and share again", id)
			return
		}
		writeError(w, r, http.StatusInternalServerError, "the scenario could not be stored; try again later")
		return
	}
	w.Header().Set("Location", APIPath+"/"+id)
	writeJSON(w, http.StatusCreated, map[string]string{"id": id})
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request, id string) {
	if !scenario.ValidID(id) {
		writeError(w, r, http.StatusNotFound, "no scenario with id %q (an id is %d characters of 0-9A-Za-z)", clip(id), scenario.IDLen)
		return
	}
	data, err := h.store.Get(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		writeError(w, r, http.StatusNotFound, "no scenario with id %q", id)
		return
	}
	if err != nil {
		h.logf("share: reading %s: %v", id, err)
		writeError(w, r, http.StatusInternalServerError, "the scenario could not be read; try again later")
		return
	}
	etag := `"` + id + `"`
	hd := w.Header()
	hd.Set("ETag", etag)
	// The id is the content's hash: what is under it never changes.
	hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	if inm := r.Header.Get("If-None-Match"); inm != "" && (inm == etag || inm == "*") {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(http.StatusOK)
	// Written for HEAD too: net/http drops it (ErrBodyNotAllowed), and
	// workerd needs the body to match Content-Length (it discards it).
	w.Write(data)
}

func (h *Handler) client(r *http.Request) string {
	if h.Client != nil {
		return h.Client(r)
	}
	return RemoteClient(r)
}

// refuse answers a Limiter's refusal: 429 with Retry-After and its
// message; another error of the Limiter (its own store failing) is a 503.
func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, err error) {
	var le *LimitError
	if !errors.As(err, &le) {
		h.logf("share: quota: %v", err)
		writeError(w, r, http.StatusServiceUnavailable, "the share quota could not be checked; try again later")
		return
	}
	w.Header().Set("Retry-After", strconv.FormatInt(retryAfterSeconds(le.RetryAfter), 10))
	writeError(w, r, http.StatusTooManyRequests, "%s", le.Msg)
}

func (h *Handler) logf(format string, args ...any) {
	if h.Log != nil {
		h.Log(format, args...)
		return
	}
	log.Printf(format, args...)
}

// sameOrigin reports whether a request may come from the page's own origin:
// browsers send Sec-Fetch-Site and Origin on POST; other clients (curl,
// tests) send neither and are allowed.
func sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false // includes the opaque origin "null"
	}
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	return strings.EqualFold(u.Host, host)
}

// drain reads and discards what is left of the request body, up to
// maxDrain; beyond that it asks for the connection to be closed.
func drain(w http.ResponseWriter, r *http.Request) {
	if r.Body == nil || r.ContentLength > scenario.MaxSize {
		return // declared too large: answered at once, the connection closes
	}
	n, _ := io.Copy(io.Discard, io.LimitReader(r.Body, maxDrain+1))
	if n > maxDrain {
		w.Header().Set("Connection", "close") // only effective before the status is written
	}
	r.Body.Close()
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}

// writeError answers with {"error": …}. It drains the request body first:
// a client still sending (and wrangler dev) expects the body to be read
// before the answer.
func writeError(w http.ResponseWriter, r *http.Request, code int, format string, args ...any) {
	drain(w, r)
	writeJSON(w, code, map[string]string{"error": fmt.Sprintf(format, args...)})
}

// clip keeps client-supplied strings in messages short.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
