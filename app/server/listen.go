package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"

	"netplay/app/share"
)

// Limits bound what one connection, one client and all of them together
// can hold of the server: a stranger with a script must not be able to keep
// a class from the page.
type Limits struct {
	// ReadHeaderTimeout bounds the wait for a request's headers.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading a whole request, body included (a body
	// sent slowly is cut there).
	ReadTimeout time.Duration
	// WriteTimeout bounds writing a response; a large static file gets it
	// again for every WriteChunk it sends (at least WriteChunk per
	// WriteTimeout, so a slow classroom link still gets app.wasm).
	WriteTimeout time.Duration
	// IdleTimeout closes a keep-alive connection without a request.
	IdleTimeout time.Duration
	// MaxHeaderBytes bounds the request line and headers.
	MaxHeaderBytes int
	// MaxConns is the most connections held at once; MaxConnsPerClient the
	// most from one client (share.ClientKey: an IPv4 address, an IPv6 /64). A connection
	// over either limit closes the oldest connection without a request in
	// progress (idle between requests, or not done sending its headers);
	// when every one is busy the newcomer is closed.
	MaxConns, MaxConnsPerClient int
}

// WriteChunk is how much of a large static file is written per
// WriteTimeout.
const WriteChunk = 256 << 10

// DefaultLimits are `netplay serve`'s. A class of 40 behind one NAT
// address is one client opening about 6 connections a learner (browsers'
// per-host limit), well under MaxConnsPerClient; a slow link only has to
// carry WriteChunk per WriteTimeout to get app.wasm, however large it is.
var DefaultLimits = Limits{
	ReadHeaderTimeout: 10 * time.Second,
	ReadTimeout:       60 * time.Second,
	WriteTimeout:      30 * time.Second,
	IdleTimeout:       60 * time.Second,
	MaxHeaderBytes:    64 << 10,
	MaxConns:          4096,
	MaxConnsPerClient: 512,
}

// Serve serves h on ln with lim until ctx is done, then shuts down
// (waiting up to 5 s for requests in progress).
func Serve(ctx context.Context, ln net.Listener, h http.Handler, lim Limits) error {
	hs, g := newHTTPServer(ln, h, lim)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(g) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newHTTPServer returns the http.Server Serve runs and the listener it
// serves.
func newHTTPServer(ln net.Listener, h http.Handler, lim Limits) (*http.Server, *connGuard) {
	g := newConnGuard(ln, lim)
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: lim.ReadHeaderTimeout,
		ReadTimeout:       lim.ReadTimeout,
		WriteTimeout:      lim.WriteTimeout,
		IdleTimeout:       lim.IdleTimeout,
		MaxHeaderBytes:    lim.MaxHeaderBytes,
		ConnState:         g.track,
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			return context.WithValue(ctx, writeTimeoutKey{}, lim.WriteTimeout)
		},
	}, g
}

type writeTimeoutKey struct{}

// extendWrite gives a response another WriteTimeout from now (for the
// next chunk of a large file); a no-op outside Serve.
func extendWrite(w http.ResponseWriter, r *http.Request) {
	d, _ := r.Context().Value(writeTimeoutKey{}).(time.Duration)
	if d > 0 {
		http.NewResponseController(w).SetWriteDeadline(time.Now().Add(d))
	}
}

// connGuard is a listener that holds at most MaxConns connections, at
// most MaxConnsPerClient from one client, making room by closing the
// connection that has waited longest without a request in progress.
type connGuard struct {
	net.Listener
	lim Limits

	mu       sync.Mutex
	conns    map[net.Conn]*connInfo
	byClient map[string]int
}

type connInfo struct {
	client string
	busy   bool      // a request is being handled
	since  time.Time // when it last became not busy
}

func newConnGuard(ln net.Listener, lim Limits) *connGuard {
	return &connGuard{Listener: ln, lim: fitFDs(lim), conns: map[net.Conn]*connInfo{}, byClient: map[string]int{}}
}

// fitFDs keeps MaxConns under the process's file limit (Go raises the
// soft limit to the hard one at start), with room for the store and the
// web directory.
func fitFDs(lim Limits) Limits {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err == nil && rl.Cur > 256 {
		if room := int(min(rl.Cur-128, 1<<30)); lim.MaxConns > room {
			lim.MaxConns = room
		}
	}
	return lim
}

// Accept returns the next connection it admits.
func (g *connGuard) Accept() (net.Conn, error) {
	for {
		c, err := g.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if g.admit(c) {
			return c, nil
		}
		c.Close()
	}
}

func (g *connGuard) admit(c net.Conn) bool {
	client := share.ClientKey(c.RemoteAddr().String())
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.lim.MaxConnsPerClient > 0 && g.byClient[client] >= g.lim.MaxConnsPerClient && !g.evict(client) {
		return false
	}
	if g.lim.MaxConns > 0 && len(g.conns) >= g.lim.MaxConns && !g.evict("") {
		return false
	}
	g.conns[c] = &connInfo{client: client, since: time.Now()}
	g.byClient[client]++
	return true
}

// evict closes the connection of client (any client for "") that has
// waited longest without a request in progress; false if there is none.
func (g *connGuard) evict(client string) bool {
	var oldest net.Conn
	var at time.Time
	for c, in := range g.conns {
		if in.busy || client != "" && in.client != client {
			continue
		}
		if oldest == nil || in.since.Before(at) {
			oldest, at = c, in.since
		}
	}
	if oldest == nil {
		return false
	}
	g.forget(oldest)
	oldest.Close()
	return true
}

func (g *connGuard) forget(c net.Conn) {
	in, ok := g.conns[c]
	if !ok {
		return
	}
	delete(g.conns, c)
	if g.byClient[in.client]--; g.byClient[in.client] <= 0 {
		delete(g.byClient, in.client)
	}
}

// track is the http.Server's ConnState hook. StateActive begins once a
// request's headers are in; a connection still sending them counts as
// waiting (and is the first to go when room is needed).
func (g *connGuard) track(c net.Conn, st http.ConnState) {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch st {
	case http.StateClosed, http.StateHijacked:
		g.forget(c)
	case http.StateActive:
		if in := g.conns[c]; in != nil {
			in.busy = true
		}
	case http.StateIdle:
		if in := g.conns[c]; in != nil {
			in.busy, in.since = false, time.Now()
		}
	}
}

// open returns how many connections the guard holds (tests).
func (g *connGuard) open() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.conns)
}
