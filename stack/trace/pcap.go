package trace

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
)

// Classic libpcap file format (https://www.tcpdump.org/manpages/pcap-savefile.5.html),
// nanosecond variant, little-endian.
const (
	pcapMagicNanos   = 0xa1b23c4d // timestamps in seconds + nanoseconds
	pcapVersionMajor = 2
	pcapVersionMinor = 4
	pcapSnapLen      = 262144 // what tcpdump uses
	linkTypeEthernet = 1      // LINKTYPE_ETHERNET
)

// WritePcap writes every frame event (every event with Data) in order as
// a pcap capture with nanosecond virtual timestamps (the time the frame
// was sent) and LINKTYPE_ETHERNET.
//
// Dropped frames are included: the capture is what the senders put on the
// wire, as a tcpdump on the sending host would see it, and a dropped frame
// is exactly the one a learner wants to find. The text and JSON traces
// mark them dropped; pcap has no field for that.
func WritePcap(w io.Writer, events []Event) error {
	bw := bufio.NewWriter(w)
	var hdr [24]byte
	binary.LittleEndian.PutUint32(hdr[0:], pcapMagicNanos)
	binary.LittleEndian.PutUint16(hdr[4:], pcapVersionMajor)
	binary.LittleEndian.PutUint16(hdr[6:], pcapVersionMinor)
	// thiszone and sigfigs stay 0.
	binary.LittleEndian.PutUint32(hdr[16:], pcapSnapLen)
	binary.LittleEndian.PutUint32(hdr[20:], linkTypeEthernet)
	bw.Write(hdr[:])
	err := eachFrame(events, func(e *Event, data []byte) {
		var rec [16]byte
		binary.LittleEndian.PutUint32(rec[0:], uint32(e.T/1e9))
		binary.LittleEndian.PutUint32(rec[4:], uint32(e.T%1e9))
		binary.LittleEndian.PutUint32(rec[8:], uint32(len(data)))
		binary.LittleEndian.PutUint32(rec[12:], uint32(len(e.Data)))
		bw.Write(rec[:])
		bw.Write(data)
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// eachFrame calls fn with every frame event (every event with Data) in
// order and its bytes cut to the snap length, for both capture formats. A
// frame with a negative time ends it with an error: a capture's timestamps
// are unsigned.
func eachFrame(events []Event, fn func(e *Event, data []byte)) error {
	for i := range events {
		e := &events[i]
		if e.Data == nil {
			continue
		}
		if e.T < 0 {
			return fmt.Errorf("trace: frame %d has negative time %d", e.Frame, e.T)
		}
		data := e.Data
		if len(data) > pcapSnapLen {
			data = data[:pcapSnapLen]
		}
		fn(e, data)
	}
	return nil
}
