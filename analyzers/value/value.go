package value

import "strings"

// Kind is what an evaluator knows of a value.
type Kind uint8

// Kinds of values.
const (
	Unknown Kind = iota // known only at run time, in whole or in part: Text holds what is known
	Str                 // a string: Text
	List                // a list: Elems
	Bool                // a boolean: Bool
	Null                // nothing ($null, nil, null, undef)
	Table               // a table of named values (a hashtable, a Ruby hash): Entries
)

// Value is the value of an expression as an evaluator reads it, mapped to the source. Every script
// language evaluates its expressions to Values; what a value means as an account list is read in
// one place (assign.Reader), what it means as a boolean here (Truth).
type Value struct {
	Kind Kind
	// Text is a string's characters (Str), or what is known of an Unknown value (the expression as
	// written when nothing is), each byte mapped to where it is written; bytes known only at run
	// time are marked so.
	Text    Text
	Bool    bool    // Bool
	Elems   []Value // List
	Entries []Entry // Table, in the order written; a key written twice keeps its last value
	// Editable (Str) says each byte of Text maps to the source that writes it (not a value read
	// through a variable), so that one of its comma-separated names can be dropped by deleting it
	// and the comma beside it.
	Editable bool
	// Remove, when not nil, is the span of the source to delete to drop this value from the list
	// holding it.
	Remove *[2]int
	// Cut (List) says the list holds more elements than Elems: the evaluator read only the first
	// ones. CutAt is where the first one left out is written, reported as the accounts past
	// assign.MaxAccounts are; -1 when the evaluator has reported it already.
	Cut   bool
	CutAt int
	// Origin says where an Unknown value comes from when that is worth telling a reader: "parameter
	// of Grant-Rights".
	Origin string
	// size caches what a List or Table weighs for the budget (see Size).
	size int
}

// Entry is one named value of a Table.
type Entry struct {
	Key   string // as written, quotes removed
	KeyAt int    // where the key is written
	Value Value
}

// ItemCost is what one element of a list or table weighs besides its text when a value is charged
// to a file's budget: about what an evaluator keeps for it.
const ItemCost = 64

// String returns the known string s written at [start, end) of the source, each byte mapped to
// the span that writes it when verbatim, spread over the span otherwise.
func String(s string, start, end int, verbatim bool) Value {
	if verbatim && end-start == len(s) {
		return Value{Kind: Str, Text: Source([]byte(s), start), Editable: true}
	}
	return Value{Kind: Str, Text: Spread(s, start, end, false)}
}

// Unresolved returns a value known only at run time, written as text at [start, end).
func Unresolved(text string, start, end int) Value {
	return Value{Kind: Unknown, Text: Spread(text, start, end, true)}
}

// Of returns the string value t: Str when all of it is known, Unknown otherwise.
func Of(t Text) Value {
	if t.AnyUnresolved() {
		return Value{Kind: Unknown, Text: t}
	}
	return Value{Kind: Str, Text: t}
}

// NewList returns the list of elems.
func NewList(elems ...Value) Value {
	v := Value{Kind: List}
	for _, e := range elems {
		v.Append(e)
	}
	return v
}

// Append adds e to the list v. The elements are v's own: a list copied from v shares them until
// one of the two is appended to, as with any Go slice, so an evaluator appending to a list read
// from a variable clones it first (Clone).
func (v *Value) Append(e Value) {
	v.Elems = append(v.Elems, e)
	v.size += e.Size() + ItemCost
}

// Set sets the entry key of the table v to e (keys compared case-insensitively when fold).
func (v *Value) Set(key string, at int, e Value, fold bool) {
	for i := range v.Entries {
		if v.Entries[i].Key == key || fold && strings.EqualFold(v.Entries[i].Key, key) {
			v.size += e.Size() - v.Entries[i].Value.Size()
			v.Entries[i] = Entry{Key: key, KeyAt: at, Value: e}
			return
		}
	}
	v.Entries = append(v.Entries, Entry{Key: key, KeyAt: at, Value: e})
	v.size += len(key) + e.Size() + ItemCost
}

// Get returns the entry key of the table v (case-insensitively when fold).
func (v Value) Get(key string, fold bool) (Value, bool) {
	for i := len(v.Entries) - 1; i >= 0; i-- {
		if v.Entries[i].Key == key || fold && strings.EqualFold(v.Entries[i].Key, key) {
			return v.Entries[i].Value, true
		}
	}
	return Value{}, false
}

// Clone returns v with its own copy of its elements and entries, so that appending to it leaves v
// as it was.
func (v Value) Clone() Value {
	v.Elems = append([]Value(nil), v.Elems...)
	v.Entries = append([]Entry(nil), v.Entries...)
	return v
}

// At returns v read through a reference written at the source span [start, end): a variable's
// value where the variable is used. Every byte of its text maps to the reference, the bytes known
// only at run time stay so, and the edits that drop it from where it was written are gone. The
// elements of a list or table are moved as well (an evaluator that reads a long list through many
// references may move its elements as it reads them instead).
func (v Value) At(start, end int) Value {
	v.Editable, v.Remove = false, nil
	switch v.Kind {
	case List:
		v = v.Clone()
		for i := range v.Elems {
			v.Elems[i] = v.Elems[i].At(start, end)
		}
		return v
	case Table:
		v = v.Clone()
		for i := range v.Entries {
			v.Entries[i].KeyAt = start
			v.Entries[i].Value = v.Entries[i].Value.At(start, end)
		}
		return v
	}
	switch rt := v.Text.Runtime(); {
	case len(rt) == 0:
		v.Text = Spread(v.Text.S, start, end, false)
	case len(rt) == 1 && rt[0].Start == 0 && rt[0].End == v.Text.Len():
		v.Text = Spread(v.Text.S, start, end, true)
	default:
		var b Builder
		b.Substitute(v.Text, start, end, false)
		v.Text = b.Done(end)
	}
	return v
}

// pastLimit is the Origin of a value past a limit (see PastLimit).
const pastLimit = "a value past the evaluation limits"

// PastLimit returns the value of a variable set past a limit: larger than MaxValue, past what was
// left of the file's budget, or built from such a value. Its references stay as written,
// unresolved, and a value built from one of them is past the limit too.
func PastLimit() Value { return Value{Kind: Unknown, Origin: pastLimit} }

// IsPastLimit reports whether v is a value PastLimit returned.
func (v Value) IsPastLimit() bool { return v.Kind == Unknown && v.Origin == pastLimit }

// Size returns what a copy of v weighs for the file's budget: its text, and for a list or table
// ItemCost per element with the elements' own weight.
func (v Value) Size() int {
	switch v.Kind {
	case List, Table:
		return v.size
	}
	return v.Text.Len()
}

// Known reports whether v is known in full: a string without run-time bytes, a boolean, null, or
// a list or table of known values (a list cut short is not).
func (v Value) Known() bool {
	switch v.Kind {
	case Unknown:
		return false
	case Str:
		return !v.Text.AnyUnresolved()
	case List:
		if v.Cut {
			return false
		}
		for _, e := range v.Elems {
			if !e.Known() {
				return false
			}
		}
	case Table:
		for _, e := range v.Entries {
			if !e.Value.Known() {
				return false
			}
		}
	}
	return true
}

// Strings returns the strings of v: itself, or a list's string elements, nested lists flattened.
func (v Value) Strings() []Value {
	switch v.Kind {
	case Str:
		return []Value{v}
	case List:
		var out []Value
		for _, e := range v.Elems {
			out = append(out, e.Strings()...)
		}
		return out
	}
	return nil
}

// maxWord bounds the text of a value compared with a keyword (true, Absent): anything longer is
// none of them.
const maxWord = 256

// Truth returns what v says as a boolean: b is the value and known whether it is known. A value is
// true when it is a boolean true (PowerShell $true, MOF TRUE, Ruby and YAML true) or a string that
// says so, case and surrounding blanks aside: "true", "$true", "1", "yes", "on". It is false when
// it is a boolean false, null, or one of "false", "$false", "0", "no", "off", "". Anything else, a
// value known only at run time included, is unknown.
func (v Value) Truth() (b, known bool) {
	switch v.Kind {
	case Bool:
		return v.Bool, true
	case Null:
		return false, true
	case Str:
		if v.Text.AnyUnresolved() || v.Text.Len() > maxWord {
			return false, false
		}
		switch strings.ToLower(strings.TrimSpace(v.Text.S)) {
		case "true", "$true", "1", "yes", "on":
			return true, true
		case "false", "$false", "0", "no", "off", "":
			return false, true
		}
	}
	return false, false
}

// Is reports whether v is the known string word, case and surrounding blanks aside.
func (v Value) Is(word string) bool {
	return v.Kind == Str && !v.Text.AnyUnresolved() && v.Text.Len() <= maxWord &&
		strings.EqualFold(strings.TrimSpace(v.Text.S), word)
}
