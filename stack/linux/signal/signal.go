// Package signal holds the Linux signals netplay knows: each one's number,
// its name and the text glibc's strsignal gives it (what a shell prints for
// a program the signal ended), and the exit status a shell reports for such
// a program. It is the one home of these facts: the C library writes
// signal.h from the table, and every layer that ends a program (the C
// machine's faults, the socket layer's SIGPIPE, the world's time limit and
// Stop) gives the status of a signal here. As the errno package beside it,
// it depends on nothing of netplay's.
package signal

import "strconv"

// Signal is a Linux signal number (x86-64 and the generic ABI agree on
// every signal here).
type Signal int

// The signals netplay knows, as asm-generic/signal.h numbers them.
const (
	SIGHUP    Signal = 1
	SIGINT    Signal = 2
	SIGQUIT   Signal = 3
	SIGILL    Signal = 4
	SIGTRAP   Signal = 5
	SIGABRT   Signal = 6
	SIGBUS    Signal = 7
	SIGFPE    Signal = 8
	SIGKILL   Signal = 9
	SIGUSR1   Signal = 10
	SIGSEGV   Signal = 11
	SIGUSR2   Signal = 12
	SIGPIPE   Signal = 13
	SIGALRM   Signal = 14
	SIGTERM   Signal = 15
	SIGSTKFLT Signal = 16
	SIGCHLD   Signal = 17
	SIGCONT   Signal = 18
	SIGSTOP   Signal = 19
	SIGTSTP   Signal = 20
	SIGTTIN   Signal = 21
	SIGTTOU   Signal = 22
	SIGURG    Signal = 23
	SIGXCPU   Signal = 24
	SIGXFSZ   Signal = 25
	SIGVTALRM Signal = 26
	SIGPROF   Signal = 27
	SIGWINCH  Signal = 28
	SIGPOLL   Signal = 29
	SIGPWR    Signal = 30
	SIGSYS    Signal = 31
)

// Alias is a second name of a signal.
type Alias struct {
	Name string
	Of   Signal
}

// Aliases are the names Linux gives a second time to a signal, as
// signal.h defines them.
var Aliases = []Alias{{"SIGIOT", SIGABRT}, {"SIGCLD", SIGCHLD}, {"SIGIO", SIGPOLL}}

// The real-time signals glibc leaves to programs (SIGRTMIN, SIGRTMAX);
// 32 and 33 are its threads' own.
var RTMin, RTMax = Signal(34), Signal(64)

// info is what the table says of one signal.
type info struct{ name, text string }

// table holds each signal's name and glibc's strsignal text, by number.
var table = [...]info{
	SIGHUP:    {"SIGHUP", "Hangup"},
	SIGINT:    {"SIGINT", "Interrupt"},
	SIGQUIT:   {"SIGQUIT", "Quit"},
	SIGILL:    {"SIGILL", "Illegal instruction"},
	SIGTRAP:   {"SIGTRAP", "Trace/breakpoint trap"},
	SIGABRT:   {"SIGABRT", "Aborted"},
	SIGBUS:    {"SIGBUS", "Bus error"},
	SIGFPE:    {"SIGFPE", "Floating point exception"},
	SIGKILL:   {"SIGKILL", "Killed"},
	SIGUSR1:   {"SIGUSR1", "User defined signal 1"},
	SIGSEGV:   {"SIGSEGV", "Segmentation fault"},
	SIGUSR2:   {"SIGUSR2", "User defined signal 2"},
	SIGPIPE:   {"SIGPIPE", "Broken pipe"},
	SIGALRM:   {"SIGALRM", "Alarm clock"},
	SIGTERM:   {"SIGTERM", "Terminated"},
	SIGSTKFLT: {"SIGSTKFLT", "Stack fault"},
	SIGCHLD:   {"SIGCHLD", "Child exited"},
	SIGCONT:   {"SIGCONT", "Continued"},
	SIGSTOP:   {"SIGSTOP", "Stopped (signal)"},
	SIGTSTP:   {"SIGTSTP", "Stopped"},
	SIGTTIN:   {"SIGTTIN", "Stopped (tty input)"},
	SIGTTOU:   {"SIGTTOU", "Stopped (tty output)"},
	SIGURG:    {"SIGURG", "Urgent I/O condition"},
	SIGXCPU:   {"SIGXCPU", "CPU time limit exceeded"},
	SIGXFSZ:   {"SIGXFSZ", "File size limit exceeded"},
	SIGVTALRM: {"SIGVTALRM", "Virtual timer expired"},
	SIGPROF:   {"SIGPROF", "Profiling timer expired"},
	SIGWINCH:  {"SIGWINCH", "Window changed"},
	SIGPOLL:   {"SIGPOLL", "I/O possible"},
	SIGPWR:    {"SIGPWR", "Power failure"},
	SIGSYS:    {"SIGSYS", "Bad system call"},
}

func (s Signal) info() (info, bool) {
	if s > 0 && int(s) < len(table) && table[s].name != "" {
		return table[s], true
	}
	return info{}, false
}

// Name returns the signal's name ("SIGSEGV"), or "SIG" and the number for
// one the table does not have.
func (s Signal) Name() string {
	if i, ok := s.info(); ok {
		return i.name
	}
	return "SIG" + strconv.Itoa(int(s))
}

// String returns the name (fmt's %v).
func (s Signal) String() string { return s.Name() }

// Text returns glibc's strsignal text ("Segmentation fault"), or "signal
// N" for a number the table does not have.
func (s Signal) Text() string {
	if i, ok := s.info(); ok {
		return i.text
	}
	return "signal " + strconv.Itoa(int(s))
}

// StrSignal returns what glibc's strsignal returns: the text of a signal
// of the table, "Real-time signal N" for SIGRTMIN+N, "Unknown signal N"
// otherwise.
func (s Signal) StrSignal() string {
	switch i, ok := s.info(); {
	case ok:
		return i.text
	case s >= RTMin && s <= RTMax:
		return "Real-time signal " + strconv.Itoa(int(s-RTMin))
	}
	return "Unknown signal " + strconv.Itoa(int(s))
}

// ExitStatus is the status a shell reports ($?) for a program the signal
// ended: 128 + its number (139 for SIGSEGV).
func (s Signal) ExitStatus() int { return 128 + int(s) }

// ByName returns the signal called name ("SIGINT").
func ByName(name string) (Signal, bool) {
	for s, i := range table {
		if i.name == name && name != "" {
			return Signal(s), true
		}
	}
	return 0, false
}

// All lists every signal in the table, in ascending order.
func All() []Signal {
	var out []Signal
	for s, i := range table {
		if i.name != "" {
			out = append(out, Signal(s))
		}
	}
	return out
}

// Action is what a signal does to a process that has not set a handler
// (signal(7)'s "Default Action").
type Action int

// Default actions.
const (
	Term Action = iota // terminate the process
	Core               // terminate (a core dump, which netplay never writes)
	Ign                // ignore the signal
	Stop               // stop the process
	Cont               // continue it if it is stopped
)

// Default returns the signal's default action, as signal(7) lists it;
// the real-time signals and numbers the table lacks terminate.
func (s Signal) Default() Action {
	switch s {
	case SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS:
		return Core
	case SIGCHLD, SIGURG, SIGWINCH:
		return Ign
	case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU:
		return Stop
	case SIGCONT:
		return Cont
	}
	return Term
}

// String names the action as signal(7) does.
func (a Action) String() string {
	return [...]string{"Term", "Core", "Ign", "Stop", "Cont"}[a]
}
