//go:build !wasm

package page

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"netplay/app/share"
)

// TestShortLinkQuotaMessage: a refused short link shows the API's own
// message (a quota's 429 says what and until when), not a guess.
func TestShortLinkQuotaMessage(t *testing.T) {
	h := share.NewHandler(share.NewMemStore())
	h.Limits = share.NewLimits(share.Quota{PostBurst: 1, PostEvery: 3600e9})
	srv := httptest.NewServer(h)
	defer srv.Close()
	doc := []byte(`{"version":1,"hosts":[{"name":"a"}]}`)
	if _, err := postShort(srv.URL+share.APIPath, doc); err != nil {
		t.Fatal(err)
	}
	_, err := postShort(srv.URL+share.APIPath, doc)
	if err == nil || !strings.Contains(err.Error(), "short link: too many shares from your address") || strings.Contains(err.Error(), "does not store links") {
		t.Errorf("second post: %v", err)
	}
	nothing := httptest.NewServer(http.NotFoundHandler())
	defer nothing.Close()
	if _, err := postShort(nothing.URL+share.APIPath, doc); err == nil || !strings.Contains(err.Error(), "does not store links (404") {
		t.Errorf("a static host: %v", err)
	}
}
