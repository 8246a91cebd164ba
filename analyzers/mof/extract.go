package mof

import (
	"bytes"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// Extract parses f.Text as compiled DSC (MOF) and returns its assignments, with positions in f.
// Problems are recorded on f.
func Extract(f *source.File) []assign.Assignment {
	insts, problems := Parse(f.Text)
	for _, p := range problems {
		f.Problemf(p.Offset, "%s", p.Message)
	}
	var out []assign.Assignment
	for _, inst := range insts {
		out = append(out, extract(f, inst)...)
	}
	return out
}

func props(inst *Instance) map[string]Value {
	m := map[string]Value{}
	for _, p := range inst.Props {
		m[strings.ToLower(p.Name)] = p.Value
	}
	return m
}

// extract returns the assignments of one instance: SecurityPolicyDsc's UserRightsAssignment (adds
// Identity to Policy; Force = True replaces the list; Ensure = "Absent" removes), Carbon_Privilege
// (gives Identity the Privilege list; Ensure = "Absent" removes), and the SetScript of a Script
// resource, analyzed as PowerShell.
func extract(f *source.File, inst *Instance) []assign.Assignment {
	p := props(inst)
	absent := false
	if e, ok := p["ensure"]; ok && e.Kind == Str {
		absent = strings.EqualFold(strings.TrimSpace(e.Text().S), "absent")
	}
	class := strings.ToLower(inst.Class)
	a := assign.Assignment{Op: assign.Grant, Via: inst.Class}
	var rights Value
	switch {
	case strings.HasSuffix(class, "userrightsassignment"):
		var ok bool
		if rights, ok = p["policy"]; !ok {
			return nil
		}
		if force := p["force"]; force.Kind == Bool && force.Bool {
			a.Op, a.Scope = assign.Set, "mof"
		}
	case class == "carbon_privilege":
		var ok bool
		if rights, ok = p["privilege"]; !ok {
			return nil
		}
	case class == "msft_scriptresource":
		if s, ok := p["setscript"]; ok && s.Kind == Str {
			return cmdline.Nest(f, source.LangPowerShell, s.Text(), false)
		}
		return nil
	default:
		return nil
	}
	identity, ok := p["identity"]
	if !ok {
		return nil
	}
	if absent {
		a.Op, a.Scope = assign.Revoke, ""
	}
	var more int
	a.Accounts, more = accounts(f, identity)
	if more != 0 {
		assign.TooMany(f, more)
		a.Truncated = true
	}
	if rights.More != 0 {
		f.Problemf(rights.More, "this list holds more than %d rights; the rest of it is not analyzed", assign.MaxAccounts)
	}
	var out []assign.Assignment
	seen := map[string]bool{}
	for _, r := range strs(rights) {
		t := r.Text()
		if strings.TrimSpace(t.S) == "" || seen[t.S] {
			continue
		}
		// The rights of one instance share its accounts: each after the first is charged for them.
		if len(seen) > 0 && !f.Charge(r.Start, accountCost*len(a.Accounts)) {
			break
		}
		seen[t.S] = true
		a.Right = t.S
		s, e := t.Span(0, t.Len())
		a.Pos, a.End = f.Pos(s), f.Pos(e)
		out = append(out, a)
	}
	return out
}

// accountCost is what one account of an assignment costs when the assignments of an instance's
// rights are charged: what privlint and its checker keep for it. An instance lists a right once,
// however often it is written: Policy = {"A", "A", ...} with a thousand accounts is a thousand
// findings, not a million.
const accountCost = 64

// strs returns the strings of a value: itself, or an array's string elements.
func strs(v Value) []Value {
	switch v.Kind {
	case Str:
		return []Value{v}
	case Array:
		var out []Value
		for _, e := range v.Elems {
			if e.Kind == Str {
				out = append(out, e)
			}
		}
		return out
	}
	return nil
}

// accounts returns the accounts of an Identity: each non-empty, comma-separated name of each string,
// up to assign.MaxAccounts of them; more is the offset of the first one past the limit, or 0. An
// element of an array of two or more single names carries the edit that removes it with the comma
// and blanks beside it, unless a comment is written there.
func accounts(f *source.File, identity Value) (accs []assign.Account, more int) {
	type elem struct {
		accs       []assign.Account
		start, end int
	}
	var list []elem
	n := 0
	for _, v := range strs(identity) {
		t := v.Text()
		e := elem{start: v.Start, end: v.End}
		for _, piece := range split(t, assign.MaxAccounts-n+1) {
			s, end := t.Span(piece[0], piece[1])
			if n == assign.MaxAccounts {
				more = s
				break
			}
			e.accs = append(e.accs, assign.Account{Text: t.S[piece[0]:piece[1]], Pos: f.Pos(s), End: f.Pos(end)})
			n++
		}
		if len(e.accs) > 0 {
			list = append(list, e)
		}
		if more != 0 {
			break
		}
	}
	if more == 0 {
		more = identity.More
	}
	var out []assign.Account
	for i, e := range list {
		if identity.Kind == Array && len(list) >= 2 && len(e.accs) == 1 {
			s, end := list[i].start, list[i].end
			if i+1 < len(list) {
				end = list[i+1].start
			} else {
				s = list[i-1].end
			}
			if gap := f.Text[s:end]; !bytes.Contains(gap, []byte("//")) && !bytes.Contains(gap, []byte("/*")) {
				e.accs[0].Remove = []analysis.TextEdit{{Pos: f.Pos(s), End: f.Pos(end)}}
			}
		}
		out = append(out, e.accs...)
	}
	return out, more
}

// split returns the spans of the trimmed, non-empty comma-separated pieces of t, the first limit of
// them.
func split(t value.Text, limit int) [][2]int {
	var out [][2]int
	for i := 0; i <= t.Len() && len(out) < limit; {
		j := strings.IndexByte(t.S[i:], ',')
		if j < 0 {
			j = t.Len() - i
		}
		a, b := i, i+j
		for a < b && (t.S[a] == ' ' || t.S[a] == '\t') {
			a++
		}
		for b > a && (t.S[b-1] == ' ' || t.S[b-1] == '\t') {
			b--
		}
		if a < b {
			out = append(out, [2]int{a, b})
		}
		i += j + 1
	}
	return out
}
