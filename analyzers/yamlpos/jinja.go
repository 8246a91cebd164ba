package yamlpos

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/rules"
)

// Expressions returns the spans of the Jinja expressions ({{ ... }}) in s, braces included. An
// expression without its closing braces ends the search.
func Expressions(s string) [][2]int {
	var out [][2]int
	for i := 0; ; {
		open := strings.Index(s[i:], "{{")
		if open < 0 {
			return out
		}
		open += i
		end := strings.Index(s[open+2:], "}}")
		if end < 0 {
			return out
		}
		end += open + 4
		out = append(out, [2]int{open, end})
		i = end
	}
}

// exprMask replaces the bytes of a masked Jinja expression: a letter is a plain scalar anywhere in
// YAML, quoted or not.
const exprMask = 'x'

// maskJinja returns text with Jinja statements and comments blanked out and expressions masked,
// line breaks kept, and the spans of the masked expressions.
func maskJinja(text []byte) ([]byte, [][2]int) {
	if !bytes.Contains(text, []byte("{{")) && !bytes.Contains(text, []byte("{%")) && !bytes.Contains(text, []byte("{#")) {
		return text, nil
	}
	src := bytes.Clone(text)
	var exprs [][2]int
	for i := 0; i+1 < len(src); i++ {
		if src[i] != '{' {
			continue
		}
		var closer string
		var fill byte
		switch src[i+1] {
		case '{':
			closer, fill = "}}", exprMask
		case '%':
			closer, fill = "%}", ' '
		case '#':
			closer, fill = "#}", ' '
		default:
			continue
		}
		end := bytes.Index(src[i+2:], []byte(closer))
		if end < 0 {
			break
		}
		end += i + 4
		for k := i; k < end; k++ {
			if src[k] != '\n' && src[k] != '\r' {
				src[k] = fill
			}
		}
		if fill == exprMask {
			exprs = append(exprs, [2]int{i, end})
		}
		i = end - 1
	}
	return src, exprs
}

// rightsWords are words a file that assigns user rights almost always holds.
var rightsWords = regexp.MustCompile(`(?i)privilege|user_?rights?|ntrights|logonright|` + strings.Join(quoteAll(rules.All.Keywords()), "|"))

// quoteAll returns the words quoted for a regular expression.
func quoteAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = regexp.QuoteMeta(w)
	}
	return out
}

// MentionsRights reports whether text mentions user rights at all. Extractors of formats that
// privlint shares with unrelated files (YAML, JSON) report a syntax error only in files that do, so
// that a Helm template or a JSON file with comments is skipped quietly.
func MentionsRights(text []byte) bool { return rightsWords.Match(text) }

// KubernetesOnly reports whether the only keywords of the keyword prefilter (source.MayGrant) in a
// YAML or JSON text are the word privilege in Kubernetes' allowPrivilegeEscalation and privileged,
// which name no user right: such a manifest need not be parsed (YAML parses at a few MB/s; a
// repository may hold thousands of manifests). A text without any keyword is not Kubernetes-only:
// it is read when the scan has another reason to (a file that may call a script).
func KubernetesOnly(text []byte) bool {
	lower := make([]byte, len(text)) // ASCII letters lowered, every byte at its offset
	for i, c := range text {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	var masked []byte
	for at := 0; ; {
		i := bytes.Index(lower[at:], []byte("privilege"))
		if i < 0 {
			break
		}
		i += at
		s, e := i, i+len("privilege")
		switch {
		case bytes.HasPrefix(lower[e:], []byte("d")):
			e++
		case bytes.HasPrefix(lower[e:], []byte("escalation")) && i >= 5 && bytes.Equal(lower[i-5:i], []byte("allow")):
			s, e = i-5, e+len("escalation")
		default:
			at = e
			continue
		}
		if masked == nil {
			if !source.MayGrant(text) {
				return false
			}
			masked = bytes.Clone(text)
		}
		for k := s; k < e; k++ {
			masked[k] = ' '
		}
		at = e
	}
	return masked != nil && !source.MayGrant(masked)
}
