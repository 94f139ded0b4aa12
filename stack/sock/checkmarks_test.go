package sock_test

import (
	"netplay/internal/tier"
	"netplay/stack/sock"
)

// The package's runs check that every state change traced was marked
// (sock.CheckMarks); the benchmarks measure without the check.
func init() { sock.CheckMarks = !tier.On(tier.Bench) }
