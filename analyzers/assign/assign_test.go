package assign

import "testing"

func TestExclusive(t *testing.T) {
	type arms = []Arm
	for _, tt := range []struct {
		a, b arms
		want bool
	}{
		{nil, nil, false},
		{arms{{1, 0}}, nil, false},                          // an unconditional assignment runs with any other
		{arms{{1, 0}}, arms{{1, 1}}, true},                  // if and else
		{arms{{1, 0}}, arms{{1, 0}}, false},                 // the same branch
		{arms{{1, 0}}, arms{{2, 1}}, false},                 // two conditionals, one after the other
		{arms{{1, 0}, {5, 0}}, arms{{1, 0}, {5, 2}}, true},  // nested: different arms of the inner one
		{arms{{1, 0}, {5, 0}}, arms{{1, 1}, {9, 0}}, true},  // different arms of the outer one
		{arms{{1, 0}, {5, 0}}, arms{{1, 0}, {7, 0}}, false}, // two inner conditionals in one arm
		{arms{{1, 0}}, arms{{1, 0}, {7, 1}}, false},         // outside and inside a nested one
		{arms{{1, 2}, {3, 0}}, arms{{1, 2}, {3, 0}, {4, 1}}, false},
	} {
		if got := Exclusive(tt.a, tt.b); got != tt.want {
			t.Errorf("Exclusive(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := Exclusive(tt.b, tt.a); got != tt.want {
			t.Errorf("Exclusive(%v, %v) = %v, want %v (symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}
