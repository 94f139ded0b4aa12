package libc

import (
	"strconv"
	"strings"
)

// syslog and err.h: a program's diagnostics. No syslog daemon listens on a
// host (there is no /dev/log), so syslog's message is lost as on Linux
// without one, except the copy LOG_PERROR writes to stderr; err and warn
// write to stderr.
var syslogFuncs = []named{
	{"openlog", func(p *Proc, a []uint64) uint64 {
		p.logIdent = ""
		if a[0] != 0 {
			p.logIdent = p.Mem.CString(a[0])
		}
		p.logOpt = int(int32(a[1]))
		return 0
	}},
	{"closelog", func(p *Proc, a []uint64) uint64 {
		p.logIdent, p.logOpt = "", 0
		return 0
	}},
	{"setlogmask", func(p *Proc, a []uint64) uint64 {
		old := p.logMask
		if m := int(int32(a[0])); m != 0 {
			p.logMask = m
		}
		return uint64(int64(old))
	}},
	{"syslog", func(p *Proc, a []uint64) uint64 {
		p.syslog(int(int32(a[0])), a[1], &argSource{a: a[2:], m: p.Mem})
		return 0
	}},
	{"vsyslog", func(p *Proc, a []uint64) uint64 {
		p.syslog(int(int32(a[0])), a[1], &argSource{va: a[2], m: p.Mem})
		return 0
	}},
	{"warn", func(p *Proc, a []uint64) uint64 { p.warn(a[0], &argSource{a: a[1:], m: p.Mem}, true); return 0 }},
	{"vwarn", func(p *Proc, a []uint64) uint64 { p.warn(a[0], &argSource{va: a[1], m: p.Mem}, true); return 0 }},
	{"warnx", func(p *Proc, a []uint64) uint64 { p.warn(a[0], &argSource{a: a[1:], m: p.Mem}, false); return 0 }},
	{"vwarnx", func(p *Proc, a []uint64) uint64 {
		p.warn(a[0], &argSource{va: a[1], m: p.Mem}, false)
		return 0
	}},
	{"err", func(p *Proc, a []uint64) uint64 {
		p.warn(a[1], &argSource{a: a[2:], m: p.Mem}, true)
		p.Exit(int(int32(a[0])) & 0xff)
		return 0
	}},
	{"verr", func(p *Proc, a []uint64) uint64 {
		p.warn(a[1], &argSource{va: a[2], m: p.Mem}, true)
		p.Exit(int(int32(a[0])) & 0xff)
		return 0
	}},
	{"errx", func(p *Proc, a []uint64) uint64 {
		p.warn(a[1], &argSource{a: a[2:], m: p.Mem}, false)
		p.Exit(int(int32(a[0])) & 0xff)
		return 0
	}},
	{"verrx", func(p *Proc, a []uint64) uint64 {
		p.warn(a[1], &argSource{va: a[2], m: p.Mem}, false)
		p.Exit(int(int32(a[0])) & 0xff)
		return 0
	}},
}

func init() { register(syslogFuncs) }

// shortName is program_invocation_short_name: argv[0] without its
// directory.
func (p *Proc) shortName() string {
	n := p.progName()
	return n[strings.LastIndexByte(n, '/')+1:]
}

// warn prints "prog: message: strerror(errno)\n" (without the message
// when format is NULL, without the error when withErr is false).
func (p *Proc) warn(format uint64, args *argSource, withErr bool) {
	e := p.Errno()
	msg := p.shortName() + ": "
	if format != 0 {
		out, _, _ := p.Format(p.Mem.CBytes(format), args)
		msg += string(out)
		if withErr {
			msg += ": "
		}
	}
	if withErr {
		msg += e.Error()
	}
	p.fprint(p.std[2], []byte(msg+"\n"))
}

func (p *Proc) syslog(pri int, format uint64, args *argSource) {
	if p.logMask&(1<<(pri&7)) == 0 {
		return
	}
	if p.logOpt&0x20 == 0 { // without LOG_PERROR the message goes to /dev/log only
		p.Format(p.Mem.CBytes(format), args) // %n still writes, as in glibc
		return
	}
	ident := p.logIdent
	if ident == "" {
		ident = p.shortName()
	}
	if p.logOpt&0x01 != 0 { // LOG_PID
		ident += "[" + strconv.Itoa(p.pid()) + "]"
	}
	out, _, _ := p.Format(p.Mem.CBytes(format), args)
	msg := string(out)
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	p.fprint(p.std[2], []byte(ident+": "+msg))
}
