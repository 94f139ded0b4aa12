package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"netplay/app/server"
	"netplay/app/share"
	"netplay/app/share/boltstore"
)

const serveUsage = "serve [--addr 127.0.0.1:8080] [--data DIR] [--web DIR] [--hosts NAME,…] [--origin URL] [--share-daily-mb N] [--client-header NAME]"

func init() {
	commands["serve"] = command{run: serveMain, usage: serveUsage}
}

// serveConfig is what the flags of netplay serve say.
type serveConfig struct {
	addr, data, web string
	hosts           []string // nil: server.DefaultHosts
	origin          string
	quota           share.Quota
	clientHeader    string // "": the remote address is the client
}

// serveMain: netplay serve [flags]
func serveMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg serveConfig
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	fs.StringVar(&cfg.data, "data", "data", "directory of the share-link store (created if missing)")
	fs.StringVar(&cfg.web, "web", "web", "directory holding app.wasm, editor.js and app.css (built by make)")
	hosts := fs.String("hosts", strings.Join(server.DefaultHosts, ","),
		"comma-separated host `names` the server answers for, besides the IP address a request arrives on (others get 421)")
	daily := fs.Int64("share-daily-mb", share.DefaultQuota.DailyBytes>>20, "MiB of new shared scenarios the store takes per UTC day, from everyone (then 429 until midnight UTC)")
	fs.StringVar(&cfg.clientHeader, "client-header", "", "a `header` a reverse proxy in front sets to the client's address (X-Forwarded-For, X-Real-IP): per-client share limits count by it; only when every request comes through that proxy")
	fs.StringVar(&cfg.origin, "origin", "", "the public origin, e.g. https://netplay.example.org, when served behind a proxy under that name (the page's og:url; its host is allowed)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: netplay "+serveUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "netplay serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	cfg.hosts = []string{}
	for _, h := range strings.Split(*hosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			cfg.hosts = append(cfg.hosts, h)
		}
	}
	if *daily <= 0 {
		fmt.Fprintln(stderr, "netplay serve: --share-daily-mb must be at least 1")
		return 2
	}
	cfg.quota = share.DefaultQuota
	cfg.quota.DailyBytes = *daily << 20
	if cfg.origin != "" {
		if _, err := server.ParseOrigin(cfg.origin); err != nil {
			fmt.Fprintf(stderr, "netplay serve: --origin: %v\n", err)
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, cfg, stdout); err != nil {
		fmt.Fprintf(stderr, "netplay serve: %v\n", err)
		return 1
	}
	return 0
}

// serve runs the server until ctx is done.
func serve(ctx context.Context, cfg serveConfig, stdout io.Writer) error {
	store, err := boltstore.Open(cfg.data)
	if err != nil {
		return err
	}
	defer store.Close()
	api := share.NewHandler(store)
	api.Limits = share.NewLimits(cfg.quota)
	if cfg.clientHeader != "" {
		api.Client = share.ClientHeader(cfg.clientHeader)
	}
	srv, err := server.New(server.Options{WebDir: cfg.web, Share: api, Hosts: cfg.hosts, Origin: cfg.origin})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "netplay: serving http://%s/ (share links in %s)\n", ln.Addr(), store.Path())
	return server.Serve(ctx, ln, srv, server.DefaultLimits)
}
