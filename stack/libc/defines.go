package libc

import (
	"strconv"
	"strings"

	"netplay/stack/linux/errno"
	"netplay/stack/linux/signal"
)

// errnoDefines are errno.h's constants, written from the errno table: a
// #define for each value, then errno.h's second names (EWOULDBLOCK).
func errnoDefines() string {
	var b strings.Builder
	for _, e := range errno.All() {
		b.WriteString("#define " + e.Name() + " " + strconv.Itoa(int(e)) + "\n")
	}
	for _, a := range errno.Aliases {
		b.WriteString("#define " + a.Name + " " + a.Of.Name() + "\n")
	}
	return b.String()
}

// signalDefines are signal.h's signal numbers, written from the signal
// table.
func signalDefines() string {
	var b strings.Builder
	for _, s := range signal.All() {
		b.WriteString("#define " + s.Name() + " " + strconv.Itoa(int(s)) + "\n")
	}
	for _, a := range signal.Aliases {
		b.WriteString("#define " + a.Name + " " + a.Of.Name() + "\n")
	}
	return b.String()
}
