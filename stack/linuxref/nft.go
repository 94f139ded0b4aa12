//go:build linux

package linuxref

import (
	"fmt"
	"strings"

	"netplay/stack/frame"
	"netplay/stack/scenario"
)

// NotComparable says why a scenario cannot be reproduced on Linux.
type NotComparable struct{ Reason string }

func (e *NotComparable) Error() string { return "not comparable with Linux: " + e.Reason }

// Comparable reports why sc cannot be run faithfully on Linux, or nil.
func Comparable(sc *scenario.Scenario) error {
	for i, f := range sc.Faults {
		if f.Delay != nil {
			return &NotComparable{fmt.Sprintf("faults[%d] delays frames; nft cannot delay one frame (netem delays a whole link)", i)}
		}
		if f.Drop != nil && f.Drop.Nth > 0 {
			return &NotComparable{fmt.Sprintf("faults[%d] drops frame nth=%d: the global frame number counts frames netplay sends on all links, which has no nft equivalent (Linux sends its own ARP/ND on its own timers)", i, f.Drop.Nth)}
		}
	}
	for i, a := range sc.Actions {
		if a.Loss != nil && *a.Loss > 0 {
			return &NotComparable{fmt.Sprintf("actions[%d] makes link %d lose frames at random (loss %g): seeded in netplay, not reproducible on Linux", i, *a.Link, *a.Loss)}
		}
	}
	for i, l := range sc.Links {
		if l.Loss > 0 {
			return &NotComparable{fmt.Sprintf("links[%d] loses frames at random (loss %g): seeded in netplay, not reproducible on Linux", i, l.Loss)}
		}
	}
	return nil
}

// nftFlags are nft's names of the TCP flag bits, lowest bit first.
var nftFlags = [8]string{"fin", "syn", "rst", "psh", "ack", "urg", "ecn", "cwr"}

// flagExpr turns tcpdump letters into an nft "tcp flags" match.
func flagExpr(letters string) (string, error) {
	f, ok := frame.ParseFlags(letters)
	if !ok {
		return "", fmt.Errorf("flags %q: not TCP flags as tcpdump prints them (%s)", letters, frame.FlagLetters)
	}
	var set []string
	for bit, name := range nftFlags {
		if f&(1<<bit) != 0 {
			set = append(set, name)
		}
	}
	want := "0x0"
	if len(set) > 0 {
		want = strings.Join(set, "|")
	}
	return "tcp flags & (" + strings.Join(nftFlags[:], "|") + ") == " + want, nil
}

// Ruleset writes the nftables ruleset (netdev family, for the wire
// namespace) that applies sc's drop faults where the hub puts frames out on
// the ports (see hub): a frame carries the mark of the port it came in by
// (index in ports + 1), its egress port is the receiver's. "" when sc has
// no faults.
func Ruleset(sc *scenario.Scenario, ports []Port) (string, error) {
	if err := Comparable(sc); err != nil {
		return "", err
	}
	if len(sc.Faults) == 0 {
		return "", nil
	}
	var b strings.Builder
	b.WriteString("table netdev netplay {\n")
	var jumps []string
	for i, f := range sc.Faults {
		m := f.Drop
		gate := fmt.Sprintf("f%d", i)
		match := fmt.Sprintf("f%d_match", i)
		act := fmt.Sprintf("f%d_act", i)
		// Host and direction: which port the frame came in by or leaves by.
		if m.Host != "" {
			var rules []string
			for pi, p := range ports {
				if p.Host != m.Host {
					continue
				}
				if m.Dir == "" || m.Dir == "out" {
					rules = append(rules, fmt.Sprintf("meta mark %d jump %s", pi+1, match))
				}
				if m.Dir == "" || m.Dir == "in" {
					rules = append(rules, fmt.Sprintf("oifname %q jump %s", p.Name, match))
				}
			}
			if len(rules) == 0 {
				return "", fmt.Errorf("faults[%d]: host %q is on no link", i, m.Host)
			}
			fmt.Fprintf(&b, "  chain %s {\n", gate)
			for _, r := range rules {
				fmt.Fprintf(&b, "    %s\n", r)
			}
			b.WriteString("  }\n")
			jumps = append(jumps, "jump "+gate)
		} else {
			jumps = append(jumps, "jump "+match)
		}
		// What the frame is: one rule, or one per port alternative.
		var pre []string
		switch m.Proto {
		case "":
		case "tcp":
			pre = append(pre, "meta l4proto tcp")
		case "udp":
			pre = append(pre, "meta l4proto udp")
		case "icmp":
			pre = append(pre, "meta l4proto { icmp, ipv6-icmp }")
		case "arp":
			pre = append(pre, "ether type arp")
		default:
			return "", fmt.Errorf("faults[%d]: proto %q", i, m.Proto)
		}
		if m.Flags != "" {
			fe, err := flagExpr(m.Flags)
			if err != nil {
				return "", fmt.Errorf("faults[%d]: %v", i, err)
			}
			pre = append(pre, "meta l4proto tcp", fe)
		}
		alts := [][]string{nil}
		if m.Port != 0 {
			alts = [][]string{
				{"meta l4proto { tcp, udp }", fmt.Sprintf("th sport %d", m.Port)},
				{"meta l4proto { tcp, udp }", fmt.Sprintf("th sport != %d", m.Port), fmt.Sprintf("th dport %d", m.Port)},
			}
		}
		fmt.Fprintf(&b, "  chain %s {\n", match)
		for _, alt := range alts {
			e := append(append([]string{}, pre...), alt...)
			e = append(e, "jump "+act)
			fmt.Fprintf(&b, "    %s\n", strings.Join(e, " "))
		}
		b.WriteString("  }\n")
		fmt.Fprintf(&b, "  chain %s {\n", act)
		if m.Count > 0 {
			// numgen counts the frames that reach it: the matching ones.
			fmt.Fprintf(&b, "    numgen inc mod 2147483648 < %d counter drop\n", m.Count)
		} else {
			b.WriteString("    counter drop\n")
		}
		b.WriteString("  }\n")
	}
	for _, p := range ports {
		fmt.Fprintf(&b, "  chain egress_%s {\n    type filter hook egress device %q priority 0; policy accept;\n", p.Name, p.Name)
		for _, j := range jumps {
			fmt.Fprintf(&b, "    %s\n", j)
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return b.String(), nil
}
