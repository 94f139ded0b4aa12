package page

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/app/diagram"
	"netplay/app/editor"
	"netplay/app/gallery"
	"netplay/stack/trace"
)

// Render implements app.Composer: the page grid of PAGE.md.
func (p *Playground) Render() app.UI {
	return app.Div().ID("np-page").Class("np-page").Lang(p.lang).DataSet("runs", p.runs).DataSet("upto", p.upto).Body(
		p.renderToolbar(),
		app.Div().Class("np-main").Body(
			app.Section().Class("np-left").Aria("label", p.t("topology")).Body(
				p.renderTopology(),
				p.renderEditors(),
			),
			app.Section().Class("np-right").Aria("label", p.t("diagram")).Body(
				p.renderDiagramPane(),
			),
		),
		app.Div().Class("np-bottom").Body(
			p.renderConsole(),
			app.Section().Class("np-sockets-inspector").Body(
				p.renderSockets(),
				p.renderInspector(),
			),
		),
	)
}

func (p *Playground) renderToolbar() app.UI {
	entries := gallery.List()
	return app.Header().Class("np-toolbar").Body(
		app.Span().Class("np-brand").Text("netplay"),
		app.Select().ID("np-gallery").Title(p.t("gallery")).Aria("label", p.t("gallery")).
			OnChange(func(ctx app.Context, e app.Event) {
				p.loadGallery(ctx.JSSrc().Get("value").String())
				p.prepareSoon(ctx)
			}).Body(
			app.Range(entries).Slice(func(i int) app.UI {
				return app.Option().Value(entries[i].ID).Selected(entries[i].ID == p.gallery).Text(entries[i].Title)
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

func (p *Playground) renderTopology() app.UI {
	sc := p.sc
	return app.Div().Class("np-topology").Body(
		app.H2().Text(p.t("topology")),
		app.Range(sc.Hosts).Slice(func(i int) app.UI {
			h := sc.Hosts[i]
			return app.Div().Class("np-host-row").Body(
				app.Input().Class("np-host-name").Value(h.Name).Aria("label", p.t("name")).OnChange(p.renameHost(i)),
				app.Input().Class("np-host-addrs").Value(strings.Join(h.Addrs, ", ")).Aria("label", p.t("addrs")).OnChange(p.setAddrs(i)),
				app.Input().Class("np-host-args").Value(strings.Join(h.Args, " ")).Placeholder(p.t("args")).Aria("label", p.t("args")).OnChange(p.setArgs(i)),
				app.Label().Class("np-host-router").Title(p.t("router.title")).Body(
					app.Input().Type("checkbox").Class("np-host-forward").Checked(h.Forward).OnChange(p.setForward(i)),
					app.Text(p.t("router")),
				),
				app.Button().Class("np-btn np-small np-host-remove").Title(p.t("remove")+" "+h.Name).Aria("label", p.t("remove")+" "+h.Name).OnClick(p.removeHost(i)).Text("✕"),
			)
		}),
		app.Range(sc.Links).Slice(func(i int) app.UI {
			l := sc.Links[i]
			return app.Div().Class("np-link-row").Body(
				app.Span().Text(p.t("link")),
				app.Input().Class("np-link-hosts").Value(strings.Join(l.Hosts, ", ")).Aria("label", p.t("link.hosts")).Title(p.t("link.hosts")).OnChange(p.setLinkHosts(i)),
				app.Label().Body(app.Text(p.t("delay")+" "),
					app.Input().Class("np-link-delay").Value(l.Delay.D().String()).OnChange(p.setDelay(i))),
				app.Label().Body(app.Text(p.t("loss")+" "),
					app.Input().Class("np-link-loss").Value(strconv.FormatFloat(l.Loss, 'g', -1, 64)).OnChange(p.setLoss(i))),
				app.Button().Class("np-btn np-small np-link-remove").Title(p.t("remove")).Aria("label", p.t("remove")+" "+p.t("link")).OnClick(p.removeLink(i)).Text("✕"),
			)
		}),
		app.Range(sc.Routes).Slice(func(i int) app.UI {
			r := sc.Routes[i]
			return app.Div().Class("np-route-row").Body(
				app.Span().Text(p.t("route")),
				app.Input().Class("np-route-host").Value(r.Host).Aria("label", p.t("route.host")).Placeholder(p.t("route.host")).OnChange(p.setRoute(i, "host")),
				app.Input().Class("np-route-to").Value(r.To).Aria("label", p.t("route.to")).Placeholder("0.0.0.0/0").OnChange(p.setRoute(i, "to")),
				app.Span().Text(p.t("route.via")),
				app.Input().Class("np-route-via").Value(r.Via).Aria("label", p.t("route.via")).Placeholder(p.t("route.onlink")).OnChange(p.setRoute(i, "via")),
				app.Button().Class("np-btn np-small np-route-remove").Title(p.t("remove")).Aria("label", p.t("remove")+" "+p.t("route")).OnClick(p.removeRoute(i)).Text("✕"),
			)
		}),
		app.Div().Class("np-topo-buttons").Body(
			app.Button().ID("np-addhost").Class("np-btn np-small").OnClick(p.addHost).Text(p.t("addhost")),
			app.Button().ID("np-addlink").Class("np-btn np-small").OnClick(p.addLink).Text(p.t("addlink")),
			app.Button().ID("np-addroute").Class("np-btn np-small").OnClick(p.addRoute).Text(p.t("addroute")),
		),
		app.If(len(sc.Faults) > 0,
			app.Div().ID("np-faults").Class("np-faults").Body(
				app.H3().Text(p.t("faults")),
				app.Range(sc.Faults).Slice(func(i int) app.UI {
					return app.Div().Class("np-fault").Body(
						app.Code().Text(FaultText(sc.Faults[i])),
						app.Button().Class("np-btn np-small").OnClick(p.removeFault(i)).Text(p.t("nodrop")),
					)
				}),
			),
		),
	)
}

func (p *Playground) renderEditors() app.UI {
	sc := p.sc
	return app.Div().Class("np-editors").Body(
		app.Range(sc.Hosts).Slice(func(i int) app.UI {
			h := sc.Hosts[i]
			box := "np-editor-box"
			if h.Program == "" {
				box += " np-editor-empty"
			}
			return app.Div().Class(box).Body(
				app.Div().Class("np-editor-title").Body(
					app.Span().Class("np-file").Text(fileName(h)),
					app.Span().Class("np-on").Text(" — "+h.Name+" "+strings.Join(h.Addrs, ", ")),
				),
				&editor.Editor{ID: p.keys[i], Doc: h.Program, Label: fileName(h)},
			)
		}),
	)
}

// inLang picks the page's language from a per-language text, English when
// it has none in that language.
func (p *Playground) inLang(text map[string]string) string {
	if s := text[p.lang]; s != "" {
		return s
	}
	return text[LangEN]
}

func (p *Playground) renderDiagramPane() app.UI {
	l := p.layout()
	teach, onLinux := p.inLang(p.sc.Text), p.inLang(p.sc.Linux)
	status := ""
	switch {
	case p.running:
		status = p.t("running")
	case p.ranOK:
		status = fmt.Sprintf("%d %s · %s · %d ms", len(p.events), p.t("events"), p.runEnd, p.runTook.Milliseconds())
	}
	return app.Div().Class("np-diagram-pane").Body(
		app.Div().Class("np-pane-head").Body(
			app.H2().Text(p.t("diagram")),
			app.Span().ID("np-status").Class("np-status").Text(status),
			app.Span().Class("np-spacer"),
			app.If(teach != "" || onLinux != "",
				app.Button().ID("np-notes-toggle").Class("np-btn np-small").Aria("expanded", !p.hideNotes).
					OnClick(func(ctx app.Context, e app.Event) { p.hideNotes = !p.hideNotes }).
					Text(p.t("notes")+map[bool]string{true: " ▸", false: " ▾"}[p.hideNotes]),
			),
			app.Label().Body(
				app.Input().ID("np-abs").Type("checkbox").Checked(p.absolute).OnChange(func(ctx app.Context, e app.Event) {
					p.absolute = ctx.JSSrc().Get("checked").Bool()
				}),
				app.Text(" "+p.t("absolute")),
			),
			app.Label().Body(
				app.Input().ID("np-arp").Type("checkbox").Checked(p.showARP).OnChange(func(ctx app.Context, e app.Event) {
					p.showARP = ctx.JSSrc().Get("checked").Bool()
				}),
				app.Text(" "+p.t("arp")),
			),
		),
		app.If((teach != "" || onLinux != "") && !p.hideNotes, app.Div().ID("np-notes").Class("np-notes").Body(
			app.If(teach != "", app.P().Class("np-teach").Text(teach)),
			app.If(onLinux != "", app.P().ID("np-linux").Class("np-linux").Body(
				app.Strong().Text(p.t("onlinux")+" "),
				app.Text(onLinux),
			)),
		)),
		app.If(p.notice != "", app.Div().ID("np-notice").Class("np-notice").Body(
			app.Text(p.notice),
			app.If(p.link != "", app.Input().ID("np-link").ReadOnly(true).Value(p.link)),
		)),
		app.If(p.runErr != "", app.Pre().ID("np-error").Class("np-error").Text(p.runErr)),
		app.If(len(l.Rows) > 0, app.Div().Class("np-scrub-row").Body(
			app.Input().ID("np-scrub").Class("np-scrub").Type("range").Min(-1).Max(len(l.Rows)-1).
				Value(strconv.Itoa(p.scrubValue(len(l.Rows)))).Aria("label", p.t("time")).
				OnInput(func(ctx app.Context, e app.Event) {
					v, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
					if err == nil {
						p.playing = false
						p.upto = v
						if v >= len(p.layout().Rows)-1 {
							p.upto = -1
						}
						p.showCurrentLines()
						p.followNow(ctx)
					}
				}),
			app.Span().ID("np-scrub-time").Class("np-scrub-time").Text(p.scrubText(l)),
		)),
		app.Div().ID("np-diagram").Class("np-diagram-scroll"+map[bool]string{true: " np-stale"}[p.running]).Body(
			// Until a run has events there is no diagram to draw (making an
			// empty one at Run cost the page's thread a long task).
			app.If(len(p.events) == 0 && p.runErr == "",
				app.P().Class("np-empty").Text(p.t(map[bool]string{true: "running", false: "noevents"}[p.running])),
			).Else(
				&diagram.Diagram{
					Computed: l,
					Events:   p.events,
					Options:  p.diagramOptions(),
					Draw:     diagram.Draw{Selected: p.selected, Upto: p.upto, Line: p.hoverLine, LineHost: p.hoverHost},
					OnSelect: p.selectEvent,
				},
			),
		),
	)
}

// scrubText says where the scrubber is: the virtual time of the row shown
// last and the row's number.
func (p *Playground) scrubText(l *diagram.Layout) string {
	r := p.scrubValue(len(l.Rows))
	if r < 0 || r >= len(l.Rows) {
		return ""
	}
	return fmt.Sprintf("t = %s s · %d/%d", diagram.TimeLabel(l.Rows[r].T), r+1, len(l.Rows))
}

func (p *Playground) scrubValue(rows int) int {
	if p.upto < 0 {
		return rows - 1
	}
	return p.upto
}

func (p *Playground) renderConsole() app.UI {
	cut := p.cutEvent()
	var out []app.UI
	for i := range p.events {
		if cut >= 0 && i > cut {
			break
		}
		e := &p.events[i]
		if e.Host != p.tab {
			continue
		}
		switch e.Kind {
		case trace.KindOutput:
			out = append(out, app.Span().Class("np-out np-"+e.Stream).Text(e.Text))
		case trace.KindExit:
			msg := fmt.Sprintf("[%s %d]", p.t("exit"), e.Status)
			if e.Reason != "" {
				msg += " " + e.Reason
			}
			out = append(out, app.Span().Class("np-out np-exitline").Text("\n"+msg+"\n"))
		}
	}
	return app.Section().Class("np-console").Aria("label", p.t("console")).Body(
		p.renderTabs(p.t("console")),
		app.Pre().ID("np-console-out").Class("np-console-out").Body(out...),
	)
}

// renderTabs shows the host tabs shared by the console and sockets view.
func (p *Playground) renderTabs(title string) app.UI {
	return app.Div().Class("np-tabs").Body(
		app.H2().Text(title),
		app.Range(p.sc.Hosts).Slice(func(i int) app.UI {
			name := p.sc.Hosts[i].Name
			cls := "np-tab"
			if name == p.tab {
				cls += " np-tab-on"
			}
			return app.Button().Class(cls).Aria("pressed", name == p.tab).OnClick(func(ctx app.Context, e app.Event) {
				p.tab = name
			}).Text(name)
		}),
	)
}

func (p *Playground) renderSockets() app.UI {
	rows := Sockets(p.events, p.tab, p.cutEvent())
	return app.Div().Class("np-sockets").Body(
		app.H2().Text(p.t("sockets")+" ("+p.tab+")"),
		app.If(len(rows) == 0, app.P().Class("np-dim").Text(p.t("nosockets"))).Else(
			app.Table().ID("np-sockets-table").Body(
				app.THead().Body(app.Tr().Body(
					app.Th().Text("fd"), app.Th().Text("local"), app.Th().Text("peer"), app.Th().Text("state"), app.Th().Text("queues"),
				)),
				app.TBody().Body(
					app.Range(rows).Slice(func(i int) app.UI {
						r := rows[i]
						fd := strconv.Itoa(r.FD)
						if r.FD < 0 {
							fd = "–"
						}
						q := ""
						if r.Queues {
							q = fmt.Sprintf("synq %d · acceptq %d/%d", r.SynQ, r.AcceptQ, r.Backlog)
						}
						return app.Tr().Class("np-st-"+r.State).Body(
							app.Td().Text(fd), app.Td().Text(r.Local), app.Td().Text(r.Peer),
							app.Td().Class("np-state").Text(r.State), app.Td().Text(q),
						)
					}),
				),
			),
		),
	)
}

func (p *Playground) renderInspector() app.UI {
	if p.selected < 0 || p.selected >= len(p.events) || !diagram.IsFrame(&p.events[p.selected]) {
		return app.Div().ID("np-inspector").Class("np-inspector").Body(
			app.H2().Text(p.t("inspector")),
			app.P().Class("np-dim").Text(p.t("inspector.none")),
		)
	}
	e := &p.events[p.selected]
	layers := DecodeLayers(e.Data)
	head := fmt.Sprintf("#%d %s  %s → %s  %s", e.Frame, trace.FormatTime(e.T), e.Host, orDash(e.Receiver), diagram.FrameLabel(e, p.absolute))
	if e.Dropped {
		head += "  ✕ " + e.Fault
	}
	return app.Div().ID("np-inspector").Class("np-inspector").Body(
		app.H2().Text(p.t("inspector")),
		app.Div().Class("np-inspect-head").Body(
			app.Code().Text(head),
			app.Button().ID("np-drop").Class("np-btn np-small").OnClick(func(ctx app.Context, _ app.Event) {
				p.addFault(ctx, dropThis(e))
			}).Text(p.t("drop")),
			app.Button().ID("np-dropall").Class("np-btn np-small").OnClick(func(ctx app.Context, _ app.Event) {
				p.addFault(ctx, dropLike(e))
			}).Text(p.t("dropall")),
		),
		app.Div().Class("np-layers").Body(
			app.Range(layers).Slice(func(i int) app.UI {
				ly := layers[i]
				var fields []string
				for _, f := range ly.Fields {
					fields = append(fields, f[0]+"="+f[1])
				}
				return app.Details().Open(i == len(layers)-1).Body(
					app.Summary().Text(ly.Name),
					app.Code().Text(strings.Join(fields, "  ")),
				)
			}),
		),
		app.Pre().Class("np-hex").Text(HexDump(e.Data)),
	)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
