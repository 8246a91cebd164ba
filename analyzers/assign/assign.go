// Package assign defines the privilege assignments every extractor produces and the checker reads.
package assign

import (
	"go/token"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// Op is what an assignment does to the accounts holding a right.
type Op int

// Operations.
const (
	Grant  Op = iota + 1 // adds the accounts to those holding the right
	Set                  // replaces the whole list with the accounts
	Revoke               // removes the accounts: never a grant
)

func (o Op) String() string {
	switch o {
	case Grant:
		return "grant"
	case Set:
		return "set"
	case Revoke:
		return "revoke"
	}
	return "unknown"
}

// Account is one account of an assignment, as written in the file.
type Account struct {
	Text       string    // after quote removal and variable resolution; the variable's text when Unresolved
	Pos, End   token.Pos // the account itself
	Unresolved bool      // the value is known only at run time, in part or whole
	// Runtime are the parts of Text known only at run time, when the evaluator knows which they
	// are; the rest is written in the source. An Unresolved account without them is unknown whole.
	// The checker classifies an account by its written part when that part decides (see
	// rules.Policy.ClassifyPartly).
	Runtime []value.Span
	// Origin says where a value known only at run time comes from when the account is written as a
	// reference to it: "set from %~2, the script's second argument". Messages show it.
	Origin string
	// Remove holds the edits that drop this account from its list, or nil when privlint does not
	// know how to edit the source.
	Remove []analysis.TextEdit
	// Param is set when the account's run-time part is a positional argument of the script the file
	// is (%1, %~2, $1, ${2}): whoever runs the script decides it, and the scan binds it to the
	// arguments of the calls it finds.
	Param *Param
	// Flow is how the account's value reached the grant when it was not written there: each call
	// that bound a parameter to it, outermost first, for a reviewer to check. A finding shows
	// each step as a related location ("via call at file:line").
	Flow []Step
}

// Param is a script's positional argument in an account's text.
type Param struct {
	Index int        // 1 for %1, %~1, $1, ${1}
	Span  value.Span // the bytes of Account.Text that hold it
}

// Step is one step of an account's Flow: written in the file analyzed (Pos, End), or in another
// file (Path, Line, Col, Col16: a script of the repository that calls this one).
type Step struct {
	Pos, End         token.Pos
	Path             string
	Line, Col, Col16 int
	What             string // what happens there: "call of Grant-Rights"
}

// Assignment is one place that gives, sets or revokes a right.
type Assignment struct {
	Right    string    // the right's name as written
	Pos, End token.Pos // the right's name
	Op       Op
	Accounts []Account
	Via      string // how it is written: "template", "ntrights", "Grant-CPrivilege", ...
	// Scope groups assignments that replace one another, such as the lines of one template: a right
	// assigned twice in one non-empty scope is a duplicate.
	Scope string
	// Arms are the branches of conditionals (if/elsif/else, case arms) the assignment is written
	// in, outermost first. Two assignments in different arms of one conditional never both take
	// effect (Exclusive).
	Arms []Arm
	// Truncated is set when the list held more than MaxAccounts accounts and only the first
	// MaxAccounts are in Accounts (see TooMany): what the whole list sets is not known.
	Truncated bool
}

// Arm is one branch of a conditional: Chain identifies the conditional (the offset of its first
// keyword in the file) and Index the branch within it (0 for the first).
type Arm struct{ Chain, Index int }

// Exclusive reports whether assignments written in the arms a and b can never both run: some
// conditional holds them in different branches.
func Exclusive(a, b []Arm) bool {
	for i := 0; i < len(a) && i < len(b) && a[i].Chain == b[i].Chain; i++ {
		if a[i].Index != b[i].Index {
			return true
		}
	}
	return false
}

// MaxAccounts is the most accounts an extractor reads from one list. Real assignments of the two
// rights list a handful; a list of millions of one-letter names in a file under the size limit
// would otherwise cost hundreds of bytes of structures per byte.
const MaxAccounts = 1000

// TooMany reports on f, at the offset off of a list's first account past MaxAccounts, that the rest
// of the list is not read. The extractor sets Truncated on the assignment and stops building
// accounts (and, where it can, the nodes of its parser) for the list.
func TooMany(f *source.File, off int) {
	f.Problemf(off, "this list holds more than %d accounts; the rest of it is not analyzed", MaxAccounts)
}

// Result is an extractor's result for one file.
type Result struct {
	Assignments []Assignment
}

// Extractor returns the building-block analyzer of one input language: it runs extract over the
// files whose language is lang and returns an empty Result for every other file. It reports
// nothing; the checker reads its Result.
func Extractor(name, doc string, lang source.Lang, extract func(*source.File) []Assignment) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       name,
		Doc:        doc,
		Requires:   []*analysis.Analyzer{source.Analyzer},
		ResultType: reflect.TypeOf((*Result)(nil)),
		Run: func(pass *analysis.Pass) (any, error) {
			f := pass.ResultOf[source.Analyzer].(*source.File)
			if f.Lang != lang {
				return &Result{}, nil
			}
			return &Result{Assignments: extract(f)}, nil
		},
	}
}

// ListRemoval returns the span to delete to drop element i of a list whose elements span
// [starts[k], ends[k]): the element and the separator after it, or for the last element the
// separator before it; an element alone is deleted by itself.
func ListRemoval(starts, ends []int, i int) (start, end int) {
	switch {
	case len(starts) == 1:
		return starts[i], ends[i]
	case i+1 < len(starts):
		return starts[i], starts[i+1]
	default:
		return ends[i-1], ends[i]
	}
}
