package inf

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-ini/ini"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/rules"
)

// Template is the [Privilege Rights] content of a security template. Offsets are byte offsets in the
// text given to Parse.
type Template struct {
	Entries  []Entry
	Problems []Problem
}

// Entry is one `Right = accounts` line of a [Privilege Rights] section.
type Entry struct {
	Key                  string // the right as written
	KeyStart, KeyEnd     int
	ValueStart, ValueEnd int // the value after trimming spaces; equal for an empty value
	// Accounts holds the list's first assign.MaxAccounts elements. Rest is the offset of the first
	// element past them, which are not read, or 0 when the list holds no more.
	Accounts []Account
	Rest     int
}

// Account is one element of an entry's comma-separated list, quotes removed.
type Account struct {
	Text       string
	Start, End int // the account without its quotes; equal for an empty element
	// ElemStart and ElemEnd span the element with its quotes.
	ElemStart, ElemEnd int
}

// Problem is a line privlint could not read as the format requires.
type Problem struct {
	Offset  int
	Message string
}

// SectionName is the only section whose lines assign user rights.
const SectionName = "Privilege Rights"

// lines returns each line's span in text, without its terminator (CRLF, LF or a bare CR).
func lines(text []byte) [][2]int {
	starts := source.LineStarts(text)
	out := make([][2]int, len(starts))
	for i, start := range starts {
		end := len(text)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		if end > start && text[end-1] == '\n' {
			end--
		}
		if end > start && text[end-1] == '\r' {
			end--
		}
		out[i] = [2]int{start, end}
	}
	return out
}

// trimSpan narrows [start, end) of text to exclude surrounding spaces and tabs.
func trimSpan(text []byte, start, end int) (int, int) {
	for start < end && (text[start] == ' ' || text[start] == '\t') {
		start++
	}
	for end > start && (text[end-1] == ' ' || text[end-1] == '\t') {
		end--
	}
	return start, end
}

// loadOptions is the go-ini option set that reads secedit exports faithfully (docs/TECH-NOTES.md):
// `=` is the only delimiter, `;` and `#` inside values and trailing backslashes are data, every
// duplicate key and section is kept, and section and key names are case-insensitive.
var loadOptions = ini.LoadOptions{
	KeyValueDelimiters:         "=",
	IgnoreInlineComment:        true,
	IgnoreContinuation:         true,
	AllowShadows:               true,
	AllowDuplicateShadowValues: true,
	AllowNonUniqueSections:     true,
	PreserveSurroundedQuote:    true,
	InsensitiveSections:        true,
	InsensitiveKeys:            true,
	UnparseableSections:        []string{"Service General Setting", "Registry Keys", "File Security"},
}

// Parse reads the [Privilege Rights] sections of a security template (any number of them, in any
// case). Other sections are skipped without being parsed, so a malformed [Registry Values] line never
// hides a grant. Lines go-ini or privlint cannot read are returned as problems and skipped.
//
// privlint's own line index gives every key and account its exact offset; go-ini reads the section
// structure of the two rights' assignments (keys, duplicates) and the two must agree.
func Parse(text []byte) *Template {
	t := &Template{}
	var (
		inPriv   bool
		section  bytes.Buffer // the privilege sections' key lines, for go-ini
		sections []int        // the index of each privilege section's first entry
	)
	for _, l := range lines(text) {
		s, e := trimSpan(text, l[0], l[1])
		if s == e {
			continue
		}
		switch text[s] {
		case ';', '#':
			continue
		case '[':
			close := bytes.IndexByte(text[s:e], ']')
			if close < 0 {
				t.problemf(s, "section header %q has no closing ]", text[s:e])
				inPriv = false
				continue
			}
			name := strings.TrimSpace(string(text[s+1 : s+close]))
			inPriv = strings.EqualFold(name, SectionName)
			if inPriv {
				sections = append(sections, len(t.Entries))
				section.WriteString("[" + SectionName + "]\n")
			}
			continue
		}
		if !inPriv {
			continue
		}
		eq := bytes.IndexByte(text[s:e], '=')
		if eq < 0 {
			t.problemf(s, "expected `Right = accounts` in [%s], found %q", SectionName, text[s:e])
			continue
		}
		ks, ke := trimSpan(text, s, s+eq)
		if ks == ke {
			t.problemf(s, "assignment in [%s] has no right name", SectionName)
			continue
		}
		vs, ve := trimSpan(text, s+eq+1, e)
		accounts, rest := splitAccounts(text, vs, ve)
		t.Entries = append(t.Entries, Entry{
			Key: string(text[ks:ke]), KeyStart: ks, KeyEnd: ke, ValueStart: vs, ValueEnd: ve,
			Accounts: accounts, Rest: rest,
		})
		if crossChecked(string(text[ks:ke])) {
			section.Write(text[s:e])
			section.WriteByte('\n')
		}
	}
	if len(t.Entries) > 0 {
		t.crossCheck(text, section.Bytes(), sections)
	}
	return t
}

// crossCheck loads the privilege sections with go-ini and reports any entry on which it disagrees
// with privlint's line index. sections holds the index of each section's first entry.
func (t *Template) crossCheck(text, src []byte, sections []int) {
	f, err := ini.LoadSources(loadOptions, src)
	if err != nil {
		t.problemf(t.Entries[0].KeyStart, "[%s] is not valid INI: %v", SectionName, err)
		return
	}
	secs, err := f.SectionsByName(strings.ToLower(SectionName))
	if err != nil || len(secs) != len(sections) {
		t.problemf(t.Entries[0].KeyStart, "go-ini read %d [%s] sections where privlint read %d", len(secs), SectionName, len(sections))
		return
	}
	for i, sec := range secs {
		end := len(t.Entries)
		if i+1 < len(sections) {
			end = sections[i+1]
		}
		next := map[string]int{}
		values := map[string][]string{} // go-ini copies the shadows on every call: once per key
		for _, e := range t.Entries[sections[i]:end] {
			if !crossChecked(e.Key) {
				continue
			}
			k := strings.ToLower(trimQuotes(e.Key))
			shadows, ok := values[k]
			if !ok && sec.HasKey(k) {
				shadows = sec.Key(k).ValueWithShadows()
				values[k] = shadows
			}
			n := next[k]
			next[k] = n + 1
			got := "" // go-ini lists no value for an empty one
			if n < len(shadows) {
				got = shadows[n]
			}
			if !sec.HasKey(k) || got != string(text[e.ValueStart:e.ValueEnd]) {
				t.problemf(e.KeyStart, "go-ini reads the assignment of %s differently; privlint uses the text as written", e.Key)
			}
		}
	}
}

// crossChecked reports whether go-ini reads the assignment of key too: privlint's rights only. go-ini
// looks keys up in a list, which costs time quadratic in the number of distinct keys, so a template
// with thousands of other keys must not reach it.
func crossChecked(key string) bool {
	_, ok := rules.All.Lookup(trimQuotes(key))
	return ok
}

func trimQuotes(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

func (t *Template) problemf(off int, format string, args ...any) {
	t.Problems = append(t.Problems, Problem{off, fmt.Sprintf(format, args...)})
}

// splitAccounts splits the value text[vs:ve] at commas outside double quotes. An empty value is an
// empty list ("nobody"); an empty element in a list is kept, as an empty account. It reads at most
// assign.MaxAccounts elements and returns the offset of the next one as rest, or 0 when there is
// none.
func splitAccounts(text []byte, vs, ve int) (out []Account, rest int) {
	if vs == ve {
		return nil, 0
	}
	start, quoted := vs, false
	for i := vs; i <= ve; i++ {
		if i < ve && text[i] == '"' {
			quoted = !quoted
			continue
		}
		if i < ve && (text[i] != ',' || quoted) {
			continue
		}
		es, ee := trimSpan(text, start, i)
		if len(out) == assign.MaxAccounts {
			return out, es
		}
		a := Account{ElemStart: es, ElemEnd: ee, Start: es, End: ee}
		if ee-es >= 2 && text[es] == '"' && text[ee-1] == '"' {
			a.Start, a.End = es+1, ee-1
		}
		a.Text = string(text[a.Start:a.End])
		out = append(out, a)
		start = i + 1
	}
	if len(out) == 1 && out[0].Text == "" { // `Right = ""`
		return nil, 0
	}
	return out, 0
}
