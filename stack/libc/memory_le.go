//go:build amd64 || arm64 || wasm || 386 || riscv64 || loong64 || ppc64le || mips64le || mipsle

package libc

import "unsafe"

// Loads and stores of the little-endian machines netplay runs on (amd64
// natively, wasm in the page): one unaligned access each. Go's wasm
// backend does not merge binary.LittleEndian's byte accesses into one, and
// programs spend much of their time here. The callers have checked the
// bounds (a+size <= len(b)).

func load16(b []byte, a uint64) uint16 { return *(*uint16)(unsafe.Pointer(&b[a])) }
func load32(b []byte, a uint64) uint32 { return *(*uint32)(unsafe.Pointer(&b[a])) }
func load64(b []byte, a uint64) uint64 { return *(*uint64)(unsafe.Pointer(&b[a])) }

func store16(b []byte, a uint64, v uint16) { *(*uint16)(unsafe.Pointer(&b[a])) = v }
func store32(b []byte, a uint64, v uint32) { *(*uint32)(unsafe.Pointer(&b[a])) = v }
func store64(b []byte, a uint64, v uint64) { *(*uint64)(unsafe.Pointer(&b[a])) = v }
