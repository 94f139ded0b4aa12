package page

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"netplay/stack/scenario"
)

// renderTopology: a row per host (name, addresses, arguments, router,
// remove), per link (hosts, delay, loss) and per route (host, to, via),
// the buttons that add them, then the fault rules.
func (p *Playground) renderTopology() app.UI {
	sc := p.sc
	return app.Div().Class("np-topology").Body(
		app.H2().Text(p.t("topology")),
		app.Range(sc.Hosts).Slice(func(i int) app.UI {
			h := sc.Hosts[i]
			return app.Div().Class("np-host-row").Body(
				app.Input().Class("np-host-name").Value(h.Name).Aria("label", p.t("name")).OnChange(p.renameHost(i)),
				app.Input().Class("np-host-addrs").Value(strings.Join(h.Addrs, ", ")).Aria("label", p.t("addrs")).OnChange(p.setAddrs(i)),
				app.Input().Class("np-host-start").Value(durText(h.Start.D())).Size(5).Aria("label", p.t("start")).Title(p.t("start.title")).OnChange(p.setStart(i)),
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
				p.renderPlug(i),
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
		p.renderRules(),
	)
}

// Hosts.

func (p *Playground) addHost(ctx app.Context, e app.Event) {
	p.syncDocs()
	n := len(p.sc.Hosts) + 1
	name := fmt.Sprintf("host%d", n)
	for p.hostIndex(name) >= 0 {
		n++
		name = fmt.Sprintf("host%d", n)
	}
	h := scenario.Host{Name: name, Addrs: []string{fmt.Sprintf("10.0.0.%d/24", 10+n)}}
	p.sc.Hosts = append(p.sc.Hosts, h)
	p.keys = append(p.keys, p.newKey())
	if len(p.sc.Links) == 0 {
		p.sc.Links = append(p.sc.Links, scenario.Link{})
	}
	p.sc.Links[0].Hosts = append(p.sc.Links[0].Hosts, name)
}

func (p *Playground) removeHost(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i >= len(p.sc.Hosts) {
			return
		}
		p.syncDocs()
		name := p.sc.Hosts[i].Name
		p.sc.Hosts = append(p.sc.Hosts[:i], p.sc.Hosts[i+1:]...)
		p.keys = append(p.keys[:i], p.keys[i+1:]...)
		for li := range p.sc.Links {
			p.sc.Links[li].Hosts = without(p.sc.Links[li].Hosts, name)
		}
		var routes []scenario.Route
		for _, r := range p.sc.Routes {
			if r.Host != name {
				routes = append(routes, r)
			}
		}
		p.sc.Routes = routes
		p.sc.Actions = slices.DeleteFunc(p.sc.Actions, func(a scenario.Action) bool { return a.Host == name })
	}
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// renameHost renames host i everywhere the scenario names it.
func (p *Playground) renameHost(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		name := strings.TrimSpace(ctx.JSSrc().Get("value").String())
		if i >= len(p.sc.Hosts) || name == "" || p.hostIndex(name) >= 0 {
			return
		}
		old := p.sc.Hosts[i].Name
		p.sc.Hosts[i].Name = name
		for li := range p.sc.Links {
			for j, h := range p.sc.Links[li].Hosts {
				if h == old {
					p.sc.Links[li].Hosts[j] = name
				}
			}
		}
		for ri := range p.sc.Routes {
			if p.sc.Routes[ri].Host == old {
				p.sc.Routes[ri].Host = name
			}
		}
		for ai := range p.sc.Actions {
			if p.sc.Actions[ai].Host == old {
				p.sc.Actions[ai].Host = name
			}
		}
		for _, f := range p.sc.Faults {
			for _, m := range []*scenario.Match{f.Drop, f.Delay} {
				if m != nil && m.Host == old {
					m.Host = name
				}
			}
		}
		if p.tab == old {
			p.tab = name
		}
	}
}

func (p *Playground) setAddrs(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(p.sc.Hosts) {
			p.sc.Hosts[i].Addrs = splitList(ctx.JSSrc().Get("value").String())
		}
	}
}

func (p *Playground) setArgs(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(p.sc.Hosts) {
			p.sc.Hosts[i].Args = strings.Fields(ctx.JSSrc().Get("value").String())
		}
	}
}

func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

func (p *Playground) setForward(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(p.sc.Hosts) {
			p.sc.Hosts[i].Forward = ctx.JSSrc().Get("checked").Bool()
		}
	}
}

// Links.

// addLink adds an empty link (its hosts are typed in).
func (p *Playground) addLink(ctx app.Context, e app.Event) {
	p.syncDocs()
	p.sc.Links = append(p.sc.Links, scenario.Link{Delay: scenario.Duration(time.Millisecond)})
}

func (p *Playground) removeLink(li int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if li < len(p.sc.Links) {
			p.syncDocs()
			p.sc.Links = append(p.sc.Links[:li], p.sc.Links[li+1:]...)
			// The link's actions go with it; those of the links after it
			// follow their link's new index.
			p.sc.Actions = slices.DeleteFunc(p.sc.Actions, func(a scenario.Action) bool { return a.Link != nil && *a.Link == li })
			for ai := range p.sc.Actions {
				if l := p.sc.Actions[ai].Link; l != nil && *l > li {
					n := *l - 1
					p.sc.Actions[ai].Link = &n
				}
			}
		}
	}
}

func (p *Playground) setLinkHosts(li int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if li < len(p.sc.Links) {
			p.sc.Links[li].Hosts = splitList(ctx.JSSrc().Get("value").String())
		}
	}
}

func (p *Playground) setDelay(li int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		d, err := time.ParseDuration(strings.TrimSpace(ctx.JSSrc().Get("value").String()))
		if li < len(p.sc.Links) && err == nil && d >= 0 {
			p.sc.Links[li].Delay = scenario.Duration(d)
		}
	}
}

func (p *Playground) setLoss(li int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		v, err := strconv.ParseFloat(strings.TrimSpace(ctx.JSSrc().Get("value").String()), 64)
		if li < len(p.sc.Links) && err == nil && v >= 0 && v <= 1 {
			p.sc.Links[li].Loss = v
		}
	}
}

// Routes.

// addRoute adds a default route on the first host with a program.
func (p *Playground) addRoute(ctx app.Context, e app.Event) {
	p.syncDocs()
	r := scenario.Route{To: "0.0.0.0/0"}
	if len(p.sc.Hosts) > 0 {
		r.Host = p.sc.Hosts[0].Name
	}
	p.sc.Routes = append(p.sc.Routes, r)
}

func (p *Playground) removeRoute(ri int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if ri < len(p.sc.Routes) {
			p.syncDocs()
			p.sc.Routes = append(p.sc.Routes[:ri], p.sc.Routes[ri+1:]...)
		}
	}
}

// setRoute sets one field ("host", "to", "via") of route ri.
func (p *Playground) setRoute(ri int, field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if ri >= len(p.sc.Routes) {
			return
		}
		v := strings.TrimSpace(ctx.JSSrc().Get("value").String())
		switch field {
		case "host":
			p.sc.Routes[ri].Host = v
		case "to":
			p.sc.Routes[ri].To = v
		case "via":
			p.sc.Routes[ri].Via = v
		}
	}
}
