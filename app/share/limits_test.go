package share_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"netplay/app/share"
	"netplay/app/share/sharetest"
	"netplay/stack/scenario"
)

// bigVariant is a distinct scenario near the size limit (a course with
// many files).
func bigVariant(n int) []byte {
	pad := strings.Repeat("x", scenario.MaxSize-2048)
	return []byte(strings.Replace(string(sharetest.Variant(n)), `int main(void) { return 0; }`, `/* `+pad+` */ int main(void) { return 0; }`, 1))
}

// limitServer serves the API over memory with quota q; clients are named
// by X-Forwarded-For so that one test can be several clients.
func limitServer(t *testing.T, q share.Quota) (string, *http.Client) {
	h := share.NewHandler(share.NewMemStore())
	h.Limits = share.NewLimits(q)
	h.Client = share.ClientHeader("X-Forwarded-For")
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL, srv.Client()
}

func from(addr string) map[string]string {
	return map[string]string{"X-Forwarded-For": "192.0.2.1, " + addr}
}

func always(addr string) func(int) map[string]string {
	return func(int) map[string]string { return from(addr) }
}

// TestLimitsDefault: a class of 40 behind one address shares at once,
// scenarios at the size limit included, and gets no 429; a script that
// keeps posting from one address does, with a message and Retry-After,
// while another address still shares.
func TestLimitsDefault(t *testing.T) {
	base, client := limitServer(t, share.DefaultQuota)
	sharetest.Class(t, base, client, 40, 0, from("198.51.100.1"))
	// The same class again at once: still within the burst.
	sharetest.Class(t, base, client, 40, 100, from("198.51.100.1"))
	// 40 scenarios at the size limit at once.
	for i := range 40 {
		if status, msg, _ := sharetest.Post(t, base, client, bigVariant(200+i), from("198.51.100.2")); status != 201 {
			t.Fatalf("student %d sharing a %d-byte scenario: %d %q", i, len(bigVariant(200+i)), status, msg)
		}
	}
	// A flood of posts of one scenario (nothing new to store).
	n := sharetest.Until(t, base, client, 1000, func(int) []byte { return sharetest.Variant(0) }, always("198.51.100.3"), "too many shares from your address")
	if n < share.DefaultQuota.PostBurst || n > share.DefaultQuota.PostBurst+10 {
		t.Errorf("the flood was refused after %d posts, want %d (the burst)", n, share.DefaultQuota.PostBurst)
	}
	if status, msg, _ := sharetest.Post(t, base, client, sharetest.Variant(999), from("198.51.100.4")); status != 201 {
		t.Errorf("another address during the flood: %d %q", status, msg)
	}
}

// TestLimitsQuota: the per-client byte quota and the store's daily quota.
func TestLimitsQuota(t *testing.T) {
	q := share.DefaultQuota
	canon, _ := sharetest.Canonical(t, sharetest.Variant(0))
	q.ClientBytes = 100 * int64(len(canon)) // about 100 new scenarios
	base, client := limitServer(t, q)
	n := sharetest.Until(t, base, client, 500, sharetest.Variant, always("198.51.100.1"), "your address has shared too much")
	if n < 95 || n > 101 {
		t.Errorf("refused after %d new scenarios, want about 100", n)
	}
	// Sharing one already stored costs nothing.
	if status, msg, _ := sharetest.Post(t, base, client, sharetest.Variant(0), from("198.51.100.1")); status != 201 {
		t.Errorf("re-sharing a stored scenario over the quota: %d %q", status, msg)
	}

	q = share.DefaultQuota
	q.DailyBytes = 50 * int64(len(canon))
	base, client = limitServer(t, q)
	n = sharetest.Until(t, base, client, 500, func(i int) []byte { return sharetest.Variant(1000 + i) }, always("198.51.100.1"), "share quota for today")
	if n < 45 || n > 51 {
		t.Errorf("the day's quota ran out after %d, want about 50", n)
	}
	// It is the store's: another address is refused too.
	if status, msg, retry := sharetest.Post(t, base, client, sharetest.Variant(5000), from("198.51.100.2")); status != 429 || !strings.Contains(msg, "00:00 UTC") || retry == "" {
		t.Errorf("another address after the day's quota: %d %q Retry-After %q", status, msg, retry)
	}
}

// TestLimitsClock: tokens come back with time; the day's quota at 00:00 UTC.
func TestLimitsClock(t *testing.T) {
	now := time.Date(2026, 12, 3, 23, 59, 0, 0, time.UTC)
	l := share.NewLimitsAt(share.Quota{PostBurst: 2, PostEvery: 10 * time.Second, ClientBytes: 100, ClientWindow: time.Hour, DailyBytes: 150}, func() time.Time { return now })
	ctx := context.Background()
	retry := func(err error) time.Duration {
		var le *share.LimitError
		if !errors.As(err, &le) {
			t.Fatalf("%v is not a LimitError", err)
		}
		return le.RetryAfter
	}
	for i := range 2 {
		if err := l.Post(ctx, "a"); err != nil {
			t.Fatalf("post %d of the burst of 2: %v", i+1, err)
		}
	}
	if err := l.Post(ctx, "a"); err == nil || retry(err) != 10*time.Second || !strings.Contains(err.Error(), "try again in 10 s") {
		t.Fatalf("third post: %v", err)
	}
	now = now.Add(5 * time.Second)
	if err := l.Post(ctx, "a"); err == nil || retry(err) != 5*time.Second {
		t.Fatalf("half a token later: %v", err)
	}
	if l.Post(ctx, "b") != nil {
		t.Fatal("another client was refused")
	}
	now = now.Add(5 * time.Second)
	if err := l.Post(ctx, "a"); err != nil {
		t.Fatalf("a token later: %v", err)
	}
	if l.Store(ctx, "a", 80) != nil {
		t.Fatal("80 of 100 bytes refused")
	}
	if err := l.Store(ctx, "a", 30); err == nil || retry(err) != 6*time.Minute || !strings.Contains(err.Error(), "your address has shared too much") {
		t.Fatalf("30 more bytes: %v", err) // 10 missing of 100 an hour: 6 minutes
	}
	if err := l.Store(ctx, "b", 80); err == nil || retry(err) != 50*time.Second || !strings.Contains(err.Error(), "today") {
		t.Fatalf("over the day's 150: %v", err)
	}
	now = now.Add(50 * time.Second) // 00:00 UTC
	if err := l.Store(ctx, "b", 80); err != nil {
		t.Fatalf("a new day: %v", err)
	}
}

// TestClientKey: an IPv6 client is its /64.
func TestClientKey(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.1:5000": "192.0.2.1", "[2001:db8:1:2:3:4:5:6]:80": "2001:db8:1:2::/64", "2001:db8:1:2::9": "2001:db8:1:2::/64",
		"::ffff:192.0.2.1": "192.0.2.1", " 192.0.2.7 ": "192.0.2.7", "nonsense": "",
	} {
		if got := share.ClientKey(in); got != want {
			t.Errorf("ClientKey(%q) = %q, want %q", in, got, want)
		}
	}
	r := httptest.NewRequest("POST", "/", nil)
	r.RemoteAddr = "203.0.113.9:1234"
	r.Header.Add("X-Forwarded-For", "10.0.0.1, 198.51.100.7")
	if got := share.ClientHeader("X-Forwarded-For")(r); got != "198.51.100.7" {
		t.Errorf("X-Forwarded-For: %q, want the last address", got)
	}
	if got := share.ClientHeader("X-Real-IP")(r); got != "203.0.113.9" {
		t.Errorf("without the header: %q, want the remote address", got)
	}

}
