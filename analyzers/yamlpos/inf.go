package yamlpos

import (
	"go/token"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/inf"
	"github.com/privlint/privlint/analyzers/source"
)

// INF analyzes t, security template text written in f (a file's content in a YAML value), with
// package inf. An account holding a byte known only at run time is unresolved; an account holding a
// byte of a span in substituted (a variable's value put in place of its reference) or of an
// unresolved byte has no removal edit, since its text is not what the source says.
func INF(f *source.File, t value.Text, substituted [][2]int) []assign.Assignment {
	if t.Len() == 0 {
		return nil
	}
	out := inf.Extract(f.EmbedText(t, source.LangINF), 0, t.Len())
	var unres, synth [][2]token.Pos
	for i := 0; i < t.Len(); i++ {
		if t.Unresolved(i, i+1) {
			lo, hi := t.Span(i, i+1)
			unres = append(unres, [2]token.Pos{f.Pos(lo), f.Pos(hi)})
		}
	}
	for _, s := range substituted {
		synth = append(synth, [2]token.Pos{f.Pos(s[0]), f.Pos(s[1])})
	}
	for k := range out {
		for i := range out[k].Accounts {
			acc := &out[k].Accounts[i]
			if overlaps(unres, acc.Pos, acc.End) {
				acc.Unresolved, acc.Remove = true, nil
			}
			if overlaps(synth, acc.Pos, acc.End) {
				acc.Remove = nil
			}
		}
	}
	return out
}

// overlaps reports whether [pos, end) meets any of spans; an empty range counts as the point pos.
func overlaps(spans [][2]token.Pos, pos, end token.Pos) bool {
	for _, s := range spans {
		if pos < s[1] && (end > s[0] || (pos == end && pos >= s[0])) {
			return true
		}
	}
	return false
}

// INFLine analyzes the template line `key = value` of a [Privilege Rights] section, the key and the
// value written apart in f (the key and value of a security-policy module). See INF.
func INFLine(f *source.File, key, val value.Text, substituted [][2]int) []assign.Assignment {
	var b value.Builder
	kpos, vpos := key.Offset(0), val.Offset(0)
	for _, c := range []byte("[" + inf.SectionName + "]\n") {
		b.Byte(c, kpos, kpos, false)
	}
	for i := 0; i < key.Len(); i++ {
		b.Copy(key, i)
	}
	for _, c := range []byte(" = ") {
		b.Byte(c, vpos, vpos, false)
	}
	for i := 0; i < val.Len(); i++ {
		if c := val.S[i]; c == '\n' || c == '\r' { // one line: a folded value's breaks are blanks
			lo, hi := val.Span(i, i+1)
			b.Byte(' ', lo, hi, val.Unresolved(i, i+1))
			continue
		}
		b.Copy(val, i)
	}
	return INF(f, b.Done(val.Offset(val.Len())), substituted)
}
