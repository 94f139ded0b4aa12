package scenario

import (
	"fmt"
	"math"
	"net/netip"
	"regexp/syntax"
	"slices"
	"strings"
	"time"

	"netplay/stack/frame"
)

const (
	// Version is the scenario format version this package reads and writes.
	Version = 1
	// DefaultLimit is the virtual-time limit of a scenario that gives none.
	DefaultLimit = 300 * time.Second
	// MaxLimit is the largest virtual-time limit a scenario may ask for.
	MaxLimit = 3600 * time.Second
	// MaxNameLen is the longest host name (names appear in every trace line).
	MaxNameLen = 32
)

// EffectiveLimit is the scenario's virtual-time limit: Limit, or
// DefaultLimit when it is zero.
func (s *Scenario) EffectiveLimit() time.Duration {
	if s.Limit == 0 {
		return DefaultLimit
	}
	return s.Limit.D()
}

// NIC is one network interface of a host: the link it is plugged into (an
// index into Scenario.Links) and its addresses.
type NIC struct {
	Link  int
	Addrs []netip.Prefix
}

// NICs returns the interfaces of the host with the given name, by this rule:
//
// A host gets one NIC for each link that lists it, in the order of
// Scenario.Links (its first link is its first NIC). Its addresses are given
// to its NICs in order: addrs[0] to the first NIC, addrs[1] to the second,
// and so on; when the host has more addresses than links, the rest all go
// to its last NIC (so a router on one segment may own 10.0.0.254/24 and
// 10.0.1.254/24). A host on N links must therefore have at least N
// addresses. A host on no link has no NIC (only loopback) and may not have
// addresses.
//
// NICs assumes the scenario is valid (Validate returned nil); addresses
// that do not parse are skipped. It returns nil for an unknown host.
func (s *Scenario) NICs(host string) []NIC {
	var h *Host
	for i := range s.Hosts {
		if s.Hosts[i].Name == host {
			h = &s.Hosts[i]
			break
		}
	}
	if h == nil {
		return nil
	}
	var nics []NIC
	for li, l := range s.Links {
		for _, n := range l.Hosts {
			if n == host {
				nics = append(nics, NIC{Link: li})
				break
			}
		}
	}
	if len(nics) == 0 {
		return nil
	}
	for i, a := range h.Addrs {
		p, err := netip.ParsePrefix(a)
		if err != nil {
			continue
		}
		k := min(i, len(nics)-1)
		nics[k].Addrs = append(nics[k].Addrs, p)
	}
	return nics
}

// Validate checks a scenario built in Go (the UI builds them) by the same
// rules Parse applies to JSON, except the JSON syntax ones. It returns an
// *Error naming the field of the first problem, or nil.
//
// The rules: version is 1; at least one host; host names are 1..32 of
// [A-Za-z0-9_-] and unique; addrs are CIDR prefixes (IPv4 or IPv6) of a
// usable unicast address, at least one per link the host is on (see NICs);
// a link joins two or more distinct existing hosts, delay ≥ 0, loss in
// [0,1]; a route names an existing host, a prefix without host bits, and a
// gateway of the same family inside one of the host's subnets; a fault has
// exactly one of drop/delay, a match with at least one criterion (nth, host,
// dir, proto, flags, port), and a delay needs by > 0; limit ≤ 3600s (0
// means 300s); each start ≤ limit; file names (files, hosts[].files,
// hosts[].file) are paths CheckPath accepts, and each host's project tree
// (the shared files, its own files and its program) names every file once
// and never a file and a folder alike; actions go in order of time and
// each makes sense where it stands (checkActions); linux_pins come with a
// "linux" note and name a host, a place and a regular expression; the
// canonical JSON, programs and files included, is at most MaxSize bytes.
func (s *Scenario) Validate() error {
	if s == nil {
		return &Error{Msg: "no scenario"}
	}
	switch {
	case s.Version == 0:
		return fieldErr("version", "missing; this netplay reads version 1 (add \"version\": 1)")
	case s.Version != Version:
		return fieldErr("version", "%d is not supported; this netplay reads version %d", s.Version, Version)
	}
	if err := checkText("text", s.Text); err != nil {
		return err
	}
	if err := checkText("linux", s.Linux); err != nil {
		return err
	}
	if s.Limit < 0 {
		return fieldErr("limit", "negative limit %s", s.Limit.D())
	}
	if s.Limit.D() > MaxLimit {
		return fieldErr("limit", "%s is more than the maximum %s of virtual time", s.Limit.D(), MaxLimit)
	}
	limit := s.EffectiveLimit()

	if len(s.Hosts) == 0 {
		return fieldErr("hosts", "a scenario needs at least one host")
	}
	index := make(map[string]int, len(s.Hosts))
	for i, h := range s.Hosts {
		p := fmt.Sprintf("hosts[%d]", i)
		if err := checkName(p+".name", h.Name); err != nil {
			return err
		}
		if j, dup := index[h.Name]; dup {
			return fieldErr(p+".name", "duplicate host name %q (also hosts[%d])", h.Name, j)
		}
		index[h.Name] = i
		if h.File != "" {
			if err := CheckPath(h.File); err != nil {
				return fieldErr(p+".file", "%s", err)
			}
		}
		if h.Start < 0 {
			return fieldErr(p+".start", "negative start %s", h.Start.D())
		}
		if h.Start.D() > limit {
			return fieldErr(p+".start", "starts at %s, after the scenario's limit %s", h.Start.D(), limit)
		}
		seen := map[netip.Addr]int{}
		for k, a := range h.Addrs {
			ap := fmt.Sprintf("%s.addrs[%d]", p, k)
			pfx, err := parseHostPrefix(ap, a)
			if err != nil {
				return err
			}
			if j, dup := seen[pfx.Addr()]; dup {
				return fieldErr(ap, "%s is already %s.addrs[%d]", pfx.Addr(), p, j)
			}
			seen[pfx.Addr()] = k
		}
		if h.Program == "" && len(h.Args) > 0 {
			return fieldErr(p+".args", "args given but the host has no program")
		}
		if err := checkStdin(p, &h, limit); err != nil {
			return err
		}
	}
	if err := s.checkFiles(); err != nil {
		return err
	}

	// Links: distinct, existing hosts; count each host's links for the
	// addressing rule.
	onLinks := make([][]int, len(s.Hosts))
	for i, l := range s.Links {
		p := fmt.Sprintf("links[%d]", i)
		if len(l.Hosts) < 2 {
			return fieldErr(p+".hosts", "a link joins at least two hosts; it lists %d", len(l.Hosts))
		}
		seen := map[string]int{}
		for k, n := range l.Hosts {
			hp := fmt.Sprintf("%s.hosts[%d]", p, k)
			hi, ok := index[n]
			if !ok {
				return fieldErr(hp, "no host named %q%s", n, didYouMean(n, index))
			}
			if j, dup := seen[n]; dup {
				return fieldErr(hp, "%q is already %s.hosts[%d]; a host joins a link once", n, p, j)
			}
			seen[n] = k
			onLinks[hi] = append(onLinks[hi], i)
		}
		if l.Delay < 0 {
			return fieldErr(p+".delay", "negative delay %s", l.Delay.D())
		}
		if l.Delay.D() > limit {
			return fieldErr(p+".delay", "delay %s is longer than the scenario's limit %s", l.Delay.D(), limit)
		}
		if math.IsNaN(l.Loss) || l.Loss < 0 || l.Loss > 1 {
			return fieldErr(p+".loss", "%v is not a probability between 0 and 1", l.Loss)
		}
	}
	if err := s.checkLinkAddrs(onLinks); err != nil {
		return err
	}
	for i, h := range s.Hosts {
		n := len(onLinks[i])
		switch {
		case n == 0 && len(h.Addrs) > 0:
			return fieldErr(fmt.Sprintf("hosts[%d].addrs", i), "host %q has addresses but is on no link; add it to a link in \"links\" (each link gives it a NIC)", h.Name)
		case len(h.Addrs) < n:
			return fieldErr(fmt.Sprintf("hosts[%d].addrs", i), "host %q is on %d links (%s) but has %d address(es); each link gives the host a NIC, and addrs are given to NICs in link order, so it needs at least %d", h.Name, n, linkList(onLinks[i]), len(h.Addrs), n)
		}
	}

	for i, r := range s.Routes {
		if err := s.checkRoute(fmt.Sprintf("routes[%d]", i), r, index); err != nil {
			return err
		}
	}
	for i, f := range s.Faults {
		if err := checkFault(fmt.Sprintf("faults[%d]", i), f, index, limit); err != nil {
			return err
		}
	}
	if err := s.checkActions(index, limit); err != nil {
		return err
	}
	if err := s.checkPins(index); err != nil {
		return err
	}

	// Size last: programs count toward the limit, and the canonical form is
	// what is stored and shared.
	b, err := s.marshal()
	if err != nil {
		return &Error{Msg: "encoding: " + err.Error()}
	}
	if len(b) > MaxSize {
		msg := fmt.Sprintf("scenario is %d bytes as JSON; the limit is %d bytes (%s, programs and files included)", len(b), MaxSize, MaxSizeText)
		if where, n := s.largestText(); n > MaxSize/4 {
			msg += fmt.Sprintf("; the largest is %s, %d bytes", where, n)
		}
		return &Error{Msg: msg}
	}
	return nil
}

func checkText(path string, text map[string]string) error {
	for k := range text {
		ok := len(k) >= 1 && len(k) <= 16
		for _, r := range k {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				ok = false
			}
		}
		if !ok {
			return fieldErr(path, "%q is not a language tag like \"en\" or \"zh\"", k)
		}
	}
	return nil
}

func checkName(path, name string) error {
	if name == "" {
		return fieldErr(path, "a host needs a name")
	}
	if len(name) > MaxNameLen {
		return fieldErr(path, "%q is longer than %d characters", clip(name, 40), MaxNameLen)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return fieldErr(path, "%q: a host name may use only letters, digits, '_' and '-' (found %q)", name, r)
		}
	}
	return nil
}

// parseHostPrefix parses an interface address such as "10.0.0.1/24".
func parseHostPrefix(path, a string) (netip.Prefix, error) {
	pfx, err := netip.ParsePrefix(a)
	if err != nil {
		if _, aerr := netip.ParseAddr(a); aerr == nil {
			return netip.Prefix{}, fieldErr(path, "%q has no prefix length; write it as CIDR, e.g. \"%s/24\"", a, a)
		}
		return netip.Prefix{}, fieldErr(path, "%q is not an address/prefix (want CIDR like \"10.0.0.1/24\" or \"fd00::1/64\")", a)
	}
	ad := pfx.Addr()
	switch {
	case ad.Is4In6():
		return netip.Prefix{}, fieldErr(path, "%q is an IPv4-mapped IPv6 address; write the IPv4 form", a)
	case ad.IsUnspecified():
		return netip.Prefix{}, fieldErr(path, "%q: the unspecified address cannot be a host's address", a)
	case ad == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return netip.Prefix{}, fieldErr(path, "%q: the broadcast address cannot be a host's address", a)
	case ad.IsMulticast():
		return netip.Prefix{}, fieldErr(path, "%q: a multicast address cannot be a host's address", a)
	case ad.IsLoopback():
		return netip.Prefix{}, fieldErr(path, "%q: loopback is already on every host; give a link address", a)
	}
	return pfx, nil
}

func (s *Scenario) checkRoute(p string, r Route, index map[string]int) error {
	hi, ok := index[r.Host]
	if !ok {
		if r.Host == "" {
			return fieldErr(p+".host", "a route needs the host it is on")
		}
		return fieldErr(p+".host", "no host named %q%s", r.Host, didYouMean(r.Host, index))
	}
	if r.To == "" {
		return fieldErr(p+".to", "a route needs a destination prefix, e.g. \"0.0.0.0/0\"")
	}
	to, err := netip.ParsePrefix(r.To)
	if err != nil {
		return fieldErr(p+".to", "%q is not a prefix (want CIDR like \"10.0.1.0/24\" or \"::/0\")", r.To)
	}
	if to.Masked() != to {
		return fieldErr(p+".to", "%q has bits set after the prefix length; did you mean %q?", r.To, to.Masked().String())
	}
	if r.Via == "" {
		return nil
	}
	via, err := netip.ParseAddr(r.Via)
	if err != nil {
		return fieldErr(p+".via", "%q is not an address", r.Via)
	}
	if via.Is4() != to.Addr().Is4() || via.Is4In6() {
		return fieldErr(p+".via", "%s is not the same address family as %s", r.Via, r.To)
	}
	if via.IsUnspecified() || via.IsMulticast() || via.IsLoopback() {
		return fieldErr(p+".via", "%s cannot be a gateway", r.Via)
	}
	// Like Linux ("Nexthop has invalid gateway"), the gateway must be on a
	// subnet the host is attached to.
	h := s.Hosts[hi]
	for _, a := range h.Addrs {
		if pfx, err := netip.ParsePrefix(a); err == nil && pfx.Masked().Contains(via) {
			if pfx.Addr() == via {
				return fieldErr(p+".via", "%s is host %q's own address", r.Via, h.Name)
			}
			return nil
		}
	}
	return fieldErr(p+".via", "gateway %s is not on any subnet of host %q (addrs %s)", r.Via, h.Name, strings.Join(h.Addrs, ", "))
}

func checkFault(p string, f Fault, index map[string]int, limit time.Duration) error {
	switch {
	case f.Drop != nil && f.Delay != nil:
		return fieldErr(p, "a fault is either \"drop\" or \"delay\", not both")
	case f.Drop == nil && f.Delay == nil:
		return fieldErr(p, "a fault needs \"drop\" or \"delay\", e.g. {\"drop\": {\"nth\": 3}}")
	}
	m, mp := f.Drop, p+".drop"
	if f.Delay != nil {
		m, mp = f.Delay, p+".delay"
	}
	if m.Nth < 0 {
		return fieldErr(mp+".nth", "%d: frames are counted from 1", m.Nth)
	}
	if m.Count < 0 {
		return fieldErr(mp+".count", "negative count %d", m.Count)
	}
	if m.Nth > 0 && m.Count > 0 {
		return fieldErr(mp+".count", "use either nth (one frame) or count (the first K matching frames), not both")
	}
	if m.Host != "" {
		if _, ok := index[m.Host]; !ok {
			return fieldErr(mp+".host", "no host named %q%s", m.Host, didYouMean(m.Host, index))
		}
	}
	switch m.Dir {
	case "", "in", "out":
	default:
		return fieldErr(mp+".dir", "%q: want \"in\", \"out\" or nothing (either)", m.Dir)
	}
	if m.Dir != "" && m.Host == "" {
		return fieldErr(mp+".dir", "\"%s\" needs a host: the frames that leave or reach which host?", m.Dir)
	}
	switch m.Proto {
	case "", "tcp", "udp", "icmp", "arp":
	default:
		return fieldErr(mp+".proto", "%q: want \"tcp\", \"udp\", \"icmp\" or \"arp\"", m.Proto)
	}
	if m.Flags != "" {
		if err := checkFlags(mp+".flags", m.Flags); err != nil {
			return err
		}
		if m.Proto != "" && m.Proto != "tcp" {
			return fieldErr(mp+".flags", "TCP flags cannot match %s frames", m.Proto)
		}
	}
	if m.Port < 0 || m.Port > 65535 {
		return fieldErr(mp+".port", "%d is not a port (0..65535)", m.Port)
	}
	if m.Port != 0 && (m.Proto == "icmp" || m.Proto == "arp") {
		return fieldErr(mp+".port", "%s frames have no ports", m.Proto)
	}
	if m.Nth == 0 && m.Host == "" && m.Dir == "" && m.Proto == "" && m.Flags == "" && m.Port == 0 {
		return fieldErr(mp, "matches every frame; give at least one of nth, host, proto, flags or port")
	}
	if f.Delay != nil {
		if m.By <= 0 {
			return fieldErr(mp+".by", "a delay needs \"by\" > 0, e.g. \"by\": \"200ms\"")
		}
		if m.By.D() > limit {
			return fieldErr(mp+".by", "%s is longer than the scenario's limit %s", m.By.D(), limit)
		}
	} else if m.By != 0 {
		return fieldErr(mp+".by", "\"by\" is for delay faults; a drop has no duration")
	}
	return nil
}

// checkFlags accepts TCP flags written exactly as tcpdump prints them:
// letters from FSRPUEW and '.' for ACK, each at most once, in tcpdump's
// order ("S", "S.", ".", "P.", "F.", "R", "R.", "FP.").
func checkFlags(path, flags string) error {
	last := -1
	var canon []byte
	var bad bool
	seen := map[rune]bool{}
	for _, r := range flags {
		i := strings.IndexRune(frame.FlagLetters, r)
		if i < 0 {
			return fieldErr(path, "%q: %q is not a tcpdump TCP flag (F S R P U E W, '.' for ACK)", flags, r)
		}
		if seen[r] {
			return fieldErr(path, "%q: flag %q appears twice", flags, r)
		}
		seen[r] = true
		if i < last {
			bad = true
		}
		last = max(last, i)
	}
	if bad {
		for _, r := range frame.FlagLetters {
			if seen[r] {
				canon = append(canon, byte(r))
			}
		}
		return fieldErr(path, "%q is not how tcpdump prints these flags; write %q", flags, string(canon))
	}
	return nil
}

func linkList(links []int) string {
	parts := make([]string, len(links))
	for i, l := range links {
		parts[i] = fmt.Sprintf("links[%d]", l)
	}
	return strings.Join(parts, ", ")
}

// didYouMean suggests the closest host name for a misspelt one.
func didYouMean(name string, index map[string]int) string {
	best, bestD := "", 3
	for h := range index {
		d := editDistance(name, h)
		if d < bestD || (d == bestD && h < best) {
			best, bestD = h, d
		}
	}
	if best == "" || bestD >= len(name) {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// checkStdin checks a host's typed input: entries in order of time within
// the limit, each with text or eof, nothing after eof, and a program to
// read it.
func checkStdin(p string, h *Host, limit time.Duration) error {
	if len(h.Stdin) > 0 && h.Program == "" {
		return fieldErr(p+".stdin", "input given but the host has no program to read it")
	}
	for k, in := range h.Stdin {
		ip := fmt.Sprintf("%s.stdin[%d]", p, k)
		switch {
		case in.At.D() > limit:
			return fieldErr(ip+".at", "typed at %s, after the scenario's limit %s", in.At.D(), limit)
		case k > 0 && in.At < h.Stdin[k-1].At:
			return fieldErr(ip+".at", "typed at %s, before the entry above it (%s): entries go in order of time", in.At.D(), h.Stdin[k-1].At.D())
		case in.Text == "" && !in.EOF:
			return fieldErr(ip, "an entry needs \"text\", \"eof\": true, or both")
		case k > 0 && h.Stdin[k-1].EOF:
			return fieldErr(ip, "input after the end of input (%s.stdin[%d] says eof)", p, k-1)
		}
	}
	return nil
}

// checkPins checks the linux_pins: each names a host of the scenario and a
// place, says what netplay shows, and gives a regular expression for
// Linux; pins explain a note, so there must be one.
func (s *Scenario) checkPins(index map[string]int) error {
	if len(s.LinuxPins) > 0 && len(s.Linux) == 0 {
		return fieldErr("linux_pins", "pins name the differences the \"linux\" note explains; add the note")
	}
	for i, p := range s.LinuxPins {
		pp := fmt.Sprintf("linux_pins[%d]", i)
		if _, ok := index[p.Host]; !ok {
			if p.Host == "" {
				return fieldErr(pp+".host", "a pin needs the host whose difference it explains")
			}
			return fieldErr(pp+".host", "no host named %q%s", p.Host, didYouMean(p.Host, index))
		}
		if !slices.Contains(PinPlaces, p.In) {
			return fieldErr(pp+".in", "%q: want one of %s", p.In, strings.Join(PinPlaces, ", "))
		}
		if p.Netplay == "" {
			return fieldErr(pp+".netplay", "say what netplay shows there (the comparison's report writes it)")
		}
		// regexp.Compile fails exactly when parsing with its flags fails;
		// parsing alone keeps regexp's matchers out of the page's wasm.
		if _, err := syntax.Parse(p.Linux, syntax.Perl); err != nil || p.Linux == "" {
			return fieldErr(pp+".linux", "%q is not a regular expression for what Linux shows", p.Linux)
		}
	}
	return nil
}

// checkLinkAddrs reports an address two hosts have on one link. A host's
// addrs[k] is on its k-th link; the addresses past its links' count are on
// its last one (README, "Addresses").
func (s *Scenario) checkLinkAddrs(onLinks [][]int) error {
	type owner struct{ host, addr int }
	perLink := make([]map[netip.Addr]owner, len(s.Links))
	for hi, h := range s.Hosts {
		links := onLinks[hi]
		for k, a := range h.Addrs {
			if len(links) == 0 {
				break
			}
			li := links[min(k, len(links)-1)]
			pfx, err := netip.ParsePrefix(a)
			if err != nil {
				continue // parseHostPrefix reported it
			}
			if perLink[li] == nil {
				perLink[li] = map[netip.Addr]owner{}
			}
			if o, dup := perLink[li][pfx.Addr()]; dup && o.host != hi {
				return fieldErr(fmt.Sprintf("hosts[%d].addrs[%d]", hi, k), "%s is also host %q's address (hosts[%d].addrs[%d]) on links[%d]; two hosts on a link need addresses of their own",
					pfx.Addr(), s.Hosts[o.host].Name, o.host, o.addr, li)
			}
			perLink[li][pfx.Addr()] = owner{hi, k}
		}
	}
	return nil
}
