package c

import (
	"math"

	cc "modernc.org/cc/v4"
)

// class is how a C type's values travel in compiled code.
type class int

const (
	clInt   class = iota // integers, enums, _Bool, pointers: int64
	clFloat              // float, double, long double: float64
	clAgg                // struct, union, array: the address
	clVoid
)

func classOf(t cc.Type) class {
	switch t.Kind() {
	case cc.Float, cc.Double, cc.LongDouble, cc.Float32, cc.Float64, cc.Float32x, cc.Float64x:
		return clFloat
	case cc.Struct, cc.Union, cc.Array:
		return clAgg
	case cc.Void:
		return clVoid
	case cc.Function:
		return clInt
	}
	return clInt
}

// intKind describes an integer representation: size in bytes and sign.
type intKind struct {
	size   int
	signed bool
	bool_  bool
}

func kindOf(t cc.Type) intKind {
	switch t.Kind() {
	case cc.Bool:
		return intKind{1, false, true}
	case cc.Ptr, cc.Function, cc.Array:
		return intKind{8, false, false}
	case cc.Enum:
		if et, ok := t.(*cc.EnumType); ok {
			return kindOf(et.UnderlyingType())
		}
		return intKind{4, true, false}
	}
	s := int(t.Size())
	if s <= 0 || s > 8 {
		s = 8
	}
	return intKind{s, cc.IsSignedInteger(t), false}
}

// normalize converts v to the representation of k, as a C conversion does.
func (k intKind) normalize(v int64) int64 {
	if k.bool_ {
		if v != 0 {
			return 1
		}
		return 0
	}
	switch k.size {
	case 1:
		if k.signed {
			return int64(int8(v))
		}
		return int64(uint8(v))
	case 2:
		if k.signed {
			return int64(int16(v))
		}
		return int64(uint16(v))
	case 4:
		if k.signed {
			return int64(int32(v))
		}
		return int64(uint32(v))
	}
	return v
}

// normFn returns x converted to k, as one closure.
func normFn(k intKind, x ie) ie {
	if k.bool_ {
		return func(f *frame) int64 {
			if x(f) != 0 {
				return 1
			}
			return 0
		}
	}
	switch {
	case k.size == 1 && k.signed:
		return func(f *frame) int64 { return int64(int8(x(f))) }
	case k.size == 1:
		return func(f *frame) int64 { return int64(uint8(x(f))) }
	case k.size == 2 && k.signed:
		return func(f *frame) int64 { return int64(int16(x(f))) }
	case k.size == 2:
		return func(f *frame) int64 { return int64(uint16(x(f))) }
	case k.size == 4 && k.signed:
		return func(f *frame) int64 { return int64(int32(x(f))) }
	case k.size == 4:
		return func(f *frame) int64 { return int64(uint32(x(f))) }
	}
	return x
}

// floatToInt converts as C does (truncation), to k.
func floatToInt(k intKind, v float64) int64 {
	if k.bool_ {
		if v != 0 {
			return 1
		}
		return 0
	}
	if !k.signed && k.size == 8 {
		if v >= 9223372036854775808.0 {
			return int64(uint64(v))
		}
		return int64(v)
	}
	if math.IsNaN(v) || v >= 9223372036854775808.0 || v < -9223372036854775808.0 {
		return k.normalize(math.MinInt64) // what cvttsd2si gives
	}
	return k.normalize(int64(v))
}

func intToFloat(k intKind, v int64, single bool) float64 {
	var r float64
	if !k.signed && k.size == 8 {
		r = float64(uint64(v))
	} else {
		r = float64(v)
	}
	if single {
		r = float64(float32(r))
	}
	return r
}

func isSingle(t cc.Type) bool { return t.Kind() == cc.Float || t.Kind() == cc.Float32 }

// loadFn returns a closure loading a value of type t from the address addr
// computes. Arrays and functions load as their address; structs as their
// address too (aggregates travel by address).
func loadFn(t cc.Type, addr ie) (ie, fe) {
	switch classOf(t) {
	case clFloat:
		if isSingle(t) {
			return nil, func(f *frame) float64 { return f.m.mem.LF32(uint64(addr(f))) }
		}
		return nil, func(f *frame) float64 { return f.m.mem.LF64(uint64(addr(f))) }
	case clAgg, clVoid:
		return addr, nil
	}
	if t.Kind() == cc.Function {
		return addr, nil
	}
	k := kindOf(t)
	switch {
	case k.bool_:
		return func(f *frame) int64 {
			if f.m.mem.L8(uint64(addr(f))) != 0 {
				return 1
			}
			return 0
		}, nil
	case k.size == 1 && k.signed:
		return func(f *frame) int64 { return int64(int8(f.m.mem.L8(uint64(addr(f))))) }, nil
	case k.size == 1:
		return func(f *frame) int64 { return int64(f.m.mem.L8(uint64(addr(f)))) }, nil
	case k.size == 2 && k.signed:
		return func(f *frame) int64 { return int64(int16(f.m.mem.L16(uint64(addr(f))))) }, nil
	case k.size == 2:
		return func(f *frame) int64 { return int64(f.m.mem.L16(uint64(addr(f)))) }, nil
	case k.size == 4 && k.signed:
		return func(f *frame) int64 { return int64(int32(f.m.mem.L32(uint64(addr(f))))) }, nil
	case k.size == 4:
		return func(f *frame) int64 { return int64(f.m.mem.L32(uint64(addr(f)))) }, nil
	}
	return func(f *frame) int64 { return int64(f.m.mem.L64(uint64(addr(f)))) }, nil
}

// storeFunc returns a function storing v (in the value convention: int64
// bits, float64 bits, or the source address of an aggregate) at addr.
func storeFunc(t cc.Type) func(f *frame, addr uint64, v uint64) {
	switch classOf(t) {
	case clFloat:
		if isSingle(t) {
			return func(f *frame, a, v uint64) { f.m.mem.SF32(a, math.Float64frombits(v)) }
		}
		return func(f *frame, a, v uint64) { f.m.mem.S64(a, v) }
	case clAgg:
		size := uint64(t.Size())
		return func(f *frame, a, v uint64) { f.m.mem.Move(a, v, size) }
	}
	switch kindOf(t).size {
	case 1:
		return func(f *frame, a, v uint64) { f.m.mem.S8(a, uint8(v)) }
	case 2:
		return func(f *frame, a, v uint64) { f.m.mem.S16(a, uint16(v)) }
	case 4:
		return func(f *frame, a, v uint64) { f.m.mem.S32(a, uint32(v)) }
	}
	return func(f *frame, a, v uint64) { f.m.mem.S64(a, v) }
}

// elemSize returns the size pointer arithmetic on a pointer to t steps by
// (1 for void, as gcc).
func elemSize(t cc.Type) int64 {
	var e cc.Type
	switch x := t.(type) {
	case *cc.PointerType:
		e = x.Elem()
	case *cc.ArrayType:
		e = x.Elem()
	default:
		return 1
	}
	if e.Kind() == cc.Void || e.Kind() == cc.Function || e.Size() <= 0 {
		return 1
	}
	return e.Size()
}

func pointee(t cc.Type) cc.Type {
	switch x := t.(type) {
	case *cc.PointerType:
		return x.Elem()
	case *cc.ArrayType:
		return x.Elem()
	}
	return nil
}

func isPtr(t cc.Type) bool {
	return t.Kind() == cc.Ptr || t.Kind() == cc.Array || t.Kind() == cc.Function
}
