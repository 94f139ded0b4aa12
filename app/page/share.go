package page

import (
	"bytes"
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// Share links: a #s= link holds the scenario itself; a short link /s/{id}
// names it in the share API (shortlink.go). Downloads give the trace as
// pcap or text.

// shareLink makes the #s= link of the current scenario.
func (p *Playground) shareLink(ctx app.Context, e app.Event) {
	p.syncDocs()
	p.tooLong = false
	frag, err := scenario.EncodeFragment(p.sc)
	if err != nil {
		p.notice = err.Error()
		return
	}
	h := scenario.FragmentPrefix + frag
	if link := origin() + "/" + h; len(link) > MaxURLLink {
		// Browsers, chat programs and servers cut or refuse such URLs:
		// the share API keeps the scenario instead.
		p.link = ""
		p.notice = fmt.Sprintf(p.t("share.toolong"), len(link), MaxURLLink)
		p.tooLong = true
		return
	}
	setLocationHash(h)
	p.link = origin() + "/" + h
	p.copyLink(ctx)
}

// copyLink puts the link on the clipboard and says whether it is there;
// the link is shown in a field either way, to copy by hand.
func (p *Playground) copyLink(ctx app.Context) {
	link := p.link
	p.notice = p.t("share.link.made")
	root := p.rootCtx(ctx)
	root.Async(func() {
		took := make(chan bool, 1)
		copyText(link, func(ok bool) { took <- ok })
		ok := <-took
		root.Dispatch(func(ctx app.Context) {
			if p.link != link {
				return
			}
			if ok {
				p.notice = p.t("share.copied")
			} else {
				p.notice = p.t("share.nocopy")
			}
		})
	})
}

// MaxURLLink is the longest #s= link the page makes: a longer one is "too
// long for a URL", and the page offers the short link instead.
const MaxURLLink = 8000

// shortLink stores the scenario through the share API and shows /s/{id}.
func (p *Playground) shortLink(ctx app.Context, e app.Event) {
	p.syncDocs()
	body, err := p.sc.Canonical()
	if err != nil {
		p.notice = err.Error()
		return
	}
	api := origin() + p.cfg.ShareAPI
	root := p.rootCtx(ctx)
	root.Async(func() {
		id, err := postShort(api, body)
		root.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.notice = err.Error()
				return
			}
			p.link = origin() + "/s/" + id
			p.copyLink(ctx)
		})
	})
}

// openFragment opens the scenario of a #s= fragment, or the empty
// playground with a message when the link is damaged.
func (p *Playground) openFragment(h string) {
	sc, err := scenario.DecodeFragment(h)
	if err != nil {
		p.openBlank(err)
		return
	}
	p.setScenario(sc, "")
	p.draftKey = linkKey(h)
	p.link = origin() + "/" + h
}

// openShort loads the scenario of the short link /s/{id} from the share
// API and opens it, or the empty playground with the reason.
func (p *Playground) openShort(ctx app.Context, id string) {
	ctx.Async(func() {
		sc, err := fetchShort(origin()+p.cfg.ShareAPI, id)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.openBlank(err)
				return
			}
			p.setScenario(sc, "")
			p.draftKey = linkKey("/s/" + id)
			p.link = origin() + "/s/" + id
			p.opened()
			p.prepareSoon(ctx)
		})
	})
}

func (p *Playground) downloadPcap(ctx app.Context, e app.Event) {
	var b bytes.Buffer
	// pcapng, so that the frames a fault dropped say so (a comment).
	if err := trace.WritePcapng(&b, p.events); err != nil {
		p.notice = err.Error()
		return
	}
	download(p.fileBase()+".pcapng", "application/x-pcapng", b.Bytes())
}

func (p *Playground) downloadText(ctx app.Context, e app.Event) {
	var b bytes.Buffer
	if err := trace.WriteText(&b, p.events, trace.TextOptions{}); err != nil {
		p.notice = err.Error()
		return
	}
	download(p.fileBase()+".txt", "text/plain;charset=utf-8", b.Bytes())
}

// fileBase names downloads after the gallery scenario.
func (p *Playground) fileBase() string {
	if p.gallery != "" {
		return "netplay-" + p.gallery
	}
	return "netplay"
}
