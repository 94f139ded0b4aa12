package main

import (
	"netplay/internal/tier"
	"netplay/stack/sock"
)

// The package's runs check that the socket layer marks every state change
// it traces (sock.CheckMarks); the benchmarks measure without the check.
func init() { sock.CheckMarks = !tier.On(tier.Bench) }
