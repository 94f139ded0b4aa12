package libc

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"netplay/stack/linux/errno"
)

// Calendar time on the virtual clock: the host's wall clock starts at the
// Unix epoch and its time zone is UTC (TZ unset, /etc/localtime UTC), so
// localtime is gmtime but for the zone's name (glibc: "GMT" for gmtime,
// "UTC" for localtime).

const tmSize = 56 // sizeof(struct tm)

var timefmtFuncs = []named{
	{"gmtime", func(p *Proc, a []uint64) uint64 { return p.putTm(p.static("tm", tmSize), p.Mem.L64(a[0]), "GMT") }},
	{"localtime", func(p *Proc, a []uint64) uint64 { return p.putTm(p.static("tm", tmSize), p.Mem.L64(a[0]), "UTC") }},
	{"gmtime_r", func(p *Proc, a []uint64) uint64 { return p.putTm(a[1], p.Mem.L64(a[0]), "GMT") }},
	{"localtime_r", func(p *Proc, a []uint64) uint64 { return p.putTm(a[1], p.Mem.L64(a[0]), "UTC") }},
	{"asctime", func(p *Proc, a []uint64) uint64 {
		return p.asctime(a[0], p.static("asctime", 26))
	}},
	{"asctime_r", func(p *Proc, a []uint64) uint64 { return p.asctime(a[0], a[1]) }},
	{"ctime", func(p *Proc, a []uint64) uint64 {
		tm := p.putTm(p.static("tm", tmSize), p.Mem.L64(a[0]), "UTC")
		return p.asctime(tm, p.static("asctime", 26))
	}},
	{"ctime_r", func(p *Proc, a []uint64) uint64 {
		tm := p.putTm(p.static("ctime_r.tm", tmSize), p.Mem.L64(a[0]), "UTC")
		return p.asctime(tm, a[1])
	}},
	{"mktime", func(p *Proc, a []uint64) uint64 { return p.mktime(a[0], "UTC") }},
	{"timegm", func(p *Proc, a []uint64) uint64 { return p.mktime(a[0], "GMT") }},
	{"tzset", func(p *Proc, a []uint64) uint64 { return 0 }},
	{"strftime", func(p *Proc, a []uint64) uint64 {
		s := p.strftime(p.Mem.CString(a[2]), a[3])
		if uint64(len(s)) >= a[1] {
			return 0
		}
		p.Mem.PutCString(a[0], s)
		return uint64(len(s))
	}},
	{"clock_getres", func(p *Proc, a []uint64) uint64 {
		res, ok := clockRes(int32(a[0]))
		if !ok {
			return p.fail(errno.EINVAL)
		}
		if a[1] != 0 {
			p.Mem.S64(a[1], 0)
			p.Mem.S64(a[1]+8, uint64(res))
		}
		return 0
	}},
	{"clock_settime", func(p *Proc, a []uint64) uint64 {
		if _, ok := clockRes(int32(a[0])); !ok {
			return p.fail(errno.EINVAL)
		}
		return p.fail(errno.EPERM)
	}},
	{"settimeofday", func(p *Proc, a []uint64) uint64 { return p.fail(errno.EPERM) }},
	// clock_nanosleep returns the error instead of setting errno.
	{"clock_nanosleep", func(p *Proc, a []uint64) uint64 {
		p.chargeCall()
		clk := int32(a[0])
		if _, ok := clockRes(clk); !ok || clk == 3 { // not the thread's CPU clock
			return uint64(errno.EINVAL)
		}
		sec, nsec := int64(p.Mem.L64(a[2])), int64(p.Mem.L64(a[2]+8))
		if sec < 0 || nsec < 0 || nsec > 999999999 {
			return uint64(errno.EINVAL)
		}
		d := time.Duration(sec)*time.Second + time.Duration(nsec)
		if a[1]&1 != 0 { // TIMER_ABSTIME: until the clock reads d
			d -= p.Sys.Clock()
		}
		p.Flush()
		if d > 0 {
			if left := p.Sys.Sleep(d); left > 0 {
				if a[1]&1 == 0 && a[3] != 0 { // the rest, of a relative sleep
					p.Mem.S64(a[3], uint64(left/time.Second))
					p.Mem.S64(a[3]+8, uint64(left%time.Second))
				}
				return uint64(errno.EINTR)
			}
		}
		return 0
	}},
	{"timespec_get", func(p *Proc, a []uint64) uint64 {
		if int32(a[1]) != 1 { // TIME_UTC
			return 0
		}
		now := p.Sys.Clock()
		p.Mem.S64(a[0], uint64(now/time.Second))
		p.Mem.S64(a[0]+8, uint64(now%time.Second))
		return 1
	}},
}

func init() { register(timefmtFuncs) }

// clockRes is the resolution of a clock Linux has.
func clockRes(clk int32) (time.Duration, bool) {
	switch clk {
	case 0, 1, 2, 3, 4, 7, 8, 9, 11:
		return time.Nanosecond, true
	case 5, 6: // the coarse clocks tick with the kernel (HZ 250)
		return 4 * time.Millisecond, true
	}
	return 0, false
}

// putTm fills the struct tm at r with the UTC time t, zone naming it.
func (p *Proc) putTm(r, t uint64, zone string) uint64 {
	tt := time.Unix(int64(t), 0).UTC()
	for i, v := range []int{tt.Second(), tt.Minute(), tt.Hour(), tt.Day(), int(tt.Month()) - 1, tt.Year() - 1900, int(tt.Weekday()), tt.YearDay() - 1, 0} {
		p.Mem.S32(r+uint64(4*i), uint32(int32(v)))
	}
	p.Mem.S64(r+40, 0) // tm_gmtoff
	z := p.static("zone:"+zone, uint64(len(zone))+1)
	p.Mem.PutCString(z, zone)
	p.Mem.S64(r+48, z)
	return r
}

// tmFields reads a struct tm's nine int fields.
func (p *Proc) tmFields(tm uint64) [9]int {
	var f [9]int
	for i := range f {
		f[i] = int(int32(p.Mem.L32(tm + uint64(4*i))))
	}
	return f
}

var weekdays = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
var months = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

func abbr(names []string, i int) string {
	if i < 0 || i >= len(names) {
		return "?"
	}
	return names[i][:3]
}

func full(names []string, i int) string {
	if i < 0 || i >= len(names) {
		return "?"
	}
	return names[i]
}

// asctime formats as glibc: "Thu Jan  1 00:00:00 1970\n".
func (p *Proc) asctime(tm, buf uint64) uint64 {
	f := p.tmFields(tm)
	s := fmt.Sprintf("%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", abbr(weekdays[:], f[6]), abbr(months[:], f[4]), f[3], f[2], f[1], f[0], 1900+f[5])
	if len(s) > 25 {
		p.SetErrno(75) // EOVERFLOW
		return 0
	}
	p.Mem.PutCString(buf, s)
	return buf
}

// mktime normalizes the struct tm at tm (UTC) and returns its time_t.
func (p *Proc) mktime(tm uint64, zone string) uint64 {
	f := p.tmFields(tm)
	t := time.Date(1900+f[5], time.Month(f[4]+1), f[3], f[2], f[1], f[0], 0, time.UTC)
	r := uint64(t.Unix())
	p.putTm(tm, r, zone)
	return r
}

// strftime formats in the C locale, with glibc's flags (_ - 0 ^ #) and
// widths.
func (p *Proc) strftime(format string, tm uint64) string {
	f := p.tmFields(tm)
	sec, min, hour, mday, mon, year, wday, yday := f[0], f[1], f[2], f[3], f[4], f[5]+1900, f[6], f[7]
	zone := "GMT"
	if z := p.Mem.L64(tm + 48); z != 0 {
		zone = p.Mem.CString(z)
	}
	isoYear, isoWeek := time.Date(year, time.Month(mon+1), mday, 0, 0, 0, 0, time.UTC).ISOWeek()
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 >= len(format) {
			b.WriteByte(c)
			continue
		}
		i++
		var flag byte
		for i < len(format) && strings.IndexByte("_-0^#", format[i]) >= 0 {
			flag = format[i]
			i++
		}
		width := 0
		for i < len(format) && format[i] >= '0' && format[i] <= '9' {
			width = width*10 + int(format[i]-'0')
			i++
		}
		for i < len(format) && (format[i] == 'E' || format[i] == 'O') {
			i++
		}
		if i >= len(format) {
			break
		}
		num := func(v, digits int, pad byte) string {
			if flag == '-' {
				return strconv.Itoa(v)
			}
			if flag == '_' {
				pad = ' '
			} else if flag == '0' {
				pad = '0'
			}
			s := strconv.Itoa(v)
			if width > digits {
				digits = width
			}
			for len(s) < digits {
				s = string(pad) + s
			}
			return s
		}
		hour12 := hour % 12
		if hour12 == 0 {
			hour12 = 12
		}
		var s string
		text := true // the conversion is text (padded with spaces to width)
		switch format[i] {
		case 'a':
			s = abbr(weekdays[:], wday)
		case 'A':
			s = full(weekdays[:], wday)
		case 'b', 'h':
			s = abbr(months[:], mon)
		case 'B':
			s = full(months[:], mon)
		case 'c':
			s = p.strftime("%a %b %e %H:%M:%S %Y", tm)
		case 'C':
			s, text = num(year/100, 2, '0'), false
		case 'd':
			s, text = num(mday, 2, '0'), false
		case 'D':
			s = p.strftime("%m/%d/%y", tm)
		case 'e':
			s, text = num(mday, 2, ' '), false
		case 'F':
			s = p.strftime("%Y-%m-%d", tm)
		case 'g':
			s, text = num(isoYear%100, 2, '0'), false
		case 'G':
			s, text = num(isoYear, 1, '0'), false
		case 'H':
			s, text = num(hour, 2, '0'), false
		case 'I':
			s, text = num(hour12, 2, '0'), false
		case 'j':
			s, text = num(yday+1, 3, '0'), false
		case 'k':
			s, text = num(hour, 2, ' '), false
		case 'l':
			s, text = num(hour12, 2, ' '), false
		case 'm':
			s, text = num(mon+1, 2, '0'), false
		case 'M':
			s, text = num(min, 2, '0'), false
		case 'n':
			s = "\n"
		case 'p':
			s = "AM"
			if hour >= 12 {
				s = "PM"
			}
			if flag == '#' {
				s = strings.ToLower(s)
			}
		case 'P':
			s = "am"
			if hour >= 12 {
				s = "pm"
			}
		case 'r':
			s = p.strftime("%I:%M:%S %p", tm)
		case 'R':
			s = p.strftime("%H:%M", tm)
		case 's':
			t := time.Date(year, time.Month(mon+1), mday, hour, min, sec, 0, time.UTC).Unix()
			s, text = num(int(t), 1, '0'), false
		case 'S':
			s, text = num(sec, 2, '0'), false
		case 't':
			s = "\t"
		case 'T':
			s = p.strftime("%H:%M:%S", tm)
		case 'u':
			s, text = num((wday+6)%7+1, 1, '0'), false
		case 'U':
			s, text = num((yday+7-wday)/7, 2, '0'), false
		case 'V':
			s, text = num(isoWeek, 2, '0'), false
		case 'w':
			s, text = num(wday, 1, '0'), false
		case 'W':
			s, text = num((yday+7-(wday+6)%7)/7, 2, '0'), false
		case 'x':
			s = p.strftime("%m/%d/%y", tm)
		case 'X':
			s = p.strftime("%H:%M:%S", tm)
		case 'y':
			s, text = num(year%100, 2, '0'), false
		case 'Y':
			s, text = num(year, 1, '0'), false
		case 'z':
			s = "+0000"
		case 'Z':
			s = zone
		case '%':
			s = "%"
		default:
			s = "%" + string(format[i]) // glibc copies an unknown conversion
		}
		if text {
			if flag == '^' {
				s = strings.ToUpper(s)
			}
			for len(s) < width {
				if flag == '0' {
					s = "0" + s
				} else {
					s = " " + s
				}
			}
		}
		b.WriteString(s)
	}
	return b.String()
}
