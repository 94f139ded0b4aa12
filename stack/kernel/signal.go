package kernel

import (
	"fmt"
	"time"

	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
	"netplay/stack/vnet"
)

// The system calls of signals. What a process sets (dispositions, masks)
// and how signals travel and are delivered is the scheduler's
// (vnet/signal.go); these are the calls a program makes, traced as strace
// names them.

// validSignal reports whether sig is a signal number (0, the check, too).
func validSignal(sig int) bool { return sig >= 0 && sig < vnet.NSig }

// Kill implements kill(2): pid > 0 that process, 0 the caller's process
// group, -1 every process it may signal but itself, < -1 the group -pid.
func (t *Task) Kill(pid, sig int) (r0 errno.Errno) {
	if j, at, rec := t.journal("kill"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("kill", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %s", pid, signalArg(sig))
	err := errno.Errno(0)
	switch {
	case !validSignal(sig):
		err = errno.EINVAL
	case pid > 0 && !t.th.Kill(pid, sig), pid == 0 && !t.th.KillGroup(0, sig),
		pid == -1 && !t.th.KillAll(sig), pid < -1 && !t.th.KillGroup(-pid, sig):
		err = errno.ESRCH
	}
	t.done(start, "kill", -1, args, err)
	t.th.DeliverSignals() // one it sent itself
	return err
}

// Tgkill implements tgkill(2): raise and pthread_kill send a signal to a
// thread of their own process this way.
func (t *Task) Tgkill(tgid, tid, sig int) (r0 errno.Errno) {
	if j, at, rec := t.journal("tgkill"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("tgkill", at, []any{r0}) }()
	}
	start := t.th.Now()
	args := fmt.Sprintf("%d, %d, %s", tgid, tid, signalArg(sig))
	err := errno.Errno(0)
	switch {
	case !validSignal(sig) || tgid <= 0 || tid <= 0:
		err = errno.EINVAL
	case tgid != t.th.Process().Pid() || !t.th.KillThread(tid, sig):
		err = errno.ESRCH
	}
	t.done(start, "tgkill", -1, args, err)
	t.th.DeliverSignals()
	return err
}

// Alarm implements alarm(2): SIGALRM after secs seconds (0 cancels), and
// the seconds the alarm before had left, rounded as Linux rounds them.
func (t *Task) Alarm(secs uint32) (r0 uint32) {
	if j, at, rec := t.journal("alarm"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(uint32)
			return
		}
		defer func() { j.Record("alarm", at, []any{r0}) }()
	}
	start := t.th.Now()
	oldValue, _ := t.th.SetITimer(time.Duration(secs)*time.Second, 0)
	left := uint32(oldValue / time.Second)
	if rest := oldValue % time.Second; left == 0 && rest > 0 || rest >= 500*time.Millisecond {
		left++
	}
	t.syscall(start, "alarm", -1, fmt.Sprint(secs), int64(left), 0)
	return left
}

// SetITimer implements setitimer(ITIMER_REAL): SIGALRM after value, then
// every interval (0: once); it returns the timer before.
func (t *Task) SetITimer(value, interval time.Duration) (r0 time.Duration, r1 time.Duration) {
	if j, at, rec := t.journal("setitimer"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(time.Duration)
			r1 = v[1].(time.Duration)
			return
		}
		defer func() { j.Record("setitimer", at, []any{r0, r1}) }()
	}
	start := t.th.Now()
	oldValue, oldInterval := t.th.SetITimer(value, interval)
	t.syscall(start, "setitimer", -1, fmt.Sprintf("ITIMER_REAL, {it_interval=%s, it_value=%s}", tv(interval), tv(value)), 0, 0)
	return oldValue, oldInterval
}

// GetITimer implements getitimer(ITIMER_REAL).
func (t *Task) GetITimer() (r0 time.Duration, r1 time.Duration) {
	if j, at, rec := t.journal("getitimer"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(time.Duration)
			r1 = v[1].(time.Duration)
			return
		}
		defer func() { j.Record("getitimer", at, []any{r0, r1}) }()
	}
	return t.th.ITimer()
}

func tv(d time.Duration) string {
	return fmt.Sprintf("{tv_sec=%d, tv_usec=%d}", d/time.Second, d%time.Second/time.Microsecond)
}

// Pause implements pause(2): it waits for a signal handler to run, and
// returns EINTR after it (a signal that ends the process ends it here).
func (t *Task) Pause() (r0 errno.Errno) {
	if j, at, rec := t.journal("pause"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("pause", at, []any{r0}) }()
	}
	start := t.th.Now()
	t.th.Pause(nil)
	return t.done(start, "pause", -1, "", errno.EINTR)
}

// SigSuspend implements sigsuspend(2): pause with mask blocked meanwhile.
func (t *Task) SigSuspend(mask uint64) (r0 errno.Errno) {
	if j, at, rec := t.journal("sigsuspend"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(errno.Errno)
			return
		}
		defer func() { j.Record("sigsuspend", at, []any{r0}) }()
	}
	start := t.th.Now()
	t.th.Pause(&mask)
	return t.done(start, "rt_sigsuspend", -1, sigsetText(&mask)+", 8", errno.EINTR)
}

// SigTimedWait implements sigtimedwait(2) (sigwait and sigwaitinfo:
// timeout nil): it takes a signal of set that is pending (blocked), or
// waits for one; EAGAIN when the timeout passed first, EINTR when a
// handler of another signal ran.
func (t *Task) SigTimedWait(set uint64, timeout *time.Duration) (r0 int, r1 vnet.SigInfo, r2 errno.Errno) {
	if j, at, rec := t.journal("sigtimedwait"); j != nil {
		if rec != nil {
			v := rec.([]any)
			r0 = v[0].(int)
			r1 = v[1].(vnet.SigInfo)
			r2 = v[2].(errno.Errno)
			return
		}
		defer func() { j.Record("sigtimedwait", at, []any{r0, r1, r2}) }()
	}
	start := t.th.Now()
	deadline := int64(-1)
	tm := "NULL"
	if timeout != nil {
		deadline = int64(start + *timeout)
		tm = fmt.Sprintf("{tv_sec=%d, tv_nsec=%d}", *timeout/time.Second, *timeout%time.Second)
	}
	args := sigsetText(&set) + ", " + tm + ", 8"
	sig, info, r := t.th.SigWait(set, deadline)
	switch r {
	case vnet.TimedOut:
		return 0, info, t.done(start, "rt_sigtimedwait", -1, args, errno.EAGAIN)
	case vnet.Interrupted:
		return 0, info, t.done(start, "rt_sigtimedwait", -1, args, errno.EINTR)
	}
	e := t.event(start, "rt_sigtimedwait", -1, args, int64(sig), 0)
	e.RetText = fmt.Sprintf("%d (%s)", sig, signalArg(sig))
	t.th.Event(e)
	return sig, info, 0
}

// signalArg shows a signal argument as strace does: "SIGTERM",
// "SIGRT_1", 0 as itself.
func signalArg(sig int) string {
	if sig <= 0 || sig >= vnet.NSig {
		return fmt.Sprint(sig)
	}
	return "SIG" + sigName(signal.Signal(sig))
}
