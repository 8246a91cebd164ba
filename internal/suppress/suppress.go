// Package suppress reads inline suppressions, written in a comment in any language privlint reads:
//
//	; privlint:ignore PL1001 -- the app pool identity needs it (SEC-1234)
//	# privlint:ignore PL1001,PL1005 -- reason
//	REM privlint:ignore impersonate-outside-safe-set -- reason
//
// A directive applies to findings of the named rules on its own line and on the line below it. The
// reason after -- is mandatory. An em dash (—) or en dash (–), which editors and word processors put
// in place of --, is read as -- too.
package suppress

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/rules"
)

// Marker starts a directive.
const Marker = "privlint:ignore"

// Directive is one inline suppression.
type Directive struct {
	Line, Col int      // of the marker, 1-based, byte column
	Rules     []string // rule IDs
	Reason    string
	Problem   string // why the directive is invalid; an invalid directive suppresses nothing
	Used      bool
}

// leaderRE matches text that puts what follows it in a comment, in some language privlint reads: a
// line-comment leader of source.Languages; a word (REM) at the start of the line or after a blank,
// & or (, and followed by a blank.
var leaderRE = regexp.MustCompile(leaders())

func leaders() string {
	var alts []string
	for _, l := range source.LineComments() {
		if source.IsWord(l) {
			alts = append(alts, `(^|[\s&(])`+regexp.QuoteMeta(l)+`\s`)
		} else {
			alts = append(alts, regexp.QuoteMeta(l))
		}
	}
	return `(?i)(` + strings.Join(alts, "|") + `)`
}

// closers are the closing marks of the block comments that a directive can be written in, trimmed
// from its reason: those whose opening mark holds a line-comment leader (<# ... #>).
var closers = func() []string {
	var out []string
	for _, b := range source.BlockComments() {
		if leaderRE.MatchString(b.Open) {
			out = append(out, b.Close)
		}
	}
	return out
}()

// Parse finds the directives in decoded text.
func Parse(text []byte) []*Directive {
	if !bytes.Contains(text, []byte(Marker)) {
		return nil
	}
	var out []*Directive
	line := 1
	for start := 0; start <= len(text); {
		end := start
		for end < len(text) && text[end] != '\n' && text[end] != '\r' {
			end++
		}
		l := text[start:end]
		if i := bytes.Index(l, []byte(Marker)); i >= 0 && leaderRE.Match(l[:i]) {
			out = append(out, parse(string(l[i+len(Marker):]), line, i+1))
		}
		if end < len(text) && text[end] == '\r' && end+1 < len(text) && text[end+1] == '\n' {
			end++
		}
		start = end + 1
		line++
	}
	return out
}

func parse(rest string, line, col int) *Directive {
	d := &Directive{Line: line, Col: col}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		d.Problem = fmt.Sprintf("%s must be followed by a rule ID", Marker)
		return d
	}
	ids, reason, hasReason := cutReason(rest)
	reason = strings.TrimSpace(reason)
	for _, c := range closers {
		reason = strings.TrimSpace(strings.TrimSuffix(reason, c))
	}
	for _, f := range strings.FieldsFunc(ids, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		r, ok := rules.Lookup(f)
		if !ok {
			d.Problem = fmt.Sprintf("%s names unknown rule %q (see privlint rules)", Marker, f)
			return d
		}
		d.Rules = append(d.Rules, r.ID)
	}
	switch {
	case len(d.Rules) == 0:
		d.Problem = fmt.Sprintf("%s names no rule: write %s PL1001 -- reason", Marker, Marker)
	case !hasReason || reason == "":
		d.Problem = fmt.Sprintf("%s %s has no reason: add -- and say why the finding is acceptable", Marker, strings.Join(d.Rules, ","))
	}
	d.Reason = reason
	return d
}

// reasonSeparators start a directive's reason: -- as documented, and the dashes that editors and
// word processors turn it into.
var reasonSeparators = []string{"--", "\u2014", "\u2013"} // --, em dash, en dash

// cutReason splits a directive's text at the first separator of its reason.
func cutReason(rest string) (ids, reason string, found bool) {
	at, n := -1, 0
	for _, sep := range reasonSeparators {
		if i := strings.Index(rest, sep); i >= 0 && (at < 0 || i < at) {
			at, n = i, len(sep)
		}
	}
	if at < 0 {
		return rest, "", false
	}
	return rest[:at], rest[at+n:], true
}

// Match returns the valid directive that suppresses a finding of rule on line, marking it used.
func Match(ds []*Directive, rule string, line int) (*Directive, bool) {
	for _, d := range ds {
		if d.Problem == "" && (d.Line == line || d.Line == line-1) {
			for _, r := range d.Rules {
				if r == rule {
					d.Used = true
					return d, true
				}
			}
		}
	}
	return nil, false
}
