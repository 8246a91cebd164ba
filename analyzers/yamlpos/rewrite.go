package yamlpos

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// rewriteJSONEscapes rewrites the escapes JSON has and YAML lacks: `\/` becomes `/`, a UTF-16
// surrogate pair the character it encodes, and a lone surrogate U+FFFD. It returns text itself and a
// nil map when there is nothing to rewrite; otherwise the new text and, for each of its offsets (and
// its end), the offset in text it came from.
func rewriteJSONEscapes(text []byte) ([]byte, []int) {
	if !bytes.Contains(text, []byte(`\/`)) && !bytes.Contains(text, []byte(`\u`)) && !bytes.Contains(text, []byte(`\U`)) {
		return text, nil
	}
	src := make([]byte, 0, len(text))
	orig := make([]int, 0, len(text)+1)
	emit := func(b []byte, from int) {
		for _, c := range b {
			src = append(src, c)
			orig = append(orig, from)
		}
	}
	changed := false
	for i := 0; i < len(text); {
		if text[i] != '\\' || i+1 >= len(text) {
			emit(text[i:i+1], i)
			i++
			continue
		}
		switch r, n := jsonEscape(text, i); {
		case n > 0:
			emit(utf8.AppendRune(nil, r), i)
			i += n
			changed = true
		default: // an escape YAML reads the same way: copy it whole, so `\\/` stays two escapes
			emit(text[i:i+1], i)
			emit(text[i+1:i+2], i+1)
			i += 2
		}
	}
	if !changed {
		return text, nil
	}
	return src, append(orig, len(text))
}

// jsonEscape decodes the escape at text[i:] when YAML cannot read it: `\/` or a \u escape of a
// surrogate (with its pair when one follows). n is 0 for any other escape.
func jsonEscape(text []byte, i int) (r rune, n int) {
	if text[i+1] == '/' {
		return '/', 2
	}
	hi, ok := hex4(text, i)
	if !ok || hi < 0xD800 || hi > 0xDFFF {
		return 0, 0
	}
	if lo, ok := hex4(text, i+6); ok && hi < 0xDC00 && lo >= 0xDC00 && lo <= 0xDFFF {
		return 0x10000 + (hi-0xD800)<<10 + (lo - 0xDC00), 12
	}
	return utf8.RuneError, 6
}

// hex4 reads a `\uXXXX` escape at text[i:].
func hex4(text []byte, i int) (rune, bool) {
	if i+6 > len(text) || text[i] != '\\' || (text[i+1] != 'u' && text[i+1] != 'U') {
		return 0, false
	}
	v, err := strconv.ParseUint(string(text[i+2:i+6]), 16, 16)
	return rune(v), err == nil
}
