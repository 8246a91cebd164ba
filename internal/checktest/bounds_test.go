package checktest

import (
	"fmt"
	"strings"
	"testing"
)

// TestLinearCatchesQuadratic checks the complexity harness itself: a linear analysis passes, a
// quadratic one fails.
func TestLinearCatchesQuadratic(t *testing.T) {
	shape := func(n int) (string, []byte) { return "x.txt", []byte(strings.Repeat("a,", n)) }
	linear := func(_ string, b []byte) { _ = strings.Split(string(b), ",") }
	var sink []string
	quadratic := func(_ string, b []byte) {
		s := ""
		for i := 0; i < len(b); i += 2 {
			s += "ab" // copies the whole string every time
		}
		sink = append(sink[:0], s)
	}
	if failed := runFake(func(ft *testing.T) { Linear(ft, 2000, shape, linear) }); failed {
		t.Error("a linear analysis failed the complexity check")
	}
	if failed := runFake(func(ft *testing.T) { Linear(ft, 2000, shape, quadratic) }); !failed {
		t.Error("a quadratic analysis passed the complexity check")
	}
	if !strings.Contains(fmt.Sprint(Measure(func() { sink = strings.Split("a,b", ",") })), "bytes in") {
		t.Error("Cost does not render")
	}
}

// runFake runs fn on a test of its own and reports whether it failed.
func runFake(fn func(*testing.T)) bool {
	ft := &testing.T{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(ft)
	}()
	<-done
	return ft.Failed()
}
