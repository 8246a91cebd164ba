// Bounds on the work and memory of one analysis, for fuzz targets and complexity tests: a blow-up
// fails the test instead of exhausting the machine. They count allocated bytes and objects
// (runtime.MemStats), never wall time, so they hold on a loaded machine.

package checktest

import (
	"fmt"
	"runtime"
	"testing"
)

// Cost is what one run of an analysis allocated.
type Cost struct {
	Bytes   uint64 // bytes allocated
	Objects uint64 // heap objects allocated: a count of the work done
}

func (c Cost) String() string { return fmt.Sprintf("%d bytes in %d objects", c.Bytes, c.Objects) }

// Measure runs fn once and returns what it allocated. Other goroutines' allocations count too, so
// run it where nothing else runs (a test without t.Parallel, a fuzz worker).
func Measure(fn func()) Cost {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return Cost{Bytes: after.TotalAlloc - before.TotalAlloc, Objects: after.Mallocs - before.Mallocs}
}

// Allowance is the most one analysis of an input of size bytes may allocate: a constant plus a
// multiple of the input. It is far above what a well-behaved analysis needs and far below what an
// exponential or quadratic one reaches on the inputs fuzzers and hostile-input tests make.
func Allowance(size int) uint64 { return 64<<20 + 512*uint64(size) }

// Bounded runs fn, the analysis of an input of size bytes, and fails t when it allocates more than
// Allowance(size). Fuzz targets wrap their analysis in it.
func Bounded(t testing.TB, size int, fn func()) {
	t.Helper()
	if c := Measure(fn); c.Bytes > Allowance(size) {
		t.Fatalf("analysis of %d bytes allocated %s, over the bound of %d bytes", size, c, Allowance(size))
	}
}

// Shape makes an input of a given shape at scale n: a file name (which decides its language) and
// its content.
type Shape func(n int) (name string, content []byte)

// maxGrowth is how much the cost may grow when the input grows four times: 4 for linear work, with
// room for the constant part and for n log n; a quadratic analysis grows 16 times.
const maxGrowth = 6

// Linear runs analyze on the shape at scale n and 4n and fails t when the allocated bytes or objects
// grow more than maxGrowth times, or when the larger run exceeds Allowance.
func Linear(t *testing.T, n int, shape Shape, analyze func(name string, content []byte)) {
	t.Helper()
	name, small := shape(n)
	_, large := shape(4 * n)
	analyze(name, small) // warm up: caches, lazily built tables
	c1 := Measure(func() { analyze(name, small) })
	c4 := Measure(func() { analyze(name, large) })
	if c4.Bytes > Allowance(len(large)) {
		t.Errorf("%s: %d bytes allocated %s, over the bound of %d bytes", name, len(large), c4, Allowance(len(large)))
	}
	grew := func(a, b uint64) float64 { return float64(b) / float64(max(a, 1)) }
	if g := grew(c1.Bytes, c4.Bytes); g > maxGrowth && c4.Bytes > 1<<20 {
		t.Errorf("%s: allocated bytes grew %.1fx for 4x the input (%d bytes: %s; %d bytes: %s)", name, g, len(small), c1, len(large), c4)
	}
	if g := grew(c1.Objects, c4.Objects); g > maxGrowth && c4.Objects > 10000 {
		t.Errorf("%s: allocated objects grew %.1fx for 4x the input (%d bytes: %s; %d bytes: %s)", name, g, len(small), c1, len(large), c4)
	}
}
