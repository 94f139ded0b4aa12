//go:build !(amd64 || arm64 || wasm || 386 || riscv64 || loong64 || ppc64le || mips64le || mipsle)

package libc

import "encoding/binary"

// Loads and stores on other machines: C's memory is little-endian as on
// linux/amd64 whatever the host's byte order.

func load16(b []byte, a uint64) uint16 { return binary.LittleEndian.Uint16(b[a:]) }
func load32(b []byte, a uint64) uint32 { return binary.LittleEndian.Uint32(b[a:]) }
func load64(b []byte, a uint64) uint64 { return binary.LittleEndian.Uint64(b[a:]) }

func store16(b []byte, a uint64, v uint16) { binary.LittleEndian.PutUint16(b[a:], v) }
func store32(b []byte, a uint64, v uint32) { binary.LittleEndian.PutUint32(b[a:], v) }
func store64(b []byte, a uint64, v uint64) { binary.LittleEndian.PutUint64(b[a:], v) }
