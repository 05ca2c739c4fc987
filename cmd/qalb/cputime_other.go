//go:build !unix

package main

import "time"

// cpuTime is unknown here: stages print their wall time only.
func cpuTime() time.Duration { return 0 }
