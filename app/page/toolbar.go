package page

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/gallery"
)

// renderToolbar: the gallery, Run / Stop / Step / Reset, the replay
// speed, sharing and downloads, the language.
func (p *Playground) renderToolbar() app.UI {
	entries := gallery.List()
	return app.Header().Class("np-toolbar").Body(
		app.Span().Class("np-brand").Text("netplay"),
		app.Select().ID("np-gallery").Title(p.t("gallery")).Aria("label", p.t("gallery")).
			OnChange(func(ctx app.Context, e app.Event) {
				// The edits of the scenario left stay saved: opening it
				// again brings them back.
				p.stopRun(ctx, e)
				p.saveDraft()
				p.loadGallery(ctx.JSSrc().Get("value").String())
				p.opened()
				p.prepareSoon(ctx)
			}).Body(
			app.Range(entries).Slice(func(i int) app.UI {
				return app.Option().Value(entries[i].ID).Selected(entries[i].ID == p.gallery).Text(entries[i].TitleIn(p.lang))
			}),
			app.If(p.gallery == "", app.Option().Value("").Selected(true).Text("—")),
		),
		app.Button().ID("np-run").Class("np-btn np-primary").Title(p.t("run.title")).
			Disabled(p.running || p.cfg.Runner == nil).OnClick(func(ctx app.Context, e app.Event) { p.run(ctx) }).
			Text("▶ "+p.t("run")),
		app.Button().ID("np-stop").Class("np-btn").Disabled(!p.running && !p.playing).OnClick(p.stopRun).Text("■ "+p.t("stop")),
		app.Button().ID("np-step").Class("np-btn").Title(p.t("step.title")).Disabled(p.running).OnClick(p.step).Text("⇥ "+p.t("step")),
		app.Button().ID("np-reset").Class("np-btn").Title(p.t("reset.title")).OnClick(p.reset).Text("⟲ "+p.t("reset")),
		app.Label().Class("np-speed").Body(
			app.Text(p.t("speed")+" "),
			app.Select().ID("np-speed").OnChange(func(ctx app.Context, e app.Event) {
				p.speed = ctx.JSSrc().Get("value").String()
			}).Body(
				app.Option().Value("all").Selected(p.speed == "all" || p.speed == "step").Text(p.t("speed.all")),
				app.Option().Value("slow").Selected(p.speed == "slow").Text(p.t("speed.slow")),
				app.Option().Value("fast").Selected(p.speed == "fast").Text(p.t("speed.fast")),
			),
		),
		app.Span().Class("np-spacer"),
		app.Button().ID("np-share").Class("np-btn").OnClick(p.shareLink).Text(p.t("share.link")),
		app.If(p.cfg.ShareAPI != "",
			app.Button().ID("np-short").Class("np-btn").OnClick(p.shortLink).Text(p.t("share.short")),
		),
		app.Button().ID("np-pcap").Class("np-btn").Title(p.t("pcap.title")).Disabled(!p.ranOK).OnClick(p.downloadPcap).Text("⤓ "+p.t("pcap")),
		app.Button().ID("np-text").Class("np-btn").Title(p.t("text.title")).Disabled(!p.ranOK).OnClick(p.downloadText).Text("⤓ "+p.t("text")),
		app.Button().ID("np-lang").Class("np-btn").Title(p.t("lang.title")).OnClick(p.toggleLang).Text(p.t("lang")),
	)
}

// toggleLang switches between Chinese and English and remembers it.
func (p *Playground) toggleLang(ctx app.Context, e app.Event) {
	if p.lang == LangZH {
		p.lang = LangEN
	} else {
		p.lang = LangZH
	}
	storeSetting("netplay.lang", p.lang)
	setDocumentLang(p.lang)
}
