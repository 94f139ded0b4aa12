//go:build linux

package linuxref

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// packet is one packet of a capture: the interface it was captured on, when
// (ns since the epoch) and its bytes.
type packet struct {
	iface string
	t     int64
	data  []byte
}

// pcapng block types and options (the pcapng specification,
// draft-ietf-opsawg-pcapng) that dumpcap writes.
const (
	blockSection   = 0x0a0d0d0a
	blockInterface = 1
	blockPacket    = 2 // obsolete packet block
	blockSimple    = 3
	blockEnhanced  = 6
	byteOrderMagic = 0x1a2b3c4d
	optEnd         = 0
	optIfName      = 2
	optIfTsresol   = 9
	linkEthernet   = 1
)

// readPcapng reads the packets of a pcapng capture as dumpcap writes it
// (sections, an interface description per captured port, enhanced packet
// blocks); other blocks are skipped. Every interface must carry Ethernet.
func readPcapng(b []byte) ([]packet, error) {
	type iface struct {
		name string
		unit int64 // ns per timestamp unit; 0 when finer than a ns
		div  int64 // timestamp units per ns when finer
	}
	var (
		order  binary.ByteOrder = binary.LittleEndian
		ifaces []iface
		out    []packet
	)
	for off := 0; off < len(b); {
		if len(b)-off < 12 {
			return nil, fmt.Errorf("pcapng: %d stray bytes at offset %d", len(b)-off, off)
		}
		typ := order.Uint32(b[off:])
		if typ == blockSection { // the same four bytes in either byte order
			switch magic := b[off+8 : off+12]; {
			case binary.LittleEndian.Uint32(magic) == byteOrderMagic:
				order = binary.LittleEndian
			case binary.BigEndian.Uint32(magic) == byteOrderMagic:
				order = binary.BigEndian
			default:
				return nil, fmt.Errorf("pcapng: section at offset %d has no byte-order magic", off)
			}
			typ, ifaces = blockSection, nil
		} else if off == 0 {
			return nil, errors.New("pcapng: the file does not begin with a section header")
		}
		n := int(order.Uint32(b[off+4:]))
		if n < 12 || n%4 != 0 || n > len(b)-off {
			return nil, fmt.Errorf("pcapng: block of type %#x at offset %d has length %d (%d bytes left)", typ, off, n, len(b)-off)
		}
		body := b[off+8 : off+n-4]
		switch typ {
		case blockInterface:
			if len(body) < 8 {
				return nil, fmt.Errorf("pcapng: interface block at offset %d is too short", off)
			}
			if lt := order.Uint16(body); lt != linkEthernet {
				return nil, fmt.Errorf("pcapng: interface %d has link type %d, not Ethernet", len(ifaces), lt)
			}
			ifc := iface{name: fmt.Sprint(len(ifaces)), unit: 1000} // default: µs
			for opts := body[8:]; len(opts) >= 4; {
				code, l := order.Uint16(opts), int(order.Uint16(opts[2:]))
				if code == optEnd || 4+l > len(opts) {
					break
				}
				v := opts[4 : 4+l]
				switch {
				case code == optIfName:
					ifc.name = string(v)
				case code == optIfTsresol && l == 1:
					r := v[0]
					if r&0x80 != 0 || r > 18 {
						return nil, fmt.Errorf("pcapng: interface %q has timestamp resolution %#x (only 10^-0 to 10^-18 s are read)", ifc.name, r)
					}
					ifc.unit, ifc.div = 1, 1
					for i := int(r); i < 9; i++ {
						ifc.unit *= 10
					}
					for i := 9; i < int(r); i++ {
						ifc.div *= 10
					}
					if r > 9 {
						ifc.unit = 0
					}
				}
				opts = opts[4+(l+3)&^3:]
			}
			ifaces = append(ifaces, ifc)
		case blockEnhanced:
			if len(body) < 20 {
				return nil, fmt.Errorf("pcapng: packet block at offset %d is too short", off)
			}
			id, caplen := int(order.Uint32(body)), int(order.Uint32(body[12:]))
			if id >= len(ifaces) {
				return nil, fmt.Errorf("pcapng: packet at offset %d names interface %d of %d", off, id, len(ifaces))
			}
			if caplen > len(body)-20 {
				return nil, fmt.Errorf("pcapng: packet at offset %d holds %d bytes, its block %d", off, caplen, len(body)-20)
			}
			if orig := int(order.Uint32(body[16:])); orig != caplen {
				return nil, fmt.Errorf("pcapng: packet at offset %d was cut to %d of its %d bytes", off, caplen, orig)
			}
			ts := int64(order.Uint32(body[4:]))<<32 | int64(order.Uint32(body[8:]))
			ifc := ifaces[id]
			if ifc.unit != 0 {
				ts *= ifc.unit
			} else {
				ts /= ifc.div
			}
			out = append(out, packet{iface: ifc.name, t: ts, data: body[20 : 20+caplen]})
		case blockPacket, blockSimple:
			return nil, fmt.Errorf("pcapng: block type %d at offset %d (packets without an interface or time) is not read", typ, off)
		}
		off += n
	}
	return out, nil
}
