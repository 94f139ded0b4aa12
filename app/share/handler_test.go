package share_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"netplay/app/share"
	"netplay/app/share/sharetest"
)

func TestHandlerMemStore(t *testing.T) {
	st := share.NewMemStore()
	srv := httptest.NewServer(share.NewHandler(st))
	defer srv.Close()
	sharetest.Run(t, srv.URL, srv.Client())
	if st.Len() != 3 { // the table's scenario (posted 4 times), the large one and one variant
		t.Errorf("store holds %d scenarios, want 3 (only valid posts are stored, once)", st.Len())
	}
}

// TestHandlerDrainsRejectedBodies runs the table without a network, through
// httptest.NewRecorder, to show the handler itself (not net/http) drains.
func TestHandlerDrainsRejectedBodies(t *testing.T) {
	h := share.NewHandler(share.NewMemStore())
	for _, c := range sharetest.Cases() {
		if c.Body == nil || c.Status < 400 {
			continue
		}
		body := &countingReader{r: c.Body}
		req := httptest.NewRequest(c.Method, c.Path, body)
		for k, v := range c.Header {
			req.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != c.Status {
			t.Errorf("%s: status %d, want %d", c.Name, w.Code, c.Status)
		}
		if !body.eof {
			t.Errorf("%s: the rejected body was not read to the end (%d bytes read)", c.Name, body.n)
		}
	}
}

type countingReader struct {
	r   interface{ Read([]byte) (int, error) }
	n   int
	eof bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	if err != nil {
		c.eof = true
	}
	return n, err
}

type failingStore struct{ err error }

func (f failingStore) Get(context.Context, string) ([]byte, error) { return nil, f.err }
func (f failingStore) Put(context.Context, string, []byte) error   { return f.err }

func TestHandlerStoreFailure(t *testing.T) {
	var logged []string
	h := share.NewHandler(failingStore{errors.New("disk on fire")})
	h.Log = func(format string, args ...any) { logged = append(logged, format) }
	for _, c := range []sharetest.Case{
		{Name: "post", Method: "POST", Path: "/api/share", Header: map[string]string{"Content-Type": "application/json"},
			Body: strings.NewReader(sharetest.Scenario), Status: 500, Error: "could not be stored"},
		{Name: "get", Method: "GET", Path: "/api/share/0000000000A", Status: 500, Error: "could not be read"},
	} {
		srv := httptest.NewServer(h)
		sharetest.Do(t, srv.URL, srv.Client(), c)
		srv.Close()
	}
	if len(logged) != 2 {
		t.Errorf("logged %d store failures, want 2", len(logged))
	}
}

func TestHandlerCollision(t *testing.T) {
	st := share.NewMemStore()
	_, id := sharetest.Canonical(t, []byte(sharetest.Scenario))
	if err := st.Put(context.Background(), id, []byte(`{"other":1}`)); err != nil {
		t.Fatal(err)
	}
	h := share.NewHandler(st)
	h.Log = func(string, ...any) {}
	srv := httptest.NewServer(h)
	defer srv.Close()
	sharetest.Do(t, srv.URL, srv.Client(), sharetest.Case{Method: "POST", Path: "/api/share",
		Header: map[string]string{"Content-Type": "application/json"}, Body: strings.NewReader(sharetest.Scenario),
		Status: 500, Error: "hash collision"})
	got, _ := st.Get(context.Background(), id)
	if !bytes.Equal(got, []byte(`{"other":1}`)) {
		t.Errorf("collision overwrote the stored scenario: %s", got)
	}
}

func TestMemStore(t *testing.T) {
	ctx := context.Background()
	st := share.NewMemStore()
	if _, err := st.Get(ctx, "x"); !errors.Is(err, share.ErrNotFound) {
		t.Errorf("Get(missing) = %v, want ErrNotFound", err)
	}
	data := []byte("abc")
	if err := st.Put(ctx, "x", data); err != nil {
		t.Fatal(err)
	}
	data[0] = 'X' // the store keeps its own copy
	if err := st.Put(ctx, "x", []byte("abc")); err != nil {
		t.Errorf("Put of the same data again = %v", err)
	}
	if err := st.Put(ctx, "x", []byte("abd")); !errors.Is(err, share.ErrCollision) {
		t.Errorf("Put of other data = %v, want ErrCollision", err)
	}
	got, _ := st.Get(ctx, "x")
	if string(got) != "abc" {
		t.Errorf("Get = %q", got)
	}
}

var _ http.Handler = share.NewHandler(nil)
