//go:build js && wasm

package kvstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"syscall/js"
	"time"

	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/kv"

	"netplay/app/share"
	"netplay/internal/jspromise"
)

// Quota is the Worker's share.Limiter. Each request runs in a fresh Go
// runtime, so nothing is counted in memory:
//
//   - posts per client: the Workers rate limiting binding (wrangler.jsonc
//     "ratelimits"), keyed by the client, per Cloudflare location; it
//     costs no KV operation;
//   - new scenarios per UTC day: a counter in KV ("quota/" + date), one
//     KV write per new share besides the share's own, and a part of it
//     for one client. KV's free plan allows 1,000
//     writes a day, so the default budget of 450 shares keeps 100 writes
//     spare. KV is eventually consistent and allows one write a second to
//     a key: shares at the same moment may be counted once, so the budget
//     is approximate (never much over).
type Quota struct {
	ns        *kv.Namespace
	rate      js.Value // the rate limiting binding, or undefined
	perDay    int
	perClient int
	now       func() time.Time
}

var _ share.Limiter = (*Quota)(nil)

// quotaPrefix keeps the counters apart from the shares.
const quotaPrefix = "quota/"

// OpenQuota returns the quota on the KV namespace bound as kvBinding and
// the rate limiting binding rateBinding (none when it is not bound),
// allowing perDay new shares a day (0: no daily limit), perClient of them
// from one client.
func OpenQuota(kvBinding, rateBinding string, perDay, perClient int) (*Quota, error) {
	ns, err := kv.NewNamespace(kvBinding)
	if err != nil {
		return nil, fmt.Errorf("KV binding %s: %w", kvBinding, err)
	}
	return &Quota{ns: ns, rate: cloudflare.GetBinding(rateBinding), perDay: perDay, perClient: perClient, now: time.Now}, nil
}

// Post implements share.Limiter.Post with the rate limiting binding.
func (q *Quota) Post(ctx context.Context, client string) error {
	if q.rate.IsUndefined() || q.rate.IsNull() {
		return nil
	}
	opts := js.Global().Get("Object").New()
	opts.Set("key", "post/"+client)
	res, err := jspromise.Await(q.rate.Call("limit", opts))
	if err != nil {
		return fmt.Errorf("rate limit: %w", err)
	}
	if res.Get("success").Truthy() {
		return nil
	}
	return &share.LimitError{RetryAfter: time.Minute, Msg: "too many shares from your address in the last minute: try again in 60 s"}
}

// dayCount is the KV counter of one UTC day.
type dayCount struct {
	Shares  int            `json:"shares"`
	Clients map[string]int `json:"clients"` // by a digest of the day and the client
}

// Store implements share.Limiter.Store with the day's counter in KV.
func (q *Quota) Store(ctx context.Context, client string, n int) error {
	if q.perDay <= 0 {
		return nil
	}
	now := q.now().UTC()
	day := now.Format(time.DateOnly)
	key := quotaPrefix + day
	var c dayCount
	v, err := q.ns.GetString(key, nil)
	if err != nil {
		return fmt.Errorf("KV get %s: %w", key, err)
	}
	if v != kvMiss {
		if err := json.Unmarshal([]byte(v), &c); err != nil {
			return fmt.Errorf("KV %s: %w", key, err)
		}
	}
	if c.Clients == nil {
		c.Clients = map[string]int{}
	}
	midnight := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, time.UTC)
	wait := midnight.Sub(now)
	if c.Shares >= q.perDay {
		return &share.LimitError{RetryAfter: wait, Msg: fmt.Sprintf(
			"this site's share quota for today (%d new short links) is used up: try again after 00:00 UTC (in %d s), or use Copy link, which needs no server",
			q.perDay, int64(wait/time.Second)+1)}
	}
	sum := sha256.Sum256([]byte(day + "\x00" + client))
	who := hex.EncodeToString(sum[:8])
	if q.perClient > 0 && c.Clients[who] >= q.perClient {
		return &share.LimitError{RetryAfter: wait, Msg: fmt.Sprintf(
			"your address has made %d of today's %d new short links, its share: try again after 00:00 UTC (in %d s), or use Copy link, which needs no server",
			c.Clients[who], q.perDay, int64(wait/time.Second)+1)}
	}
	c.Shares++
	c.Clients[who]++
	b, _ := json.Marshal(c)
	// The counter lives two days (then KV drops it). A failed write (KV
	// allows one a second per key) leaves the count a little low: the
	// share itself may still be stored.
	q.ns.PutString(key, string(b), &kv.PutOptions{ExpirationTTL: 2 * 24 * 3600})
	return nil
}

// ParseCount reads a count from a Worker variable ("" or bad: def).
func ParseCount(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return def
	}
	return n
}
