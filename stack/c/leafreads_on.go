//go:build wasm || netplay_leafreads

package c

// leafReads: the fused closures read their operands as leaves (fusestmt.go),
// with fewer taken jumps and more arithmetic than the switches on operand
// kinds. In Go's wasm port every taken jump goes through the function's
// dispatch table, an indirect jump that mostly mispredicts, so leaves are
// faster there; natively the switches are (their branches predict well,
// and a leaf does more instructions). The netplay_leafreads tag
// makes them the default natively, to run every test with them;
// TestCorpusDifferential compares both variants with gcc anyway (leaves).
const leafReads = true
