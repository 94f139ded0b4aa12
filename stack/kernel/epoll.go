package kernel

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gvisor.dev/gvisor/pkg/waiter"

	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
	"netplay/stack/vnet"
)

// epoll's flags and operations, as <sys/epoll.h> has them (the event bits
// below EPOLLEXCLUSIVE are poll's).
const (
	EPOLL_CLOEXEC = O_CLOEXEC

	EPOLL_CTL_ADD = 1
	EPOLL_CTL_DEL = 2
	EPOLL_CTL_MOD = 3

	EPOLLIN        = 0x1
	EPOLLPRI       = 0x2
	EPOLLOUT       = 0x4
	EPOLLERR       = 0x8
	EPOLLHUP       = 0x10
	EPOLLRDNORM    = 0x40
	EPOLLRDBAND    = 0x80
	EPOLLWRNORM    = 0x100
	EPOLLWRBAND    = 0x200
	EPOLLMSG       = 0x400
	EPOLLRDHUP     = 0x2000
	EPOLLEXCLUSIVE = 1 << 28
	EPOLLWAKEUP    = 1 << 29
	EPOLLONESHOT   = 1 << 30
	EPOLLET        = 1 << 31

	// epPrivate are the bits that say how to report, not what.
	epPrivate = EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE
	// epExclusiveOK are the bits EPOLLEXCLUSIVE may come with.
	epExclusiveOK = EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE
	// epMaxNests is how deep epoll instances may watch each other.
	epMaxNests = 4
	// EpMaxEvents is the most events one epoll_wait may ask for
	// (INT_MAX / sizeof(struct epoll_event)).
	EpMaxEvents = math.MaxInt32 / 12
)

// EpollEvent is a struct epoll_event: the events and the data the program
// gave, given back as they are.
type EpollEvent struct {
	Events uint32
	Data   uint64

	item *epollItem // what reported it, for the trace
}

// epollFile is an epoll instance (Linux's struct eventpoll) as an open
// file: the descriptions it watches (its interest list) and those of them
// that may be ready (its ready list, in the order they became so).
//
// A watched file's notification puts its item at the end of the ready
// list. epoll_wait takes the list, reports each item whose file is ready
// for what the item asks (up to maxevents), and puts a level-triggered
// item it reported back at the end: items it did not reach stay first,
// so a list longer than maxevents is served round robin. An
// edge-triggered item comes back only with the file's next notification;
// a one-shot item is disabled until EPOLL_CTL_MOD. So an edge-triggered
// reader that does not drain its socket is not told again until more data
// comes, as on Linux.
type epollFile struct {
	h     *Host
	items map[epollKey]*epollItem
	// mu guards the ready list: a watched socket's notification may come
	// from netstack's goroutines.
	mu         sync.Mutex
	head, tail *epollItem
	waiters    []*epollWaiter // threads in epoll_wait, the latest first (mu)
	pq         waiter.Queue   // poll, select and outer epolls watching this one
	stat       Stat
}

// epollWaiter is a thread in epoll_wait. Linux's waiters are exclusive:
// an event wakes one of them, the last to wait first, that is not awake
// already (wakeOne).
type epollWaiter struct {
	q     waiter.Queue
	awake bool
}

// wakeOne wakes the latest waiter not awake yet.
func (ep *epollFile) wakeOne() {
	ep.mu.Lock()
	var w *epollWaiter
	for _, x := range ep.waiters {
		if !x.awake {
			w, x.awake = x, true
			break
		}
	}
	ep.mu.Unlock()
	if w != nil {
		w.q.Notify(waiter.ReadableEvents)
	}
}

// epollKey names an item as Linux does: the description and the
// descriptor it was added as.
type epollKey struct {
	d  *Desc
	fd int
}

// epollItem is one watched description (Linux's struct epitem).
type epollItem struct {
	ep     *epollFile
	key    epollKey
	events uint32 // as given, with EPOLLERR and EPOLLHUP; 0 what one-shot disabled
	data   uint64
	entry  waiter.Entry
	queued bool
	prev   *epollItem
	next   *epollItem
}

// NotifyEvent implements waiter.EventListener: the watched file changed
// (ep_poll_callback).
func (it *epollItem) NotifyEvent(m waiter.EventMask) {
	ep := it.ep
	ep.mu.Lock()
	if it.events&^epPrivate == 0 || uint32(m)&it.events == 0 {
		ep.mu.Unlock()
		return
	}
	if !it.queued {
		ep.push(it)
	}
	ep.mu.Unlock()
	// Waiters wake even when the item was on the list already, as
	// Linux's do: an outer epoll may have dropped it meanwhile.
	ep.wakeOne()
	ep.pq.Notify(waiter.ReadableEvents)
}

// push puts it at the end of the ready list (mu held).
func (ep *epollFile) push(it *epollItem) {
	it.queued, it.prev, it.next = true, ep.tail, nil
	if ep.tail != nil {
		ep.tail.next = it
	} else {
		ep.head = it
	}
	ep.tail = it
}

// unlink takes it off the ready list (mu held).
func (ep *epollFile) unlink(it *epollItem) {
	if !it.queued {
		return
	}
	if it.prev != nil {
		it.prev.next = it.next
	} else {
		ep.head = it.next
	}
	if it.next != nil {
		it.next.prev = it.prev
	} else {
		ep.tail = it.prev
	}
	it.queued, it.prev, it.next = false, nil, nil
}

// ready returns what of its events it's file is ready for now.
func (it *epollItem) ready() uint32 {
	return uint32(uint16(readiness(it.key.d))) & it.events &^ epPrivate
}

// collect takes up to max events off the ready list (ep_send_events).
func (ep *epollFile) collect(max int) []EpollEvent {
	ep.mu.Lock()
	scan := ep.head
	ep.head, ep.tail = nil, nil
	ep.mu.Unlock()
	var out []EpollEvent
	var again []*epollItem
	for scan != nil && len(out) < max {
		it := scan
		scan = it.next
		it.queued, it.prev, it.next = false, nil, nil
		if scan != nil {
			scan.prev = nil
		}
		ev := it.ready()
		if ev == 0 {
			continue // notified, but not ready for what it asks
		}
		out = append(out, EpollEvent{Events: ev, Data: it.data, item: it})
		switch {
		case it.events&EPOLLONESHOT != 0:
			it.events &= epPrivate
		case it.events&EPOLLET == 0:
			again = append(again, it) // level-triggered: ask again next time
		}
	}
	ep.mu.Lock()
	// What the scan did not reach goes first, then what was notified
	// meanwhile, then the level-triggered items reported.
	if scan != nil {
		last := scan
		for last.next != nil {
			last = last.next
		}
		if ep.head != nil {
			last.next, ep.head.prev = ep.head, last
		} else {
			ep.tail = last
		}
		ep.head = scan
	}
	for _, it := range again {
		if !it.queued {
			ep.push(it)
		}
	}
	more := ep.head != nil
	ep.mu.Unlock()
	if more && len(out) > 0 {
		ep.wakeOne() // another thread may take the rest
	}
	return out
}

// Readiness implements File: readable while an item on the ready list is
// ready for what it asks.
func (ep *epollFile) Readiness(mask waiter.EventMask) waiter.EventMask {
	if mask&waiter.ReadableEvents == 0 {
		return 0
	}
	ep.mu.Lock()
	var items []*epollItem
	for it := ep.head; it != nil; it = it.next {
		items = append(items, it)
	}
	ep.mu.Unlock()
	for _, it := range items {
		if it.ready() != 0 {
			return waiter.ReadableEvents & mask
		}
	}
	return 0
}

func (ep *epollFile) Read(t *Task, d *Desc, b []byte) (int, errno.Errno)  { return -1, errno.EINVAL }
func (ep *epollFile) Write(t *Task, d *Desc, b []byte) (int, errno.Errno) { return -1, errno.EINVAL }
func (ep *epollFile) Queue() *waiter.Queue                                { return &ep.pq }
func (ep *epollFile) Stat() Stat                                          { return ep.stat }

// Release drops every item: the epoll instance is gone.
func (ep *epollFile) Release(t *Task) {
	for _, it := range ep.sorted() {
		ep.remove(it)
	}
}

// sorted returns the items in a fixed order (by descriptor), for what
// iterates over them.
func (ep *epollFile) sorted() []*epollItem {
	items := make([]*epollItem, 0, len(ep.items))
	for _, it := range ep.items {
		items = append(items, it)
	}
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].key.fd < items[j-1].key.fd; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
	return items
}

// remove takes an item out of the interest list.
func (ep *epollFile) remove(it *epollItem) {
	it.key.d.file.Queue().EventUnregister(&it.entry)
	delete(ep.items, it.key)
	d := it.key.d
	for i, w := range d.watchers {
		if w == it {
			d.watchers = append(d.watchers[:i], d.watchers[i+1:]...)
			break
		}
	}
	ep.mu.Lock()
	ep.unlink(it)
	ep.mu.Unlock()
}

// register (re)arms the item's waiter entry for its events and queues the
// item when its file is ready now (ep_insert, ep_modify).
func (it *epollItem) register() {
	q := it.key.d.file.Queue()
	q.EventUnregister(&it.entry)
	it.entry.Init(it, waiter.EventMask(it.events&0xffff))
	q.EventRegister(&it.entry)
	if it.ready() != 0 {
		ep := it.ep
		ep.mu.Lock()
		queued := !it.queued
		if queued {
			ep.push(it)
		}
		ep.mu.Unlock()
		if queued {
			ep.wakeOne()
			ep.pq.Notify(waiter.ReadableEvents)
		}
	}
}

// pollable reports whether a file has a poll method in Linux: regular
// files, directories, /dev/null and /dev/zero have none (epoll_ctl says
// EPERM); poll and select find them always ready.
func pollable(f File) bool {
	switch f := f.(type) {
	case *regFile, *dirFile:
		return false
	case *devFile:
		return f.n.Rdev == devRandom || f.n.Rdev == devURandom
	}
	return true
}

// EpollCreate implements epoll_create(2) (size ≥ 0) and epoll_create1(2)
// (size < 0, with flags).
func (t *Task) EpollCreate(size, flags int) (r0 int, r1 errno.Errno) {
	if j, at, rec := t.journal("epollcreate"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("epollcreate", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	call, args := "epoll_create1", epollCreateFlags(flags)
	if size >= 0 {
		call, args = "epoll_create", strconv.Itoa(size)
	}
	fail := func(err errno.Errno) (int, errno.Errno) {
		t.syscall(start, call, -1, args, -1, err)
		return -1, err
	}
	switch {
	case size == 0:
		return fail(errno.EINVAL)
	case size < 0 && flags&^EPOLL_CLOEXEC != 0:
		return fail(errno.EINVAL)
	}
	if size > 0 {
		flags = 0
	}
	ep := &epollFile{h: t.host, items: map[epollKey]*epollItem{},
		stat: t.host.anonStat(devAnonInode, 0o600)}
	fd, _, err := t.open(ep, O_RDWR|flags)
	if err != 0 {
		return fail(err)
	}
	t.syscall(start, call, fd, args, int64(fd), 0)
	return fd, 0
}

// devAnonInode is the device of anonymous inodes ([eventpoll]).
const devAnonInode = 0xe

func epollCreateFlags(flags int) string {
	switch {
	case flags == 0:
		return "0"
	case flags == EPOLL_CLOEXEC:
		return "EPOLL_CLOEXEC"
	case flags&EPOLL_CLOEXEC != 0:
		return fmt.Sprintf("EPOLL_CLOEXEC|%#x /* EPOLL_??? */", flags&^EPOLL_CLOEXEC)
	}
	return fmt.Sprintf("%#x /* EPOLL_??? */", flags)
}

// EpollCtl implements epoll_ctl(2). ev is nil when the program passed
// NULL; ptr is the pointer it passed (shown for EPOLL_CTL_DEL, which reads
// nothing from it).
func (t *Task) EpollCtl(epfd, op, fd int, ev *EpollEvent, ptr uint64) (r0 errno.Errno) {
	if j, at, rec := t.journal("epollctl"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("epollctl", at, []any{r0}) }()
	}
	start := t.th.Now()
	hasEvent := op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD
	evText := "NULL"
	switch {
	case hasEvent && ev != nil:
		evText = epollEventText(*ev)
	case ptr != 0:
		evText = fmt.Sprintf("%#x", ptr)
	}
	args := fmt.Sprintf("%d, %s, %d, %s", epfd, epollOpName(op), fd, evText)
	err := t.epollCtl(epfd, op, fd, ev, hasEvent)
	return t.done(start, "epoll_ctl", epfd, args, err)
}

func (t *Task) epollCtl(epfd, op, fd int, ev *EpollEvent, hasEvent bool) errno.Errno {
	if hasEvent && ev == nil {
		return errno.EFAULT
	}
	ed, err := t.get(epfd)
	if err != 0 {
		return err
	}
	td, err := t.get(fd)
	if err != 0 {
		return err
	}
	if !pollable(td.file) {
		return errno.EPERM
	}
	var e EpollEvent
	if hasEvent {
		e = *ev
		e.Events &^= EPOLLWAKEUP // it needs CAP_BLOCK_SUSPEND: dropped silently
	}
	ep, ok := ed.file.(*epollFile)
	if ed == td || !ok {
		return errno.EINVAL
	}
	if hasEvent && e.Events&EPOLLEXCLUSIVE != 0 {
		_, nested := td.file.(*epollFile)
		if op == EPOLL_CTL_MOD || nested || e.Events&^epExclusiveOK != 0 {
			return errno.EINVAL
		}
	}
	if inner, nested := td.file.(*epollFile); nested && op == EPOLL_CTL_ADD && inner.reaches(ep, epMaxNests) {
		return errno.ELOOP
	}
	key := epollKey{d: td, fd: fd}
	it := ep.items[key]
	switch op {
	case EPOLL_CTL_ADD:
		if it != nil {
			return errno.EEXIST
		}
		it = &epollItem{ep: ep, key: key, events: e.Events | EPOLLERR | EPOLLHUP, data: e.Data}
		ep.items[key] = it
		td.watchers = append(td.watchers, it)
		it.register()
	case EPOLL_CTL_DEL:
		if it == nil {
			return errno.ENOENT
		}
		ep.remove(it)
	case EPOLL_CTL_MOD:
		if it == nil {
			return errno.ENOENT
		}
		if it.events&EPOLLEXCLUSIVE != 0 {
			return errno.EINVAL
		}
		it.events, it.data = e.Events|EPOLLERR|EPOLLHUP, e.Data
		it.register()
	default:
		return errno.EINVAL
	}
	return 0
}

// reaches reports whether ep watches target, itself or through the epoll
// instances it watches, or watches a chain of them deeper than depth
// (adding ep to target would make a loop, or too deep a nest: ELOOP).
func (ep *epollFile) reaches(target *epollFile, depth int) bool {
	for _, it := range ep.sorted() {
		inner, ok := it.key.d.file.(*epollFile)
		if !ok {
			continue
		}
		if inner == target || depth == 0 || inner.reaches(target, depth-1) {
			return true
		}
	}
	return false
}

// EpollWait implements epoll_wait(2): up to max events, waiting at most
// timeoutMs milliseconds (negative: without a limit; 0: not at all). ptr
// is the events array's address, shown when the call fails; bad says it
// is not the program's memory: as on Linux, the call waits as it would
// and fails with EFAULT when it has events to give.
func (t *Task) EpollWait(epfd, max, timeoutMs int, ptr uint64, bad bool) (r0 []EpollEvent, r1 errno.Errno) {
	if j, at, rec := t.journal("epollwait"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].([]EpollEvent)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("epollwait", at, []any{r0, r1}) }()
	}
	return t.epollWait("epoll_wait", epfd, max, timeoutMs, ptr, bad, "")
}

// EpollPwait implements epoll_pwait(2): epoll_wait with the signal mask
// sigmask (nil: the thread's own) while it waits.
func (t *Task) EpollPwait(epfd, max, timeoutMs int, sigmask *uint64, ptr uint64, bad bool) (r0 []EpollEvent, r1 errno.Errno) {
	if j, at, rec := t.journal("epollpwait"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].([]EpollEvent)
			r1 = v[1].(errno.Errno)
			return
		}
		defer func() { j.Record("epollpwait", at, []any{r0, r1}) }()
	}
	defer t.withMask(sigmask)()
	return t.epollWait("epoll_pwait", epfd, max, timeoutMs, ptr, bad, ", "+sigsetText(sigmask)+", 8")
}

func (t *Task) epollWait(call string, epfd, max, timeoutMs int, ptr uint64, bad bool, tail string) ([]EpollEvent, errno.Errno) {
	start := t.th.Now()
	fail := func(err errno.Errno) ([]EpollEvent, errno.Errno) {
		t.syscall(start, call, epfd, fmt.Sprintf("%d, %#x, %d, %d%s", epfd, ptr, max, timeoutMs, tail), -1, err)
		return nil, err
	}
	if max <= 0 || max > EpMaxEvents {
		return fail(errno.EINVAL)
	}
	d, err := t.get(epfd)
	if err != 0 {
		return fail(err)
	}
	ep, ok := d.file.(*epollFile)
	if !ok {
		return fail(errno.EINVAL)
	}
	var evs []EpollEvent
	check := func() bool {
		evs = ep.collect(max)
		return len(evs) > 0
	}
	if !check() && timeoutMs != 0 {
		deadline := int64(-1)
		if timeoutMs > 0 {
			deadline = int64(t.th.Now() + time.Duration(timeoutMs)*time.Millisecond)
		}
		w := &epollWaiter{}
		ep.mu.Lock()
		ep.waiters = append([]*epollWaiter{w}, ep.waiters...)
		ep.mu.Unlock()
		t.th.ExpectInput(ep.watchesInput())
		r := t.th.Wait([]*waiter.Queue{&w.q}, waiter.ReadableEvents, deadline, vnet.NotRestarted, func() bool {
			if check() {
				return true
			}
			ep.mu.Lock()
			w.awake = false // asleep again
			ep.mu.Unlock()
			return false
		})
		t.th.ExpectInput(false)
		ep.mu.Lock()
		ep.waiters = slices.DeleteFunc(ep.waiters, func(x *epollWaiter) bool { return x == w })
		ep.mu.Unlock()
		if r == vnet.Interrupted {
			return fail(errno.EINTR) // never restarted, as Linux's
		}
	}
	if bad && len(evs) > 0 {
		t.observe()
		return fail(errno.EFAULT)
	}
	t.observe()
	parts := make([]string, len(evs))
	for i, e := range evs {
		parts[i] = epollEventText(e)
	}
	args := fmt.Sprintf("%d, [%s], %d, %d%s", epfd, strings.Join(parts, ", "), max, timeoutMs, tail)
	e := t.event(start, call, epfd, args, int64(len(evs)), 0)
	for _, ev := range evs {
		e.Ready = append(e.Ready, t.host.readyOf(ev.item.key.d, waiter.EventMask(ev.Events&0xffff), ev.item.key.fd, epollEvents(ev.Events)))
	}
	t.record(e)
	return evs, 0
}

// watchesInput reports whether an item waits for input typed at the
// terminal.
func (ep *epollFile) watchesInput() bool {
	for _, it := range ep.items {
		if it.events&EPOLLIN != 0 && watchesInput(it.key.d.file, waiter.ReadableEvents) {
			return true
		}
	}
	return false
}

// epollEventText shows a struct epoll_event as strace does:
// "{events=EPOLLIN|EPOLLET, data={u32=5, u64=5}}".
func epollEventText(e EpollEvent) string {
	return fmt.Sprintf("{events=%s, data={u32=%d, u64=%d}}", epollEvents(e.Events), uint32(e.Data), e.Data)
}

// epollEvents names event bits as strace does, lowest first.
func epollEvents(ev uint32) string {
	if ev == 0 {
		return "0"
	}
	var s []string
	for _, b := range []struct {
		bit  uint32
		name string
	}{{EPOLLIN, "EPOLLIN"}, {EPOLLPRI, "EPOLLPRI"}, {EPOLLOUT, "EPOLLOUT"}, {EPOLLERR, "EPOLLERR"},
		{EPOLLHUP, "EPOLLHUP"}, {EPOLLRDNORM, "EPOLLRDNORM"}, {EPOLLRDBAND, "EPOLLRDBAND"},
		{EPOLLWRNORM, "EPOLLWRNORM"}, {EPOLLWRBAND, "EPOLLWRBAND"}, {EPOLLMSG, "EPOLLMSG"},
		{EPOLLRDHUP, "EPOLLRDHUP"}, {EPOLLEXCLUSIVE, "EPOLLEXCLUSIVE"}, {EPOLLWAKEUP, "EPOLLWAKEUP"},
		{EPOLLONESHOT, "EPOLLONESHOT"}, {EPOLLET, "EPOLLET"}} {
		if ev&b.bit != 0 {
			s = append(s, b.name)
			ev &^= b.bit
		}
	}
	if ev != 0 {
		s = append(s, fmt.Sprintf("%#x", ev))
	}
	return strings.Join(s, "|")
}

func epollOpName(op int) string {
	switch op {
	case EPOLL_CTL_ADD:
		return "EPOLL_CTL_ADD"
	case EPOLL_CTL_DEL:
		return "EPOLL_CTL_DEL"
	case EPOLL_CTL_MOD:
		return "EPOLL_CTL_MOD"
	}
	return fmt.Sprintf("%#x /* EPOLL_CTL_??? */", op)
}

// sigsetText shows a signal mask as strace does: "NULL", "[]", "[USR1
// TERM]", or "~[…]" (the signals not in it) when it holds more than half.
func sigsetText(set *uint64) string {
	if set == nil {
		return "NULL"
	}
	m, neg := *set, ""
	if n := popcount(m); n > 32 {
		m, neg = ^m, "~"
	}
	var names []string
	for s := 1; s <= 64; s++ {
		if m&(1<<(s-1)) != 0 {
			names = append(names, sigName(signal.Signal(s)))
		}
	}
	return neg + "[" + strings.Join(names, " ") + "]"
}

func sigName(s signal.Signal) string {
	switch {
	case s == signal.RTMin:
		return "RTMIN"
	case s > signal.RTMin && s <= signal.RTMax:
		return "RT_" + strconv.Itoa(int(s-signal.RTMin))
	}
	return strings.TrimPrefix(s.Name(), "SIG")
}

func popcount(m uint64) int {
	n := 0
	for ; m != 0; m &= m - 1 {
		n++
	}
	return n
}
