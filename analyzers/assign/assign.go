// Package assign defines the privilege assignments every extractor produces and the checker reads.
package assign

import (
	"go/token"

	"golang.org/x/tools/go/analysis"
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
	Unresolved bool      // the value is known only at run time
	// Remove holds the edits that drop this account from its list, or nil when privlint does not
	// know how to edit the source.
	Remove []analysis.TextEdit
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
}

// Result is an extractor's result for one file.
type Result struct {
	Assignments []Assignment
}
