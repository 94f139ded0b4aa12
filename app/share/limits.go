package share

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// A Limiter decides whether a client may post and whether a new scenario
// may be stored. A refusal is a *LimitError: the handler answers 429 with
// its message and Retry-After.
type Limiter interface {
	// Post is asked for every POST before its body is read.
	Post(ctx context.Context, client string) error
	// Store is asked before a scenario of n bytes that the store does not
	// hold yet is stored; a scenario shared again costs nothing.
	Store(ctx context.Context, client string, n int) error
}

// LimitError is a Limiter's refusal.
type LimitError struct {
	RetryAfter time.Duration
	Msg        string
}

func (e *LimitError) Error() string { return e.Msg }

// ClientKey is who an address counts as for per-client limits: the IPv4
// address, or the /64 of an IPv6 address (one subscriber's network). ""
// for what is not an address.
func ClientKey(addr string) string {
	a, err := netip.ParseAddr(strings.TrimSpace(addr))
	if err != nil {
		if ap, err2 := netip.ParseAddrPort(strings.TrimSpace(addr)); err2 == nil {
			a, err = ap.Addr(), nil
		}
	}
	if err != nil {
		return ""
	}
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.WithZone("").Prefix(64)
		return p.String()
	}
	return a.String()
}

// RemoteClient is the client of a request to `netplay serve`: its
// remote address. ClientHeader makes a proxy's header count instead.
func RemoteClient(r *http.Request) string {
	return ClientKey(r.RemoteAddr)
}

// ClientHeader returns a client function that trusts a header a reverse
// proxy sets (e.g. "X-Forwarded-For", "X-Real-IP", "CF-Connecting-IP"):
// its last address, the one the nearest proxy added; without the header,
// the remote address. Only use it when every request comes through that
// proxy, or a client can name itself anyone.
func ClientHeader(name string) func(*http.Request) string {
	return func(r *http.Request) string {
		v := r.Header.Values(name)
		if len(v) == 0 {
			return RemoteClient(r)
		}
		last := v[len(v)-1]
		if i := strings.LastIndexByte(last, ','); i >= 0 {
			last = last[i+1:]
		}
		if k := ClientKey(last); k != "" {
			return k
		}
		return RemoteClient(r)
	}
}

// Quota are the limits of Limits, the Limiter of `netplay serve`.
type Quota struct {
	// A client may post PostBurst times at once, then once per PostEvery.
	PostBurst int
	PostEvery time.Duration
	// A client may store ClientBytes of new scenarios at once, then
	// ClientBytes per ClientWindow.
	ClientBytes  int64
	ClientWindow time.Duration
	// The store takes at most DailyBytes of new scenarios per UTC day
	// (from everyone).
	DailyBytes int64
}

// DefaultQuota are `netplay serve`'s limits. A class of 40 behind one NAT
// address that shares at once posts 40 times and stores 40 scenarios (a
// lecture's are a few KiB; 40 at the 1 MiB limit are 40 MiB): both fit
// the bursts with room for a second round. One client alone can add at
// most 64 MiB an hour; the whole store at most 1 GiB a day.
var DefaultQuota = Quota{
	PostBurst:    120,
	PostEvery:    time.Second,
	ClientBytes:  64 << 20,
	ClientWindow: time.Hour,
	DailyBytes:   1 << 30,
}

// Limits is a Limiter in memory, for one server process (a restart
// forgets the counts). The zero value is not usable; call NewLimits.
type Limits struct {
	q   Quota
	now func() time.Time

	mu      sync.Mutex
	clients map[string]*clientState
	day     string // UTC date of dayUsed
	dayUsed int64
}

type clientState struct {
	posts float64 // tokens
	bytes float64
	at    time.Time // when the tokens were counted
}

var _ Limiter = (*Limits)(nil)

// NewLimits returns a Limiter that enforces q.
func NewLimits(q Quota) *Limits { return NewLimitsAt(q, time.Now) }

// NewLimitsAt is NewLimits on the clock now (tests).
func NewLimitsAt(q Quota, now func() time.Time) *Limits {
	return &Limits{q: q, now: now, clients: map[string]*clientState{}}
}

// client returns the client's state with its tokens brought up to now.
func (l *Limits) client(key string, now time.Time) *clientState {
	c := l.clients[key]
	if c == nil {
		if len(l.clients) >= 100_000 {
			l.forgetFull(now)
		}
		c = &clientState{posts: float64(l.q.PostBurst), bytes: float64(l.q.ClientBytes), at: now}
		l.clients[key] = c
		return c
	}
	dt := now.Sub(c.at)
	c.at = now
	if l.q.PostEvery > 0 {
		c.posts = min(float64(l.q.PostBurst), c.posts+float64(dt)/float64(l.q.PostEvery))
	}
	if l.q.ClientWindow > 0 {
		c.bytes = min(float64(l.q.ClientBytes), c.bytes+float64(l.q.ClientBytes)*float64(dt)/float64(l.q.ClientWindow))
	}
	return c
}

// forgetFull drops the clients whose tokens are full again: they are
// like new ones (this bounds the map however many addresses write).
func (l *Limits) forgetFull(now time.Time) {
	for k, c := range l.clients {
		dt := now.Sub(c.at)
		if c.posts+float64(dt)/float64(l.q.PostEvery) >= float64(l.q.PostBurst) &&
			c.bytes+float64(l.q.ClientBytes)*float64(dt)/float64(l.q.ClientWindow) >= float64(l.q.ClientBytes) {
			delete(l.clients, k)
		}
	}
}

// Post implements Limiter.Post.
func (l *Limits) Post(ctx context.Context, client string) error {
	if l.q.PostBurst <= 0 {
		return nil
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.client(client, now)
	if c.posts < 1 {
		wait := time.Duration((1 - c.posts) * float64(l.q.PostEvery))
		return &LimitError{RetryAfter: wait, Msg: fmt.Sprintf(
			"too many shares from your address (%d at once, then one %s): try again in %s",
			l.q.PostBurst, per(l.q.PostEvery), seconds(wait))}
	}
	c.posts--
	return nil
}

// Store implements Limiter.Store.
func (l *Limits) Store(ctx context.Context, client string, n int) error {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if day := now.UTC().Format(time.DateOnly); day != l.day {
		l.day, l.dayUsed = day, 0
	}
	if l.q.DailyBytes > 0 && l.dayUsed+int64(n) > l.q.DailyBytes {
		wait := untilMidnightUTC(now)
		return &LimitError{RetryAfter: wait, Msg: fmt.Sprintf(
			"this server's share quota for today (%s of new scenarios) is used up: try again after 00:00 UTC (in %s), or use Copy link, which needs no server",
			size(l.q.DailyBytes), seconds(wait))}
	}
	if l.q.ClientBytes > 0 {
		c := l.client(client, now)
		if c.bytes < float64(n) {
			wait := time.Duration((float64(n) - c.bytes) / float64(l.q.ClientBytes) * float64(l.q.ClientWindow))
			return &LimitError{RetryAfter: wait, Msg: fmt.Sprintf(
				"your address has shared too much (%s at once, then %s %s): try again in %s",
				size(l.q.ClientBytes), size(l.q.ClientBytes), per(l.q.ClientWindow), seconds(wait))}
		}
		c.bytes -= float64(n)
	}
	l.dayUsed += int64(n)
	return nil
}

func untilMidnightUTC(now time.Time) time.Duration {
	u := now.UTC()
	next := time.Date(u.Year(), u.Month(), u.Day()+1, 0, 0, 0, 0, time.UTC)
	return next.Sub(u)
}

// seconds says a wait in whole seconds, at least 1 ("3 s").
func seconds(d time.Duration) string {
	return fmt.Sprintf("%d s", retryAfterSeconds(d))
}

func retryAfterSeconds(d time.Duration) int64 {
	s := int64((d + time.Second - 1) / time.Second)
	return max(s, 1)
}

// per says a period: "a second", "an hour", "every 90s".
func per(d time.Duration) string {
	switch d {
	case time.Second:
		return "a second"
	case time.Minute:
		return "a minute"
	case time.Hour:
		return "an hour"
	}
	return "every " + d.String()
}

// size says a byte count in the unit it is a whole number of.
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
