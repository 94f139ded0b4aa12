package sock

import (
	"gvisor.dev/gvisor/pkg/tcpip"

	"netplay/stack/linux/errno"
)

// errnoOf translates a netstack error into the errno Linux returns for it.
func errnoOf(err tcpip.Error) errno.Errno {
	switch err.(type) {
	case nil:
		return 0
	case *tcpip.ErrConnectionRefused:
		return errno.ECONNREFUSED
	case *tcpip.ErrTimeout:
		return errno.ETIMEDOUT
	case *tcpip.ErrNetworkUnreachable, *tcpip.ErrNoNet:
		return errno.ENETUNREACH
	case *tcpip.ErrHostUnreachable:
		return errno.EHOSTUNREACH
	case *tcpip.ErrHostDown:
		return errno.EHOSTDOWN
	case *tcpip.ErrPortInUse, *tcpip.ErrDuplicateAddress:
		return errno.EADDRINUSE
	case *tcpip.ErrBadLocalAddress:
		return errno.EADDRNOTAVAIL
	case *tcpip.ErrConnectStarted:
		return errno.EINPROGRESS
	case *tcpip.ErrAlreadyConnecting:
		return errno.EALREADY
	case *tcpip.ErrAlreadyConnected:
		return errno.EISCONN
	case *tcpip.ErrWouldBlock:
		return errno.EAGAIN
	case *tcpip.ErrInvalidEndpointState, *tcpip.ErrAlreadyBound, *tcpip.ErrInvalidOptionValue, *tcpip.ErrBadAddress:
		return errno.EINVAL
	case *tcpip.ErrNotConnected:
		return errno.ENOTCONN
	case *tcpip.ErrClosedForSend:
		return errno.EPIPE
	case *tcpip.ErrConnectionReset:
		return errno.ECONNRESET
	case *tcpip.ErrConnectionAborted, *tcpip.ErrAborted:
		return errno.ECONNABORTED
	case *tcpip.ErrNoBufferSpace:
		return errno.ENOBUFS
	case *tcpip.ErrMessageTooLong:
		return errno.EMSGSIZE
	case *tcpip.ErrNotSupported, *tcpip.ErrQueueSizeNotSupported:
		return errno.EOPNOTSUPP
	case *tcpip.ErrUnknownProtocolOption:
		return errno.ENOPROTOOPT
	case *tcpip.ErrAddressFamilyNotSupported:
		return errno.EAFNOSUPPORT
	case *tcpip.ErrDestinationRequired:
		return errno.EDESTADDRREQ
	case *tcpip.ErrNoPortAvailable:
		return errno.EAGAIN
	case *tcpip.ErrBroadcastDisabled, *tcpip.ErrNotPermitted:
		return errno.EACCES
	case *tcpip.ErrBadBuffer:
		return errno.EFAULT
	}
	return errno.EINVAL
}
