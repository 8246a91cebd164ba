// Package inf extracts user-right assignments from security templates: secedit exports, GPO
// GptTmpl.inf files and hand-written .inf templates, in any encoding.
package inf

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// Extract parses f.Text[start:end] as a security template and returns its assignments, every one a
// set, with positions in f. Problems are recorded on f, among them a list past assign.MaxAccounts,
// whose assignment is Truncated. Callers use it for a template file, or one written verbatim inside
// another file (a literal here-string); a template an evaluator built goes to ExtractText.
func Extract(f *source.File, start, end int) []assign.Assignment {
	return extract(f, f.Text[start:end], value.Source(f.Text[start:end], start))
}

// ExtractText parses t, the text of a security template built by an evaluator from what f writes
// (a heredoc with its variables expanded, the line items of an XML file), and returns its
// assignments with positions in f. An account is read with assign.AccountOf: one holding a byte
// known only at run time is unresolved, and judged by its written part. An account carries the
// edit that drops it from its list only when it is resolved and its element, with the separator
// the edit takes, is written apart from the text around it (see apart).
func ExtractText(f *source.File, t value.Text) []assign.Assignment {
	return extract(f, []byte(t.S), t)
}

// extract parses text, which is t.S, as a security template.
func extract(f *source.File, text []byte, t value.Text) []assign.Assignment {
	tpl := Parse(text)
	for _, p := range tpl.Problems {
		f.Problemf(t.Offset(p.Offset), "%s", p.Message)
	}
	scope := fmt.Sprintf("template@%d", t.Offset(0))
	out := make([]assign.Assignment, 0, len(tpl.Entries))
	for _, e := range tpl.Entries {
		starts, ends := make([]int, len(e.Accounts)), make([]int, len(e.Accounts))
		for i, acc := range e.Accounts {
			starts[i], ends[i] = acc.ElemStart, acc.ElemEnd
		}
		ks, ke := t.Span(e.KeyStart, e.KeyEnd)
		a := assign.Assignment{
			Right: e.Key, Pos: f.Pos(ks), End: f.Pos(ke),
			Op: assign.Set, Via: "template", Scope: scope,
			Accounts: make([]assign.Account, len(e.Accounts)), Truncated: e.Rest > 0,
		}
		if a.Truncated {
			assign.TooMany(f, t.Offset(e.Rest))
		}
		removals := make([]analysis.TextEdit, len(e.Accounts)) // one allocation for every account's edit
		for i, acc := range e.Accounts {
			a.Accounts[i] = assign.AccountOf(f, t.Slice(acc.Start, acc.End))
			if ds, de := assign.ListRemoval(starts, ends, i); !a.Accounts[i].Unresolved && t.Apart(ds, de) {
				s, e := t.Span(ds, de)
				removals[i] = analysis.TextEdit{Pos: f.Pos(s), End: f.Pos(e)}
				a.Accounts[i].Remove = removals[i : i+1 : i+1]
			}
		}
		out = append(out, a)
	}
	return out
}

// ExtractSection reads t as lines of a [Privilege Rights] section written without the section's
// header (a line item of a rule file), as ExtractText does.
func ExtractSection(f *source.File, t value.Text) []assign.Assignment {
	var b value.Builder
	at := t.Offset(0)
	for _, c := range []byte("[" + SectionName + "]\n") {
		b.Byte(c, at, at, false)
	}
	b.Append(t)
	return ExtractText(f, b.Done(t.Offset(t.Len())))
}

// ExtractLine reads the template line `key = val` of a [Privilege Rights] section whose key and
// value are written apart (a JSON object's key and value), as ExtractText does. Line breaks in val
// (a folded value) are blanks.
func ExtractLine(f *source.File, key, val value.Text) []assign.Assignment {
	var b value.Builder
	b.Append(key)
	at := val.Offset(0)
	for _, c := range []byte(" = ") {
		b.Byte(c, at, at, false)
	}
	for i := 0; i < val.Len(); i++ {
		if c := val.S[i]; c == '\n' || c == '\r' {
			lo, hi := val.Span(i, i+1)
			b.Byte(' ', lo, hi, val.Unresolved(i, i+1))
			continue
		}
		b.Copy(val, i)
	}
	return ExtractSection(f, b.Done(val.Offset(val.Len())))
}

// Patch reads an edit of an exported template that adds accounts to a right's line: the text
// pattern (`Right = `, the start of the line as secedit /export writes it) replaced with replacement
// (`Right = acct1,acct2,`, the accounts then the existing holders). The accounts written before the
// existing holders are a grant, located in replacement; the holders are not known here. It returns
// nil for any other edit: a pattern that is not a right's line start, or a replacement that does
// not keep the right.
func Patch(f *source.File, pattern, replacement value.Text) []assign.Assignment {
	key, ok := lineStart(pattern.S)
	if !ok || pattern.AnyUnresolved() {
		return nil
	}
	eq := strings.IndexByte(replacement.S, '=')
	if eq < 0 || !strings.EqualFold(strings.TrimSpace(replacement.S[:eq]), key) {
		return nil
	}
	val := replacement.Slice(eq+1, replacement.Len())
	// The trailing comma joins the holders the export lists after the pattern: it ends the grant.
	trimmed := strings.TrimRight(val.S, " \t")
	if !strings.HasSuffix(trimmed, ",") {
		return nil // the replacement ends the line's value itself: it is not an addition
	}
	val = val.Slice(0, len(trimmed)-1)
	accs, truncated := assign.Accounts(f, value.Of(val))
	if len(accs) == 0 {
		return nil
	}
	ks, ke := replacement.Span(strings.Index(replacement.S, strings.TrimSpace(replacement.S[:eq])), eq)
	return []assign.Assignment{{Right: key, Pos: f.Pos(ks), End: f.Pos(ke), Op: assign.Grant, Accounts: accs,
		Via: "template edit", Truncated: truncated}}
}

// lineStart returns the key of a template line's start written as `Key =` (blanks around either
// side), or false.
func lineStart(s string) (string, bool) {
	k, rest, ok := strings.Cut(s, "=")
	k = strings.TrimSpace(k)
	if !ok || strings.TrimSpace(rest) != "" || k == "" || strings.ContainsAny(k, " \t\r\n[]") {
		return "", false
	}
	return k, true
}
