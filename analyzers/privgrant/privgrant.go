// Package privgrant is privlint's checker: it reads the assignments every extractor found and reports
// each account given a right the scan checks (source.File.Rights) outside the right's safe set,
// along with misspelled rights, malformed accounts, replacing assignments that drop required accounts
// and duplicate assignments.
package privgrant

import (
	"fmt"
	"go/token"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/langs"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/rules"
)

// Extractors are the analyzers whose assignments the checker reads, one per input language
// (package langs).
var Extractors = langs.Analyzers

// Finding is one diagnostic with the facts that outputs show beside it.
type Finding struct {
	analysis.Diagnostic
	Rule      *rules.Rule
	Privilege string      // the right's constant name
	Account   string      // the account as written, after quote removal and resolution
	SID       string      // the account's SID, when known
	Class     string      // rules.Verdict.String(), when the finding is about an account
	Operation string      // grant or set
	Level     rules.Level // the finding's level when not its rule's: a right the configuration defines sets it
	// Elsewhere are related locations in other files, after the diagnostic's own Related: the call
	// in another script that passed the account.
	Elsewhere []Elsewhere
}

// Elsewhere is a related location in another file.
type Elsewhere struct {
	Path             string
	Line, Col, Col16 int
	Message          string
}

// MaxFindings is the most findings the checker keeps and reports for one file. The rest are only
// counted (Result.Omitted), so that a file of a few megabytes listing a million accounts costs what
// its count costs and not a million findings with their messages and fixes.
const MaxFindings = 10_000

// Result lists the checker's findings in the order it found them. It is the checker's one channel:
// the checker reports nothing through the pass, so a driver reads the findings, with the facts
// outputs show beside each, here only.
type Result struct {
	Findings []Finding
	Omitted  int // findings past MaxFindings, counted but not kept
}

// Diagnostics returns the findings as plain diagnostics, in order.
func (r *Result) Diagnostics() []analysis.Diagnostic {
	out := make([]analysis.Diagnostic, len(r.Findings))
	for i := range r.Findings {
		out[i] = r.Findings[i].Diagnostic
	}
	return out
}

// Analyzer checks assignments under the default policy: no component exceptions enabled.
var Analyzer = New(rules.Policy{})

// New returns a checker that applies policy.
func New(policy rules.Policy) *analysis.Analyzer {
	c := &checker{policy: policy}
	return &analysis.Analyzer{
		Name: "privgrant",
		Doc: "privgrant reports the checked user rights (" + rules.Token.ConstantsText("and") +
			" unless the scan enables more) given to accounts outside their documented safe sets.",
		URL:        "https://github.com/privlint/privlint/blob/main/docs/rules.md",
		Requires:   append([]*analysis.Analyzer{source.Analyzer}, Extractors...),
		Run:        c.run,
		ResultType: reflect.TypeOf((*Result)(nil)),
	}
}

type checker struct {
	policy rules.Policy
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	res := &Result{}
	f, _ := pass.ResultOf[source.Analyzer].(*source.File)
	// full counts a finding that MaxFindings leaves out; it is called before the finding is built.
	full := func() bool {
		if len(res.Findings) < MaxFindings {
			return false
		}
		res.Omitted++
		return true
	}
	// seen holds the findings reported so far. An assignment in a loop whose body does not depend on
	// the loop variable comes once per iteration from the extractors, with the same findings: each is
	// reported once, the first time, so the output keeps the order of the first occurrences. (Past
	// MaxFindings, repeats are counted in Omitted like any other finding.)
	seen := map[findingKey]bool{}
	report := func(f Finding) {
		k := findingKey{f.Rule.ID, f.Pos, f.End, f.Account, f.Message}
		if seen[k] {
			return
		}
		seen[k] = true
		f.Category = f.Rule.ID
		res.Findings = append(res.Findings, f)
	}
	type key struct {
		scope string
		right rules.Right
	}
	// earlier holds, per scope and right, the set assignments met so far with distinct arms (see
	// maxArmed): an assignment duplicates the first of them that can run with it.
	earlier := map[key][]assign.Assignment{}
	for _, ex := range Extractors {
		for _, a := range pass.ResultOf[ex].(*assign.Result).Assignments {
			right, ok := f.Rights().Lookup(a.Right)
			if !ok {
				if r, near := f.Rights().Misspelled(a.Right); near && !full() {
					report(Finding{
						Diagnostic: analysis.Diagnostic{Pos: a.Pos, End: a.End, Message: fmt.Sprintf(
							"%q is not a right Windows knows, so this assignment does nothing: did you mean %s?", a.Right, r)},
						Rule: rules.MustLookup(rules.MisspelledPrivilege), Privilege: r.String(), Operation: a.Op.String(),
					})
				}
				continue
			}
			if a.Scope != "" && a.Op == assign.Set {
				k := key{a.Scope, right}
				prev, dup := duplicates(earlier[k], a)
				if !dup && len(earlier[k]) < maxArmed && (len(earlier[k]) == 0 || len(a.Arms) > 0) {
					earlier[k] = append(earlier[k], a)
				}
				if dup && !full() {
					line := pass.Fset.Position(prev.Pos).Line
					report(Finding{
						Diagnostic: analysis.Diagnostic{Pos: a.Pos, End: a.End,
							Message: fmt.Sprintf("%s is assigned again (first on line %d); only one of the assignments takes effect", right, line),
							Related: []analysis.RelatedInformation{{Pos: prev.Pos, End: prev.End, Message: "first assignment"}}},
						Rule: rules.MustLookup(rules.DuplicateAssignment), Privilege: right.String(), Operation: a.Op.String(),
					})
				}
			}
			if a.Op == assign.Revoke {
				continue
			}
			reported := false
			present := map[string]bool{}
			for _, acc := range c.bound(f, a.Accounts) {
				v := c.classify(right, acc)
				present[v.Identity.SID] = true
				if !needsFinding(v) {
					continue
				}
				reported = true
				if !full() {
					report(c.accountFinding(right, a, acc, v))
				}
			}
			if a.Op == assign.Set && !reported && !a.Truncated {
				var missing []string
				for _, sid := range right.Required() {
					if !present[sid] {
						missing = append(missing, rules.Identify(sid).Name)
					}
				}
				if len(missing) > 0 && !full() {
					report(Finding{
						Diagnostic: analysis.Diagnostic{Pos: a.Pos, End: a.End, Message: fmt.Sprintf(
							"%s is set without %s, which Windows services need", right, strings.Join(missing, ", "))},
						Rule: rules.MustLookup(rules.SetDropsRequiredAccount), Privilege: right.String(), Operation: a.Op.String(),
					})
				}
			}
		}
	}
	return res, nil
}

// bound returns the accounts with each one that is the script's positional argument replaced by
// the arguments that calls in other files bind to it (source.File.Bindings), each carrying its call
// as a step of its Flow. An argument no call binds stays as it is: unresolved.
func (c *checker) bound(f *source.File, accs []assign.Account) []assign.Account {
	if f == nil || len(f.Bindings) == 0 {
		return accs
	}
	var out []assign.Account
	for _, acc := range accs {
		n := 0
		if p := acc.Param; p != nil {
			for _, b := range f.Bindings {
				if b.Name != "" && !strings.EqualFold(b.Name, p.Name) || b.Name == "" && (b.Index == 0 || b.Index != p.Index) {
					continue
				}
				n++
				x := acc
				x.Text = acc.Text[:p.Span.Start] + b.Text + acc.Text[p.Span.End:]
				x.Unresolved, x.Runtime, x.Param, x.Origin, x.Remove = false, nil, nil, "", nil
				if !b.Known { // the caller's own run-time value, as it writes it
					x.Unresolved = true
					x.Runtime = []value.Span{{Start: p.Span.Start, End: p.Span.Start + len(b.Text)}}
				}
				x.Flow = append([]assign.Step{{Path: b.Path, Line: b.Line, Col: b.Col, Col16: b.Col16, What: b.What}}, acc.Flow...)
				out = append(out, x)
			}
		}
		if n == 0 {
			out = append(out, acc)
		}
	}
	return out
}

// findingKey identifies a finding: two findings with the same key say the same thing about the
// same text and are reported once.
type findingKey struct {
	rule     string
	pos, end token.Pos
	account  string
	message  string
}

// maxArmed bounds the earlier assignments of one right kept to find duplicates among conditional
// branches: past it, a new assignment is compared with those kept only.
const maxArmed = 64

// duplicates returns the first of the earlier assignments that can take effect together with a
// (not in another branch of a conditional that holds both), if any. An earlier assignment at a's
// own position is the same statement run again by a loop, not a second assignment in the file.
func duplicates(earlier []assign.Assignment, a assign.Assignment) (assign.Assignment, bool) {
	for _, prev := range earlier {
		if prev.Pos == a.Pos && prev.End == a.End {
			continue
		}
		if !assign.Exclusive(prev.Arms, a.Arms) {
			return prev, true
		}
	}
	return assign.Assignment{}, false
}

// classify decides how acc stands for right: by its written part when only part of it is known at
// run time.
func (c *checker) classify(right rules.Right, acc assign.Account) rules.Verdict {
	if acc.Unresolved && len(acc.Runtime) > 0 {
		return c.policy.ClassifyPartly(right, acc.Text, func(a, b int) bool {
			for _, s := range acc.Runtime {
				if s.Start < b && a < s.End {
					return true
				}
			}
			return false
		})
	}
	return c.policy.Classify(right, acc.Text, acc.Unresolved)
}

// needsFinding reports whether an account with verdict v is reported.
func needsFinding(v rules.Verdict) bool {
	switch v.Class {
	case rules.ClassSafe, rules.ClassSystem:
		return false
	case rules.ClassException:
		return !v.Enabled
	}
	return true
}

// accountFinding returns the finding for one account of an assignment, which needsFinding says
// needs one.
func (c *checker) accountFinding(right rules.Right, a assign.Assignment, acc assign.Account, v rules.Verdict) Finding {
	f := Finding{
		Diagnostic: analysis.Diagnostic{Pos: acc.Pos, End: acc.End},
		Privilege:  right.String(), Account: acc.Text, SID: v.Identity.SID, Class: v.String(), Operation: a.Op.String(),
	}
	who := describe(acc.Text, v.Identity)
	if acc.Origin != "" {
		who += " (" + acc.Origin + ")"
	}
	var id string
	switch v.Class {
	case rules.ClassException:
		id = rules.DocumentedException
		f.Message = fmt.Sprintf("%s is given to %s, covered by the documented %s exception, which is not enabled (--exceptions %s)",
			right, who, v.Component, v.Component)
	case rules.ClassBroad:
		if !right.Builtin() { // a right the configuration defines may not lead to SYSTEM
			id = right.OutsideRule()
			f.Message = fmt.Sprintf("%s is given to %s, a broad group outside the safe set (%s)", right, who, rules.SafeSetNames(right))
			f.Level = right.Level()
			break
		}
		id = rules.BroadGroup
		f.Message = fmt.Sprintf("%s is given to %s, a broad group: any member can become SYSTEM", right, who)
	case rules.ClassUnresolved:
		id = rules.UnresolvedAccount
		f.Message = fmt.Sprintf("%s is given to %s, which privlint cannot resolve; the safe set is %s",
			right, who, rules.SafeSetNames(right))
	case rules.ClassMalformed:
		id = rules.MalformedAccount
		f.Message = fmt.Sprintf("%s lists %q, which is not an account: %s", right, acc.Text, v.Identity.Malformed)
	default:
		id = right.OutsideRule()
		f.Message = fmt.Sprintf("%s is given to %s, outside the safe set (%s)", right, who, rules.SafeSetNames(right))
		f.Level = right.Level()
	}
	f.Rule = rules.MustLookup(id)
	for _, st := range acc.Flow {
		if st.Path != "" {
			f.Elsewhere = append(f.Elsewhere, Elsewhere{Path: st.Path, Line: st.Line, Col: st.Col, Col16: st.Col16, Message: "via " + st.What})
			continue
		}
		f.Related = append(f.Related, analysis.RelatedInformation{Pos: st.Pos, End: st.End, Message: "via " + st.What})
	}
	if id != rules.UnresolvedAccount && len(acc.Remove) > 0 {
		f.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   fmt.Sprintf("Remove %s from %s", acc.Text, right),
			TextEdits: slices.Clone(acc.Remove),
		}}
	}
	return f
}

// describe names an account for a message: as written, with its canonical name and SID when they
// add something.
func describe(text string, id rules.Identity) string {
	var extra []string
	if id.Name != "" && !strings.EqualFold(id.Name, text) {
		extra = append(extra, id.Name)
	}
	if id.SID != "" && !strings.Contains(strings.ToUpper(text), id.SID) {
		extra = append(extra, id.SID)
	}
	if len(extra) == 0 {
		return text
	}
	return fmt.Sprintf("%s (%s)", text, strings.Join(extra, ", "))
}
