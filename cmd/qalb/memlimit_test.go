package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
	"time"
)

// The limit follows the live heap from above, never below the floor, and
// is lifted when the analysis is done; a GOMEMLIMIT of the user's stands.
func TestFollowLiveHeap(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOMEMLIMIT is set")
	}
	stop := followLiveHeap(15)
	deadline := time.Now().Add(5 * time.Second)
	limit := debug.SetMemoryLimit(-1) // reads it
	for limit == math.MaxInt64 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		limit = debug.SetMemoryLimit(-1)
	}
	stop()
	if limit < 128<<20 || limit == math.MaxInt64 {
		t.Errorf("limit while following: %d", limit)
	}
	if after := debug.SetMemoryLimit(-1); after != math.MaxInt64 {
		t.Errorf("limit after stop: %d, want none", after)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	stop = followLiveHeap(15)
	time.Sleep(50 * time.Millisecond)
	stop()
	if after := debug.SetMemoryLimit(-1); after != math.MaxInt64 {
		t.Errorf("limit set despite GOMEMLIMIT: %d", after)
	}
}
