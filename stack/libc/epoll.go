package libc

import (
	"fmt"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
)

// sizeofEpollEvent is sizeof(struct epoll_event) on x86-64: packed, the
// events then the data.
const sizeofEpollEvent = 12

var epollFuncs = []named{
	{"epoll_create", func(p *Proc, a []uint64) uint64 {
		size := int(int32(a[0]))
		if size < 0 {
			size = 0 // the kernel says EINVAL for any size ≤ 0
		}
		fd, e := p.kernel().EpollCreate(size, 0)
		return p.ret(int64(fd), e)
	}},
	{"epoll_create1", func(p *Proc, a []uint64) uint64 {
		fd, e := p.kernel().EpollCreate(-1, int(int32(a[0])))
		return p.ret(int64(fd), e)
	}},
	{"epoll_ctl", func(p *Proc, a []uint64) uint64 {
		var ev *kernel.EpollEvent // nil: NULL or not the program's memory, EFAULT
		if p.Mem.Valid(a[3], sizeofEpollEvent) && a[3] != 0 {
			ev = &kernel.EpollEvent{Events: p.Mem.L32(a[3]), Data: p.Mem.L64(a[3] + 4)}
		}
		return p.ret(0, p.kernel().EpollCtl(int(int32(a[0])), int(int32(a[1])), int(int32(a[2])), ev, a[3]))
	}},
	{"epoll_wait", func(p *Proc, a []uint64) uint64 {
		return p.epollWait(a, nil, false)
	}},
	{"epoll_pwait", func(p *Proc, a []uint64) uint64 {
		var mask *uint64
		if a[4] != 0 {
			m := p.Mem.L64(a[4])
			mask = &m
		}
		return p.epollWait(a, mask, true)
	}},
}

func init() { register(epollFuncs) }

// epollWait runs epoll_wait or epoll_pwait and writes the events out.
func (p *Proc) epollWait(a []uint64, mask *uint64, pwait bool) uint64 {
	epfd, max, timeout := int(int32(a[0])), int(int32(a[2])), int(int32(a[3]))
	// As Linux: an array that runs past the end of the address space is
	// EFAULT at once (access_ok, after maxevents is checked); one that is
	// not the program's memory elsewhere (NULL) only when events come.
	bad := false
	if max > 0 && max <= kernel.EpMaxEvents {
		n := uint64(max) * sizeofEpollEvent
		if a[1]+n < a[1] || a[1]+n > Cap {
			call := "epoll_wait"
			if pwait {
				call = "epoll_pwait"
			}
			return p.fail(p.kernel().BadAddress(call, epfd, fmt.Sprintf("%d, %#x, %d, %d", epfd, a[1], max, timeout), false))
		}
		bad = !p.Mem.Valid(a[1], n)
	}
	p.Flush()
	var evs []kernel.EpollEvent
	var e errno.Errno
	if pwait {
		evs, e = p.kernel().EpollPwait(epfd, max, timeout, mask, a[1], bad)
	} else {
		evs, e = p.kernel().EpollWait(epfd, max, timeout, a[1], bad)
	}
	for i, ev := range evs {
		at := a[1] + uint64(i*sizeofEpollEvent)
		p.Mem.S32(at, ev.Events)
		p.Mem.S64(at+4, ev.Data)
	}
	return p.ret(int64(len(evs)), e)
}
