package sock

import (
	"encoding/binary"
	"fmt"
	"time"

	"gvisor.dev/gvisor/pkg/tcpip"

	"netplay/stack/linux/errno"
)

// Linux's bounds of the keepalive options (include/net/tcp.h):
// MAX_TCP_KEEPIDLE and MAX_TCP_KEEPINTVL seconds, MAX_TCP_KEEPCNT probes.
const (
	maxKeepSecs  = 32767
	maxKeepCount = 127
)

func intOpt(val []byte) (int, errno.Errno) {
	if len(val) < 4 {
		return 0, errno.EINVAL
	}
	return int(int32(binary.LittleEndian.Uint32(val))), 0
}

func timevalOpt(val []byte) (time.Duration, errno.Errno) {
	if len(val) < 16 {
		return 0, errno.EINVAL
	}
	sec := int64(binary.LittleEndian.Uint64(val))
	usec := int64(binary.LittleEndian.Uint64(val[8:]))
	if sec < 0 || usec < 0 || usec >= 1000000 {
		return 0, errno.EDOM
	}
	return time.Duration(sec)*time.Second + time.Duration(usec)*time.Microsecond, 0
}

// SetOpt implements setsockopt(2); val is the option's bytes as C memory
// holds them.
func (f *Socket) SetOpt(level, name int, val []byte) errno.Errno {
	f.touched()
	so := f.ep.SocketOptions()
	switch level {
	case SOL_SOCKET:
		switch name {
		case SO_RCVTIMEO, SO_SNDTIMEO:
			d, err := timevalOpt(val)
			if err != 0 {
				return err
			}
			if name == SO_RCVTIMEO {
				f.rcvTimeo = d
			} else {
				f.sndTimeo = d
			}
			return 0
		case SO_LINGER:
			if len(val) < 8 {
				return errno.EINVAL
			}
			on := binary.LittleEndian.Uint32(val) != 0
			secs := int32(binary.LittleEndian.Uint32(val[4:]))
			so.SetLinger(tcpip.LingerOption{Enabled: on, Timeout: time.Duration(secs) * time.Second})
			return 0
		}
		v, err := intOpt(val)
		if err != 0 {
			return err
		}
		switch name {
		case SO_REUSEADDR:
			so.SetReuseAddress(v != 0)
		case SO_REUSEPORT:
			so.SetReusePort(v != 0)
		case SO_KEEPALIVE:
			so.SetKeepAlive(v != 0)
		case SO_BROADCAST:
			// Without it Linux refuses a datagram to a broadcast
			// address with EACCES (netstack's ErrBroadcastDisabled).
			so.SetBroadcast(v != 0)
		case SO_SNDBUF:
			so.SetSendBufferSize(linuxBufSize(v, sockMinSndbuf), true)
		case SO_RCVBUF:
			so.SetReceiveBufferSize(linuxBufSize(v, sockMinRcvbuf), true)
		default:
			return errno.ENOPROTOOPT
		}
		return 0
	case IPPROTO_TCP:
		if f.typ != SOCK_STREAM {
			return errno.ENOPROTOOPT
		}
		v, err := intOpt(val)
		if err != 0 {
			return err
		}
		switch name {
		case TCP_NODELAY:
			so.SetDelayOption(v == 0)
		case TCP_MAXSEG:
			return errnoOf(f.ep.SetSockOptInt(tcpip.MaxSegOption, v))
		case TCP_KEEPIDLE, TCP_KEEPINTVL:
			// Seconds, 1 to MAX_TCP_KEEPIDLE (MAX_TCP_KEEPINTVL) as Linux takes them.
			if v < 1 || v > maxKeepSecs {
				return errno.EINVAL
			}
			if name == TCP_KEEPIDLE {
				o := tcpip.KeepaliveIdleOption(time.Duration(v) * time.Second)
				return errnoOf(f.ep.SetSockOpt(&o))
			}
			o := tcpip.KeepaliveIntervalOption(time.Duration(v) * time.Second)
			return errnoOf(f.ep.SetSockOpt(&o))
		case TCP_KEEPCNT:
			if v < 1 || v > maxKeepCount {
				return errno.EINVAL
			}
			return errnoOf(f.ep.SetSockOptInt(tcpip.KeepaliveCountOption, v))
		default:
			return errno.ENOPROTOOPT
		}
		return 0
	case IPPROTO_IP:
		v, err := intOpt(val)
		if err != 0 {
			return err
		}
		switch name {
		case IP_TTL:
			// -1 goes back to the default (net.ipv4.ip_default_ttl).
			if v == -1 {
				v = tcpip.UseDefaultIPv4TTL
			} else if v < 1 || v > 255 {
				return errno.EINVAL
			}
			return errnoOf(f.ep.SetSockOptInt(tcpip.IPv4TTLOption, v))
		case IP_TOS:
			if f.typ == SOCK_STREAM {
				// TCP keeps the ECN bits its own (Linux's do_ip_setsockopt).
				old, _ := f.ep.GetSockOptInt(tcpip.IPv4TOSOption)
				v = v&^ecnMask | old&ecnMask
			}
			return errnoOf(f.ep.SetSockOptInt(tcpip.IPv4TOSOption, v&0xff))
		}
		return errno.ENOPROTOOPT
	case IPPROTO_IPV6:
		v, err := intOpt(val)
		if err != 0 {
			return err
		}
		if name == IPV6_V6ONLY && f.family == AF_INET6 {
			so.SetV6Only(v != 0)
			return 0
		}
		return errno.ENOPROTOOPT
	}
	return errno.ENOPROTOOPT
}

func intBytes(v int) []byte {
	b := make([]byte, 4)
	binary.LittleEndian.PutUint32(b, uint32(int32(v)))
	return b
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func timevalBytes(d time.Duration) []byte {
	b := make([]byte, 16)
	binary.LittleEndian.PutUint64(b, uint64(d/time.Second))
	binary.LittleEndian.PutUint64(b[8:], uint64((d%time.Second)/time.Microsecond))
	return b
}

// GetOpt implements getsockopt(2), returning the option's bytes.
func (f *Socket) GetOpt(level, name int) ([]byte, errno.Errno) {
	so := f.ep.SocketOptions()
	switch level {
	case SOL_SOCKET:
		switch name {
		case SO_ERROR:
			return intBytes(int(errnoOf(f.ep.LastError()))), 0
		case SO_TYPE:
			return intBytes(f.typ), 0
		case SO_ACCEPTCONN:
			return intBytes(boolInt(f.listening)), 0
		case SO_REUSEADDR:
			return intBytes(boolInt(so.GetReuseAddress())), 0
		case SO_REUSEPORT:
			return intBytes(boolInt(so.GetReusePort())), 0
		case SO_KEEPALIVE:
			return intBytes(boolInt(so.GetKeepAlive())), 0
		case SO_BROADCAST:
			return intBytes(boolInt(so.GetBroadcast())), 0
		case SO_SNDBUF:
			return intBytes(int(so.GetSendBufferSize())), 0
		case SO_RCVBUF:
			return intBytes(int(so.GetReceiveBufferSize())), 0
		case SO_RCVTIMEO:
			return timevalBytes(f.rcvTimeo), 0
		case SO_SNDTIMEO:
			return timevalBytes(f.sndTimeo), 0
		case SO_LINGER:
			l := so.GetLinger()
			b := make([]byte, 8)
			binary.LittleEndian.PutUint32(b, uint32(boolInt(l.Enabled)))
			binary.LittleEndian.PutUint32(b[4:], uint32(l.Timeout/time.Second))
			return b, 0
		}
		return nil, errno.ENOPROTOOPT
	case IPPROTO_TCP:
		if f.typ != SOCK_STREAM {
			return nil, errno.ENOPROTOOPT
		}
		switch name {
		case TCP_NODELAY:
			return intBytes(boolInt(!so.GetDelayOption())), 0
		case TCP_MAXSEG:
			v, terr := f.ep.GetSockOptInt(tcpip.MaxSegOption)
			if terr != nil {
				return nil, errnoOf(terr)
			}
			return intBytes(v), 0
		case TCP_KEEPIDLE:
			var o tcpip.KeepaliveIdleOption
			if terr := f.ep.GetSockOpt(&o); terr != nil {
				return nil, errnoOf(terr)
			}
			return intBytes(int(time.Duration(o) / time.Second)), 0
		case TCP_KEEPINTVL:
			var o tcpip.KeepaliveIntervalOption
			if terr := f.ep.GetSockOpt(&o); terr != nil {
				return nil, errnoOf(terr)
			}
			return intBytes(int(time.Duration(o) / time.Second)), 0
		case TCP_KEEPCNT:
			v, terr := f.ep.GetSockOptInt(tcpip.KeepaliveCountOption)
			if terr != nil {
				return nil, errnoOf(terr)
			}
			return intBytes(v), 0
		}
		return nil, errno.ENOPROTOOPT
	case IPPROTO_IP:
		switch name {
		case IP_TTL:
			v, _ := f.ep.GetSockOptInt(tcpip.IPv4TTLOption)
			if v == tcpip.UseDefaultIPv4TTL {
				v = defaultTTL
			}
			return intBytes(v), 0
		case IP_TOS:
			v, _ := f.ep.GetSockOptInt(tcpip.IPv4TOSOption)
			return intBytes(v), 0
		}
	case IPPROTO_IPV6:
		if name == IPV6_V6ONLY && f.family == AF_INET6 {
			return intBytes(boolInt(so.GetV6Only())), 0
		}
	}
	return nil, errno.ENOPROTOOPT
}

// defaultTTL is net.ipv4.ip_default_ttl, what IP_TTL reads when the
// program set none; ecnMask the ECN bits of the TOS byte.
const (
	defaultTTL = 64
	ecnMask    = 3
)

// OptArgs shows a setsockopt or getsockopt call's level and option as
// the trace prints them ("SOL_SOCKET, SO_REUSEADDR").
func OptArgs(level, name int) string { return levelName(level) + ", " + optName(level, name) }

// OptValue shows an option's value as the trace prints it.
func OptValue(level, name int, val []byte) string { return optValue(level, name, val) }

func levelName(l int) string {
	switch l {
	case SOL_SOCKET:
		return "SOL_SOCKET"
	case IPPROTO_TCP:
		return "IPPROTO_TCP"
	case IPPROTO_IP:
		return "IPPROTO_IP"
	case IPPROTO_IPV6:
		return "IPPROTO_IPV6"
	}
	return fmt.Sprint(l)
}

func optName(level, name int) string {
	names := map[int]string{}
	switch level {
	case SOL_SOCKET:
		names = map[int]string{SO_REUSEADDR: "SO_REUSEADDR", SO_TYPE: "SO_TYPE", SO_ERROR: "SO_ERROR",
			SO_SNDBUF: "SO_SNDBUF", SO_RCVBUF: "SO_RCVBUF", SO_KEEPALIVE: "SO_KEEPALIVE", SO_BROADCAST: "SO_BROADCAST", SO_LINGER: "SO_LINGER",
			SO_REUSEPORT: "SO_REUSEPORT", SO_RCVTIMEO: "SO_RCVTIMEO", SO_SNDTIMEO: "SO_SNDTIMEO", SO_ACCEPTCONN: "SO_ACCEPTCONN"}
	case IPPROTO_TCP:
		names = map[int]string{TCP_NODELAY: "TCP_NODELAY", TCP_MAXSEG: "TCP_MAXSEG",
			TCP_KEEPIDLE: "TCP_KEEPIDLE", TCP_KEEPINTVL: "TCP_KEEPINTVL", TCP_KEEPCNT: "TCP_KEEPCNT"}
	case IPPROTO_IP:
		names = map[int]string{IP_TOS: "IP_TOS", IP_TTL: "IP_TTL"}
	case IPPROTO_IPV6:
		names = map[int]string{IPV6_V6ONLY: "IPV6_V6ONLY"}
	}
	if n, ok := names[name]; ok {
		return n
	}
	return fmt.Sprint(name)
}

// optValue shows an option value as the trace prints it.
func optValue(level, name int, val []byte) string {
	if level == SOL_SOCKET && (name == SO_RCVTIMEO || name == SO_SNDTIMEO) {
		if d, err := timevalOpt(val); err == 0 {
			return d.String()
		}
	}
	if level == SOL_SOCKET && name == SO_ERROR {
		if v, err := intOpt(val); err == 0 {
			if v == 0 {
				return "0"
			}
			return errno.Errno(v).Name()
		}
	}
	if v, err := intOpt(val); err == 0 && len(val) == 4 {
		return fmt.Sprint(v)
	}
	return fmt.Sprintf("%d bytes", len(val))
}

// The bounds Linux puts on SO_SNDBUF and SO_RCVBUF (x86-64):
// SOCK_MIN_SNDBUF and SOCK_MIN_RCVBUF (2048 bytes and an sk_buff, the
// send side twice), and net.core.wmem_max / rmem_max as a fresh kernel
// sets them.
const (
	sockMinSndbuf = 4608
	sockMinRcvbuf = 2304
	coreMemMax    = 212992
)

// linuxBufSize is the buffer size Linux keeps for a setsockopt value v
// (sock_setsockopt): v taken as unsigned and capped at the sysctl's
// maximum, doubled to leave room for bookkeeping, and at least floor.
func linuxBufSize(v int, floor int64) int64 {
	n := int64(uint32(int32(v)))
	n = min(n, coreMemMax) * 2
	return max(n, floor)
}
