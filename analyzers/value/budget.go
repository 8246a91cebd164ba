package value

import "fmt"

// Limits of one file's evaluation. An evaluator charges the budget for every value it builds
// (concatenation, interpolation, list append, substitution, assignment) and for every step it
// takes (a statement, a loop iteration, a call); past a limit, the value is unresolved.
const (
	// MaxValue is the largest value, in bytes, an evaluator builds.
	MaxValue = 1 << 20
	// budgetBase and budgetPerByte size the bytes of values a file may build: a constant plus a
	// multiple of the file's size, so that the work stays linear in the input.
	budgetBase    = 4 << 20
	budgetPerByte = 16
	// stepBase and stepPerByte size the steps a file's evaluation may take.
	stepBase    = 1 << 20
	stepPerByte = 4
)

// Budget bounds what the evaluation of one file, with the text nested in it, may build and do.
// The zero value is spent; use NewBudget.
type Budget struct {
	bytes, steps int64
	full         bool // a value over MaxValue was refused
	spent        bool // bytes or steps ran out
}

// NewBudget returns the budget of a file of size bytes.
func NewBudget(size int) *Budget {
	return &Budget{bytes: budgetBase + budgetPerByte*int64(size), steps: stepBase + stepPerByte*int64(size)}
}

// Charge takes one step and n bytes of a value being built from the budget. It returns false, and
// a message to report once (empty when the same limit was already reported), when the value
// would be larger than MaxValue or the budget is spent.
func (b *Budget) Charge(n int) (ok bool, report string) {
	if b.spent {
		return false, ""
	}
	if n > MaxValue {
		if b.full {
			return false, ""
		}
		b.full = true
		return false, fmt.Sprintf("a value built here would exceed %d MiB (the limit of one value); it and values built from it are unresolved", MaxValue>>20)
	}
	b.steps--
	b.bytes -= int64(n)
	if b.steps < 0 || b.bytes < 0 {
		b.spent = true
		return false, "the evaluation budget of this file is spent here (values and steps in proportion to its size); from here on values are unresolved, and loops and command strings are not followed"
	}
	return true, ""
}

// Left returns how many bytes a value may still have: what is left of the budget, at most MaxValue.
func (b *Budget) Left() int {
	if b.spent {
		return 0
	}
	return int(min(b.bytes, MaxValue))
}

// Spent reports whether the budget ran out.
func (b *Budget) Spent() bool { return b.spent }
