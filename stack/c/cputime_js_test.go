//go:build js

package c

import "time"

// cpuTime is not known in the browser's port: 0.
func cpuTime() time.Duration { return 0 }
