package trace

import (
	"bufio"
	"encoding/binary"
	"io"
)

// pcapng (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html),
// little-endian: a section header, one Ethernet interface with nanosecond
// timestamps, an enhanced packet block per frame.
const (
	pcapngSHB        = 0x0A0D0D0A
	pcapngIDB        = 0x00000001
	pcapngEPB        = 0x00000006
	pcapngByteOrder  = 0x1A2B3C4D
	pcapngOptEnd     = 0
	pcapngOptComment = 1
	pcapngShbUserApp = 4
	pcapngIfTsresol  = 9
)

// WritePcapng writes the frames as WritePcap does, as pcapng: a frame a
// fault or the link's loss dropped carries a comment saying so and why
// ("dropped: drop nth=4"), which Wireshark shows with the frame
// (frame.comment) and classic pcap has no room for.
func WritePcapng(w io.Writer, events []Event) error {
	bw := bufio.NewWriter(w)
	le := binary.LittleEndian
	block := func(typ uint32, body []byte) {
		n := 12 + len(body)
		var h [8]byte
		le.PutUint32(h[0:], typ)
		le.PutUint32(h[4:], uint32(n))
		bw.Write(h[:])
		bw.Write(body)
		var t [4]byte
		le.PutUint32(t[:], uint32(n))
		bw.Write(t[:])
	}
	// option appends an option, its value padded to 32 bits.
	option := func(b []byte, code uint16, val []byte) []byte {
		b = le.AppendUint16(b, code)
		b = le.AppendUint16(b, uint16(len(val)))
		b = append(b, val...)
		for len(val)%4 != 0 {
			b, val = append(b, 0), append(val, 0)
		}
		return b
	}
	end := func(b []byte) []byte { return le.AppendUint32(b, pcapngOptEnd) }

	var shb []byte
	shb = le.AppendUint32(shb, pcapngByteOrder)
	shb = le.AppendUint16(shb, 1) // version 1.0
	shb = le.AppendUint16(shb, 0)
	shb = le.AppendUint64(shb, ^uint64(0)) // section length not given
	shb = end(option(shb, pcapngShbUserApp, []byte("netplay")))
	block(pcapngSHB, shb)

	var idb []byte
	idb = le.AppendUint16(idb, linkTypeEthernet)
	idb = le.AppendUint16(idb, 0)
	idb = le.AppendUint32(idb, pcapSnapLen)
	idb = end(option(idb, pcapngIfTsresol, []byte{9})) // nanoseconds
	block(pcapngIDB, idb)

	var epb []byte
	err := eachFrame(events, func(e *Event, data []byte) {
		epb = epb[:0]
		epb = le.AppendUint32(epb, 0) // interface 0
		epb = le.AppendUint32(epb, uint32(uint64(e.T)>>32))
		epb = le.AppendUint32(epb, uint32(e.T))
		epb = le.AppendUint32(epb, uint32(len(data)))
		epb = le.AppendUint32(epb, uint32(len(e.Data)))
		epb = append(epb, data...)
		for len(epb)%4 != 0 {
			epb = append(epb, 0)
		}
		if e.Dropped {
			c := "dropped"
			if e.Fault != "" {
				c += ": " + e.Fault
			}
			epb = end(option(epb, pcapngOptComment, []byte(c)))
		}
		block(pcapngEPB, epb)
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}
