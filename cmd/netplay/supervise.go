package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
)

// Exit statuses of `netplay run` (README, "Exit statuses of netplay run").
const (
	exitRan         = 0  // the scenario ran, whatever its programs returned
	exitOutput      = 1  // the trace or the capture could not be written
	exitBadScenario = 2  // a bad scenario, a compile error, bad arguments
	exitEngine      = 70 // the engine failed (EX_SOFTWARE): a bug of netplay, not of the scenario
)

// A Go program that dies of a fatal runtime error (a Go stack overflow,
// running out of memory, a concurrent map write) or of an unrecovered
// panic exits with status 2, which is what `netplay run` answers a bad
// scenario with; recover catches neither. So `netplay run` runs the
// engine in a child process, itself again, and maps a death the child did
// not report to exitEngine.
const (
	// childEnv marks the child; its value is the fd of the status pipe.
	childEnv = "NETPLAY_RUN_CHILD"
	// maxChildStderr bounds what the parent keeps of the child's stderr
	// (a crash dump of many goroutines can be long).
	maxChildStderr = 1 << 20
)

// superviseRun runs `netplay run args...` in a child process and returns
// the exit status: the child's own when it reported one, exitEngine with
// a one-line reason when it died without (or the shell's 128+N when it
// died of an interrupt the user sent). Without a way to start itself it
// runs in this process.
func superviseRun(args []string, stdout, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		return dispatch(append([]string{"run"}, args...), stdout, stderr)
	}
	statusR, statusW, err := os.Pipe()
	if err != nil {
		return dispatch(append([]string{"run"}, args...), stdout, stderr)
	}
	cmd := exec.Command(exe, append([]string{"run"}, args...)...)
	cmd.Stdin, cmd.Stdout = os.Stdin, stdout
	var errBuf capped
	errBuf.max = maxChildStderr
	cmd.Stderr = &errBuf
	cmd.ExtraFiles = []*os.File{statusW} // fd 3 in the child
	cmd.Env = append(os.Environ(), childEnv+"=3")
	userTraceback := os.Getenv("GOTRACEBACK") != ""
	if !userTraceback {
		// No goroutine dumps (the engine has hundreds); the parent
		// prints the line that says why.
		cmd.Env = append(cmd.Env, "GOTRACEBACK=none")
	}
	// ^C reaches the child too (same process group); the parent waits
	// for it to end and answers as it died. (Caught, not ignored: an
	// ignored signal would stay ignored in the child.)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		statusW.Close()
		statusR.Close()
		signal.Stop(sigs)
		return dispatch(append([]string{"run"}, args...), stdout, stderr)
	}
	statusW.Close()
	reported, _ := io.ReadAll(statusR)
	statusR.Close()
	waitErr := cmd.Wait()

	if code, err := strconv.Atoi(string(reported)); err == nil && exitCode(waitErr) == code {
		stderr.Write(errBuf.Bytes())
		return code
	}
	// The child died without reporting.
	st, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if st.Signaled() {
		switch sig := st.Signal(); sig {
		case syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE:
			stderr.Write(errBuf.Bytes())
			return 128 + int(sig) // interrupted, as the shell reports it
		}
	}
	if userTraceback {
		stderr.Write(errBuf.Bytes())
	}
	fmt.Fprintf(stderr, "netplay run: %s: the engine failed: %s (a bug in netplay, not in the scenario; exit status %d)\n",
		scenarioArg(args), crashReason(errBuf.Bytes(), cmd.ProcessState), exitEngine)
	return exitEngine
}

// reportStatus is the child's last word: its exit status, written to the
// status pipe the parent gave it.
func reportStatus(code int) {
	fd, err := strconv.Atoi(os.Getenv(childEnv))
	if err != nil {
		return
	}
	f := os.NewFile(uintptr(fd), "status")
	if f == nil {
		return
	}
	f.WriteString(strconv.Itoa(code))
	f.Close()
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

// crashReason is the line of the child's stderr that says why it died
// ("fatal error: stack overflow", "panic: …", "SIGSEGV: …"), else how
// it ended ("killed by signal SIGKILL").
func crashReason(stderr []byte, ps *os.ProcessState) string {
	sc := bufio.NewScanner(bytes.NewReader(stderr))
	sc.Buffer(make([]byte, 4096), 64<<10)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		for _, p := range []string{"fatal error:", "panic:", "SIGSEGV:", "SIGBUS:", "SIGABRT:", "SIGILL:", "SIGFPE:", "SIGQUIT:", "unexpected signal"} {
			if strings.HasPrefix(line, p) {
				return clipLine(line)
			}
		}
	}
	if st, ok := ps.Sys().(syscall.WaitStatus); ok && st.Signaled() {
		s := "killed by signal " + signalName(st.Signal())
		if st.Signal() == syscall.SIGKILL {
			s += " (the system's out-of-memory killer sends it)"
		}
		return s
	}
	return fmt.Sprintf("it exited with status %d without a result", ps.ExitCode())
}

func signalName(sig syscall.Signal) string {
	switch sig {
	case syscall.SIGKILL:
		return "SIGKILL"
	case syscall.SIGSEGV:
		return "SIGSEGV"
	case syscall.SIGABRT:
		return "SIGABRT"
	case syscall.SIGBUS:
		return "SIGBUS"
	}
	return sig.String()
}

func clipLine(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// scenarioArg is the SCENARIO.json argument, for the message.
func scenarioArg(args []string) string {
	for i := len(args) - 1; i >= 0; i-- {
		if !strings.HasPrefix(args[i], "-") {
			return args[i]
		}
	}
	return "run"
}

// capped is a buffer that keeps the first max bytes written to it.
type capped struct {
	bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
