//go:build linux

package linuxref

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"netplay/stack/linux/signal"
	"netplay/stack/scenario"
)

// Tools reports what is missing to run scenarios on Linux: root, and the
// programs ip, gcc, strace, nft, dumpcap and stdbuf.
func Tools() error {
	var missing []string
	if os.Geteuid() != 0 {
		missing = append(missing, "root")
	}
	for _, b := range []string{"ip", "gcc", "strace", "nft", "dumpcap", "stdbuf"} {
		if _, err := exec.LookPath(b); err != nil {
			missing = append(missing, b)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("needs %s", strings.Join(missing, ", "))
	}
	return nil
}

// Options say how to run a scenario on Linux.
type Options struct {
	// Limit is the wall-clock time the programs may run, counted from when
	// the capture starts; programs still running then are killed. 0 means
	// the scenario's limit.
	Limit time.Duration
	// Tail is how long the capture goes on after the last program ended
	// (final ACKs, retransmissions); default 1s.
	Tail time.Duration
	// Dir keeps the run's files (sources, binaries, strace logs, capture);
	// empty: a temporary directory, removed afterwards.
	Dir string
	// Log, when set, gets each command run and each step.
	Log func(format string, args ...any)
}

// Result is a scenario's run on Linux.
type Result struct {
	Side  *Side
	Ports []Port
	Notes []string // what was left out (link delays without netem…)
}

// run is one Linux run: its namespaces and processes.
type run struct {
	ctx    context.Context
	opt    Options
	dir    string
	prefix string
	nss    []string // created namespaces, wire first
	wire   string
	hostNS map[string]string
	mu     sync.Mutex
	procs  []*exec.Cmd
}

func (r *run) logf(format string, args ...any) {
	if r.opt.Log != nil {
		r.opt.Log(format, args...)
	}
}

// cmd runs a command to its end (bounded by the run's context and 30 s).
func (r *run) cmd(name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(r.ctx, 30*time.Second)
	defer cancel()
	c := exec.CommandContext(ctx, name, args...)
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	r.logf("%s %s", name, strings.Join(args, " "))
	err := c.Run()
	if err != nil {
		return out.String(), fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, strings.TrimSpace(out.String()))
	}
	return out.String(), nil
}

func (r *run) inNS(ns string, name string, args ...string) (string, error) {
	return r.cmd("ip", append([]string{"netns", "exec", ns, name}, args...)...)
}

// sysctls writes /proc/sys values inside a namespace.
func (r *run) sysctls(ns string, kv ...string) error {
	var script []string
	for i := 0; i+1 < len(kv); i += 2 {
		script = append(script, fmt.Sprintf("echo %s > /proc/sys/%s", kv[i+1], strings.ReplaceAll(kv[i], ".", "/")))
	}
	_, err := r.inNS(ns, "sh", "-ec", strings.Join(script, "; "))
	return err
}

func (r *run) addNS(name string) error {
	if _, err := r.cmd("ip", "netns", "add", name); err != nil {
		return err
	}
	r.nss = append(r.nss, name)
	return nil
}

// cleanup kills every process left in the run's namespaces and deletes
// them; it runs whatever happened, with its own time bound.
func (r *run) cleanup() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r.mu.Lock()
	for _, c := range r.procs {
		if c.Process != nil {
			syscall.Kill(-c.Process.Pid, syscall.SIGKILL)
		}
	}
	r.mu.Unlock()
	for i := len(r.nss) - 1; i >= 0; i-- {
		ns := r.nss[i]
		out, _ := exec.CommandContext(ctx, "ip", "netns", "pids", ns).Output()
		for _, f := range strings.Fields(string(out)) {
			if pid, err := strconv.Atoi(f); err == nil && pid > 1 && pid != os.Getpid() {
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
		for try := 0; try < 5; try++ {
			if err := exec.CommandContext(ctx, "ip", "netns", "del", ns).Run(); err == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// newPrefix names a run's namespaces: "np" and 8 random hex digits.
func newPrefix() string {
	var rnd [4]byte
	rand.Read(rnd[:])
	return "np" + hex.EncodeToString(rnd[:])
}

var nsName = regexp.MustCompile(`^np[0-9a-f]{8}-(w|[0-9]+)$`)

// sweep deletes namespaces an earlier run left behind when its process was
// killed before it could clean up: named as this package names them, older
// than 15 minutes (no run lasts that long) and with no process in them.
func sweep(ctx context.Context) {
	ents, err := os.ReadDir("/var/run/netns")
	if err != nil {
		return
	}
	for _, e := range ents {
		info, err := e.Info()
		if err != nil || !nsName.MatchString(e.Name()) || time.Since(info.ModTime()) < 15*time.Minute {
			continue
		}
		out, err := exec.CommandContext(ctx, "ip", "netns", "pids", e.Name()).Output()
		if err != nil || strings.TrimSpace(string(out)) != "" {
			continue
		}
		exec.CommandContext(ctx, "ip", "netns", "del", e.Name()).Run()
	}
}

func macOf(host, nic int) string {
	return fmt.Sprintf("02:00:%02x:%02x:00:01", (host+1)&0xff, (nic+1)&0xff)
}

// Run runs sc on the Linux kernel (see the package doc). It needs root
// (Tools). A scenario that cannot be reproduced gives a *NotComparable.
func Run(ctx context.Context, sc *scenario.Scenario, opt Options) (res *Result, err error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	if err := Comparable(sc); err != nil {
		return nil, err
	}
	if err := Tools(); err != nil {
		return nil, err
	}
	limit := opt.Limit
	if limit <= 0 {
		limit = sc.EffectiveLimit()
	}
	if opt.Tail <= 0 {
		opt.Tail = time.Second
	}
	var latest time.Duration
	for _, h := range sc.Hosts {
		latest = max(latest, h.Start.D())
	}
	// Everything, setup to teardown, within the limit plus a margin.
	ctx, cancel := context.WithTimeout(ctx, limit+latest+opt.Tail+2*time.Minute)
	defer cancel()

	r := &run{ctx: ctx, opt: opt, hostNS: map[string]string{}}
	r.dir = opt.Dir
	if r.dir == "" {
		if r.dir, err = os.MkdirTemp("", "linuxref-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(r.dir)
	} else if err := os.MkdirAll(r.dir, 0o755); err != nil {
		return nil, err
	}
	if r.dir, err = filepath.Abs(r.dir); err != nil {
		return nil, err
	}
	sweep(ctx)
	r.prefix = newPrefix()
	defer r.cleanup()
	res = &Result{}

	// Compile first: nothing to clean up if a program does not build.
	bins := map[string]string{}
	for _, h := range sc.Hosts {
		if strings.TrimSpace(h.Program) == "" {
			continue
		}
		bin := filepath.Join(r.dir, h.Name+".bin")
		r.logf("host %s: gcc %s", h.Name, h.FileName())
		if err := GCCBuild(r.ctx, filepath.Join(r.dir, h.Name), bin, h.MainFile(), h.Files, sc.Files); err != nil {
			return nil, fmt.Errorf("host %s: gcc: %v", h.Name, err)
		}
		bins[h.Name] = bin
	}

	// The wire: one bridge per link.
	r.wire = r.prefix + "-w"
	if err := r.addNS(r.wire); err != nil {
		return nil, err
	}
	if err := r.sysctls(r.wire, "net.ipv6.conf.all.disable_ipv6", "1", "net.ipv6.conf.default.disable_ipv6", "1"); err != nil {
		return nil, err
	}
	for i, h := range sc.Hosts {
		ns := fmt.Sprintf("%s-%d", r.prefix, i)
		if err := r.addNS(ns); err != nil {
			return nil, err
		}
		r.hostNS[h.Name] = ns
		v6 := false
		for _, a := range h.Addrs {
			if p, err := netip.ParsePrefix(a); err == nil && p.Addr().Is6() {
				v6 = true
			}
		}
		kv := []string{"net.ipv6.conf.default.disable_ipv6", "1"}
		if v6 {
			kv = []string{"net.ipv6.conf.default.accept_dad", "0", "net.ipv6.conf.all.accept_dad", "0",
				"net.ipv6.conf.default.router_solicitations", "0", "net.ipv6.conf.default.accept_ra", "0"}
		}
		if h.Forward {
			kv = append(kv, "net.ipv4.ip_forward", "1")
			if v6 {
				kv = append(kv, "net.ipv6.conf.all.forwarding", "1")
			}
		}
		if err := r.sysctls(ns, kv...); err != nil {
			return nil, err
		}
		if _, err := r.cmd("ip", "-n", ns, "link", "set", "lo", "up"); err != nil {
			return nil, err
		}
	}
	hostIndex := map[string]int{}
	for i, h := range sc.Hosts {
		hostIndex[h.Name] = i
	}
	nicOf := map[[2]int]int{} // (host, link) -> NIC index
	for _, h := range sc.Hosts {
		for n, nic := range sc.NICs(h.Name) {
			nicOf[[2]int{hostIndex[h.Name], nic.Link}] = n
		}
	}
	ifindex := map[string]int{}
	for li, l := range sc.Links {
		for j, name := range l.Hosts {
			hi := hostIndex[name]
			n := nicOf[[2]int{hi, li}]
			port := Port{Name: fmt.Sprintf("l%dp%d", li, j), Link: li, Host: name, MAC: macOf(hi, n)}
			ns, dev := r.hostNS[name], fmt.Sprintf("eth%d", n)
			steps := [][]string{
				{"-n", r.wire, "link", "add", port.Name, "type", "veth", "peer", "name", dev, "netns", ns},
				{"-n", ns, "link", "set", dev, "address", port.MAC},
				{"-n", r.wire, "link", "set", port.Name, "up"},
				{"-n", ns, "link", "set", dev, "up"},
			}
			for _, s := range steps {
				if _, err := r.cmd("ip", s...); err != nil {
					return nil, err
				}
			}
			out, err := r.cmd("ip", "-n", r.wire, "-o", "link", "show", "dev", port.Name)
			if err != nil {
				return nil, err
			}
			if ifindex[port.Name], err = parseIfindex(out, port.Name); err != nil {
				return nil, err
			}
			res.Ports = append(res.Ports, port)
		}
	}
	for _, h := range sc.Hosts {
		for n, nic := range sc.NICs(h.Name) {
			for _, a := range nic.Addrs {
				args := []string{"-n", r.hostNS[h.Name], "addr", "add", a.String(), "dev", fmt.Sprintf("eth%d", n)}
				if a.Addr().Is6() {
					args = append(args, "nodad")
				}
				if _, err := r.cmd("ip", args...); err != nil {
					return nil, err
				}
			}
		}
	}
	for i, rt := range sc.Routes {
		args := []string{"-n", r.hostNS[rt.Host], "route", "add", rt.To}
		if rt.Via != "" {
			args = append(args, "via", rt.Via)
		} else {
			args = append(args, "dev", "eth0")
		}
		if _, err := r.cmd("ip", args...); err != nil {
			return nil, fmt.Errorf("routes[%d]: %v", i, err)
		}
	}
	if rules, err := Ruleset(sc, res.Ports); err != nil {
		return nil, err
	} else if rules != "" {
		file := filepath.Join(r.dir, "faults.nft")
		if err := os.WriteFile(file, []byte(rules), 0o644); err != nil {
			return nil, err
		}
		if _, err := r.inNS(r.wire, "nft", "-f", file); err != nil {
			return nil, err
		}
	}

	// The wire itself, with the links' delays.
	delay := map[int]time.Duration{}
	for li, l := range sc.Links {
		delay[li] = l.Delay.D()
	}
	wire, err := startHub(r.wire, res.Ports, ifindex, delay)
	if err != nil {
		return nil, err
	}
	hubOpen := true
	defer func() {
		if hubOpen {
			wire.close()
		}
	}()

	// Capture every port; a scenario without links (local sockets, files)
	// has nothing to capture.
	pcap := filepath.Join(r.dir, "wire.pcapng")
	var dump *exec.Cmd
	if len(res.Ports) > 0 {
		capArgs := []string{"netns", "exec", r.wire, "dumpcap", "-n"}
		for _, p := range res.Ports {
			capArgs = append(capArgs, "-i", p.Name)
		}
		capArgs = append(capArgs, "-w", pcap)
		dump = exec.CommandContext(ctx, "ip", capArgs...)
		dump.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		dumpErr, _ := dump.StderrPipe()
		r.logf("ip %s", strings.Join(capArgs, " "))
		if err := dump.Start(); err != nil {
			return nil, fmt.Errorf("dumpcap: %v", err)
		}
		r.mu.Lock()
		r.procs = append(r.procs, dump)
		r.mu.Unlock()
		ready := make(chan struct{})
		var dumpLog bytes.Buffer
		var dumpMu sync.Mutex
		go func() {
			sc := bufio.NewScanner(dumpErr)
			once := false
			for sc.Scan() {
				dumpMu.Lock()
				dumpLog.WriteString(sc.Text() + "\n")
				dumpMu.Unlock()
				if !once && strings.Contains(sc.Text(), "Capturing on") {
					once = true
					close(ready)
				}
			}
		}()
		select {
		case <-ready:
		case <-time.After(15 * time.Second):
			dumpMu.Lock()
			defer dumpMu.Unlock()
			return nil, fmt.Errorf("dumpcap did not start: %s", dumpLog.String())
		}
		time.Sleep(200 * time.Millisecond)
	}

	// The programs, in order of their start.
	var progs []*program
	byHost := map[string]*program{}
	for _, h := range sc.Hosts {
		if bins[h.Name] != "" {
			pg := &program{r: r, h: h, bin: bins[h.Name], ns: r.hostNS[h.Name]}
			if err := pg.newStdin(); err != nil {
				return nil, err
			}
			progs = append(progs, pg)
			byHost[h.Name] = pg
		}
	}
	sort.SliceStable(progs, func(i, j int) bool { return progs[i].h.Start < progs[j].h.Start })
	t0 := time.Now()
	deadline := t0.Add(limit)
	side := &Side{Name: "Linux", Hosts: map[string]*HostRun{}}
	// The actions, each at its time; the run is over once they are done
	// and every program has ended.
	acting := make(chan error, 1)
	ac := &actor{r: r, sc: sc, progs: byHost, ports: res.Ports, hub: wire}
	go func() { acting <- ac.run(ctx, t0) }()
	for i, p := range progs {
		if d := time.Until(t0.Add(p.h.Start.D())); d > 0 {
			time.Sleep(d)
		}
		// As on netplay's clock: the actions due by now are done, and
		// the programs started before are blocked (or gone).
		for wait := time.Now().Add(10 * time.Second); ; {
			busy := ""
			if ac.doneBy() < p.h.Start.D() {
				busy = "an action"
			}
			for _, q := range progs[:i] {
				if l := q.last(); !quiescent(l.cmd, l.done, q.bin) {
					busy = q.h.Name
				}
			}
			if busy == "" {
				break
			}
			if time.Now().After(wait) {
				res.Notes = append(res.Notes, fmt.Sprintf("%s started while %s was still running", p.h.Name, busy))
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		if err := p.start(); err != nil {
			return nil, err
		}
		go typeInput(ctx, p, t0, p.h.Stdin)
	}
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	killAll := func() {
		for _, p := range progs {
			for _, q := range p.allRuns() {
				syscall.Kill(-q.cmd.Process.Pid, syscall.SIGKILL)
			}
		}
	}
	select {
	case err := <-acting:
		if err != nil {
			killAll()
			return nil, err
		}
	case <-timer.C:
		// The limit comes first: what is still running is killed (137).
		killAll()
		if err := <-acting; err != nil {
			return nil, err
		}
	}
	for _, p := range progs {
		for _, q := range p.allRuns() {
			select {
			case <-q.done:
			case <-timer.C:
				killAll()
				<-q.done
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
	}
	time.Sleep(opt.Tail)
	hubOpen = false
	if err := wire.close(); err != nil {
		return nil, fmt.Errorf("the wire: %v", err)
	}
	if dump != nil {
		syscall.Kill(-dump.Process.Pid, syscall.SIGINT)
		dumpDone := make(chan error, 1)
		go func() { dumpDone <- dump.Wait() }()
		select {
		case <-dumpDone:
		case <-time.After(10 * time.Second):
			syscall.Kill(-dump.Process.Pid, syscall.SIGKILL)
			<-dumpDone
		}
		capture, err := os.ReadFile(pcap)
		if err != nil {
			return nil, err
		}
		if side.Frames, err = ReadCapture(capture, res.Ports); err != nil {
			return nil, err
		}
	}
	for _, p := range progs {
		hr := &HostRun{Ran: true}
		for _, q := range p.allRuns() {
			st, err := os.ReadFile(q.trace)
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, err
			}
			hr.Calls = append(hr.Calls, ParseStrace(string(st))...)
			hr.Calls = append(hr.Calls, Call{Name: "exit", FD: -1, Ret: int64(q.status), Port: -1})
			hr.Stdout += q.out.String()
			hr.Stderr += q.err.String()
			hr.Exits = append(hr.Exits, q.status)
			hr.Status = q.status
		}
		side.Hosts[p.h.Name] = hr
	}
	res.Side = side
	return res, nil
}

// typeInput types a host's scripted stdin into its program's standard
// input, a pipe its runs share, each entry at its time from the run's
// start (t0, when the first program may start); an entry that says eof
// closes it. A program whose input never ends keeps an open pipe nobody
// writes, as netplay's terminal stays open: its reads wait.
func typeInput(ctx context.Context, pg *program, t0 time.Time, stdin []scenario.Input) {
	for _, in := range stdin {
		select {
		case <-time.After(time.Until(t0.Add(in.At.D()))):
		case <-ctx.Done():
			return
		}
		pg.typeIn(in.Text, in.EOF)
	}
}

// statusOf is an exit status as a shell gives it: 128+signal when killed.
func statusOf(c *exec.Cmd, err error) int {
	if c.ProcessState == nil {
		return signal.SIGKILL.ExitStatus()
	}
	if ws, ok := c.ProcessState.Sys().(syscall.WaitStatus); ok {
		if ws.Signaled() {
			return signal.Signal(ws.Signal()).ExitStatus()
		}
		return ws.ExitStatus()
	}
	return c.ProcessState.ExitCode()
}

// blocking are the x86-64 system calls a program may sleep in while
// netplay's clock would move on: socket waits and sleeps.
var blocking = map[string]bool{
	"0": true, "1": true, "7": true, "23": true, "34": true, "35": true, "42": true, "43": true,
	"44": true, "45": true, "46": true, "47": true, "61": true, "230": true, "232": true, "270": true,
	"271": true, "281": true, "288": true, "202": true, "247": true,
}

// quiescent reports whether a program (strace's tracee, running bin) is
// asleep in a call or has ended.
func quiescent(c *exec.Cmd, done chan struct{}, bin string) bool {
	select {
	case <-done:
		return true
	default:
	}
	if c == nil || c.Process == nil {
		return true
	}
	kids, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", c.Process.Pid, c.Process.Pid))
	if err != nil {
		return false
	}
	f := strings.Fields(string(kids))
	if len(f) == 0 {
		return false // strace has not started the program yet
	}
	proc := "/proc/" + f[0]
	if exe, err := os.Readlink(proc + "/exe"); err != nil || exe != bin {
		return false // still stdbuf, or gone
	}
	stat, err := os.ReadFile(proc + "/stat")
	if err != nil {
		return false
	}
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	if i < 0 || i+2 >= len(s) {
		return false
	}
	switch s[i+2] {
	case 'Z', 'X':
		return true
	case 'S':
	default:
		return false
	}
	sys, err := os.ReadFile(proc + "/syscall")
	if err != nil {
		return false
	}
	nr, _, _ := strings.Cut(strings.TrimSpace(string(sys)), " ")
	return blocking[nr]
}

// parseIfindex finds "N: name@…" in `ip -o link show` output. ip may put a
// warning line before it (e.g. "Error: Peer netns reference is invalid."
// while another run's namespace is being deleted).
func parseIfindex(out, name string) (int, error) {
	for _, line := range strings.Split(out, "\n") {
		idx, rest, ok := strings.Cut(line, ": ")
		if !ok || !(strings.HasPrefix(rest, name+"@") || strings.HasPrefix(rest, name+":")) {
			continue
		}
		if n, err := strconv.Atoi(strings.TrimSpace(idx)); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("ifindex of %s: %q", name, out)
}
