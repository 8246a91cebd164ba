package gpreport

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"iter"
	"strings"

	"github.com/privlint/privlint/analyzers/source"
)

// maxListed bounds the syntax errors of one file recorded one by one; the rest are counted in one
// problem. Reading resumes after every one of them.
const maxListed = 16

// Token is an XML token and the span of f.Text it was read from.
type Token struct {
	xml.Token
	Start, End int
	// Resumed is set on the first token read after a syntax error, at the next element named by
	// Tokens' resume: what the caller was reading when the error came is lost.
	Resumed bool
}

// Tokens reads f.Text as XML, what naming the kind of file in messages ("GPO report"). A syntax
// error is recorded on f, and reading resumes at the next start tag of an element whose local name
// is resume, so that one bad element never hides the ones after it. Errors that only come from
// resuming, such as the end tag of an element opened before the point resumed at, are not
// recorded. Every byte is read once: each decoder starts where the previous one failed, or after.
func Tokens(f *source.File, what, resume string) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		base, resumed := 0, false
		listed, unlisted, last := 0, 0, 0 // errors recorded one by one, the others and where the last was
		defer func() {
			if unlisted > 0 {
				f.Problemf(last, "%s has %d more XML errors after the first %d, not listed; reading resumed after each at the next <%s> element", what, unlisted, maxListed, resume)
			}
		}()
		for {
			d := NewDecoder(f.Text[base:])
			depth, first := 0, resumed
			for {
				start := base + int(d.InputOffset())
				tok, err := d.Token()
				end := base + int(d.InputOffset())
				if errors.Is(err, io.EOF) {
					return
				}
				if err != nil {
					next := nextStart(f.Text, max(end, base+1), resume)
					quiet := resumed && depth <= 0 && strings.HasPrefix(Describe(err), "unexpected end element")
					switch {
					case quiet:
					case listed == maxListed:
						unlisted, last = unlisted+1, end
					case next < 0:
						f.Problemf(end, "%s is not well-formed XML (%s); the rest of it is not read", what, Describe(err))
					default:
						f.Problemf(end, "%s is not well-formed XML (%s); reading resumes at the next <%s> element", what, Describe(err), resume)
					}
					if !quiet && listed < maxListed {
						listed++
					}
					if next < 0 {
						return
					}
					base, resumed = next, true
					break
				}
				switch tok.(type) {
				case xml.StartElement:
					depth++
				case xml.EndElement:
					depth--
				}
				if !yield(Token{Token: tok, Start: start, End: end, Resumed: first}) {
					return
				}
				first = false
			}
		}
	}
}

// nextStart returns the offset of the next start tag at or after from whose local name is name,
// whatever its prefix, or -1.
func nextStart(text []byte, from int, name string) int {
	for i := from; i < len(text); {
		k := bytes.Index(text[i:], []byte(name))
		if k < 0 {
			return -1
		}
		at, after := i+k, i+k+len(name)
		i = after
		if after < len(text) && !strings.ContainsRune(" \t\r\n/>", rune(text[after])) {
			continue // a longer name
		}
		lt := at - 1
		if lt >= from && text[lt] == ':' { // a prefix
			for lt--; lt >= from && isNameByte(text[lt]); lt-- {
			}
		}
		if lt >= from && text[lt] == '<' {
			return lt
		}
	}
	return -1
}

// isNameByte reports whether c may be part of an XML name (ASCII letters, digits, '.', '-', '_').
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_'
}
