package sock

import "gvisor.dev/gvisor/pkg/tcpip"

// errnoOf translates a netstack error into the errno Linux returns for it.
func errnoOf(err tcpip.Error) Errno {
	switch err.(type) {
	case nil:
		return 0
	case *tcpip.ErrConnectionRefused:
		return ECONNREFUSED
	case *tcpip.ErrTimeout:
		return ETIMEDOUT
	case *tcpip.ErrNetworkUnreachable, *tcpip.ErrNoNet:
		return ENETUNREACH
	case *tcpip.ErrHostUnreachable:
		return EHOSTUNREACH
	case *tcpip.ErrHostDown:
		return EHOSTDOWN
	case *tcpip.ErrPortInUse, *tcpip.ErrDuplicateAddress:
		return EADDRINUSE
	case *tcpip.ErrBadLocalAddress:
		return EADDRNOTAVAIL
	case *tcpip.ErrConnectStarted:
		return EINPROGRESS
	case *tcpip.ErrAlreadyConnecting:
		return EALREADY
	case *tcpip.ErrAlreadyConnected:
		return EISCONN
	case *tcpip.ErrWouldBlock:
		return EAGAIN
	case *tcpip.ErrInvalidEndpointState, *tcpip.ErrAlreadyBound, *tcpip.ErrInvalidOptionValue, *tcpip.ErrBadAddress:
		return EINVAL
	case *tcpip.ErrNotConnected:
		return ENOTCONN
	case *tcpip.ErrClosedForSend:
		return EPIPE
	case *tcpip.ErrConnectionReset:
		return ECONNRESET
	case *tcpip.ErrConnectionAborted, *tcpip.ErrAborted:
		return ECONNABORTED
	case *tcpip.ErrNoBufferSpace:
		return ENOBUFS
	case *tcpip.ErrMessageTooLong:
		return EMSGSIZE
	case *tcpip.ErrNotSupported, *tcpip.ErrQueueSizeNotSupported:
		return EOPNOTSUPP
	case *tcpip.ErrUnknownProtocolOption:
		return ENOPROTOOPT
	case *tcpip.ErrAddressFamilyNotSupported:
		return EAFNOSUPPORT
	case *tcpip.ErrDestinationRequired:
		return EDESTADDRREQ
	case *tcpip.ErrNoPortAvailable:
		return EAGAIN
	case *tcpip.ErrBroadcastDisabled, *tcpip.ErrNotPermitted:
		return EACCES
	case *tcpip.ErrBadBuffer:
		return EFAULT
	}
	return EINVAL
}
