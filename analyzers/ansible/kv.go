package ansible

import (
	"github.com/privlint/privlint/analyzers/value"
)

// parseKV reads Ansible's short form of module arguments, `key=value key="a value"`: blanks
// separate arguments outside quotes, a value in single or double quotes loses them (a backslash
// escapes the quote inside), and words that are not key=value are left out. Each value keeps its
// place in the source.
func parseKV(t value.Text) map[string]value.Text {
	out := map[string]value.Text{}
	s := t.S
	for i := 0; i < len(s); {
		for i < len(s) && isBlank(s[i]) {
			i++
		}
		start := i
		for i < len(s) && isKeyChar(s[i]) {
			i++
		}
		if i == start || i >= len(s) || s[i] != '=' {
			for i < len(s) && !isBlank(s[i]) { // a free word, quotes and all
				i = skipQuoted(s, i)
			}
			continue
		}
		key := s[start:i]
		i++
		var b value.Builder
		for i < len(s) && !isBlank(s[i]) {
			q := s[i]
			if q != '"' && q != '\'' {
				b.Copy(t, i)
				i++
				continue
			}
			i++
			for i < len(s) && s[i] != q {
				if s[i] == '\\' && i+1 < len(s) && s[i+1] == q {
					i++
				}
				b.Copy(t, i)
				i++
			}
			i++ // the closing quote
		}
		out[key] = b.Done(t.Offset(i))
	}
	return out
}

// skipQuoted returns the index after the character at s[i], or after the quoted string starting there.
func skipQuoted(s string, i int) int {
	q := s[i]
	if q != '"' && q != '\'' {
		return i + 1
	}
	for i++; i < len(s) && s[i] != q; i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
	}
	return min(i+1, len(s))
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isKeyChar(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
