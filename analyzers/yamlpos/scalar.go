package yamlpos

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/privlint/privlint/analyzers/value"

	"go.yaml.in/yaml/v3"
)

// Scalar is a scalar node's value, every byte mapped to the span of Text it was written with.
type Scalar struct {
	Text value.Text
	// Start and End span the scalar as written, its quotes included and its anchor and tag excluded.
	// For a block scalar Start is its indicator (| or >).
	Start, End int
}

// Scalar returns the value of the scalar node n. The parser keeps only where a node starts; the value
// is aligned with the text from there on, the way YAML writes it: quotes, escapes, doubled single
// quotes, folded line breaks, indentation. Should the two ever disagree, the rest of the value maps
// to the last place they agreed. A masked Jinja expression (ParseJinja) comes back as written, marked
// as known only at run time.
func (f *File) Scalar(n *yaml.Node) Scalar {
	src := f.src
	j := skipProperties(src, f.srcOffset(n))
	start := j
	style := n.Style &^ (yaml.TaggedStyle | yaml.FlowStyle)
	quote := byte(0)
	switch style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		if j < len(src) && (src[j] == '"' || src[j] == '\'') {
			quote = src[j]
			j++
		}
	case yaml.LiteralStyle, yaml.FoldedStyle:
		for j < len(src) && breakLen(src, j) == 0 { // the header: indicator, then maybe a comment
			j++
		}
		j += breakLen(src, j)
	}
	var b value.Builder
	refused := Refused(n)
	emit := func(c byte, lo, hi int) { b.Byte(c, f.toText(lo), f.toText(hi), refused) }
	val := n.Value
	i := 0
	for i < len(val) && j < len(src) {
		if quote == '"' && src[j] == '\\' {
			dec, size := escape(src, j)
			if size > 0 && dec == "" { // an escaped line break: nothing in the value
				j += size
				continue
			}
			if size == 0 || !strings.HasPrefix(val[i:], dec) {
				break
			}
			for k := 0; k < len(dec); k++ {
				emit(dec[k], j, j+size)
			}
			i, j = i+len(dec), j+size
			continue
		}
		if quote == '\'' && src[j] == '\'' && val[i] == '\'' && j+1 < len(src) && src[j+1] == '\'' {
			emit('\'', j, j+2)
			i, j = i+1, j+2
			continue
		}
		if src[j] == val[i] {
			emit(val[i], j, j+1)
			i, j = i+1, j+1
			continue
		}
		if l := breakLen(src, j); l > 0 && (val[i] == '\n' || val[i] == ' ') { // a folded line break
			emit(val[i], j, j+l)
			i, j = i+1, j+l
			continue
		}
		if l := breakLen(src, j); l > 0 || src[j] == ' ' || src[j] == '\t' { // indentation, trailing blanks
			j += max(l, 1)
			continue
		}
		break
	}
	for ; i < len(val); i++ { // the parser and the alignment disagree: keep the value, lose its place
		emit(val[i], j, j)
	}
	end := j
	if quote != 0 && end < len(src) && src[end] == quote {
		end++
	}
	s := Scalar{Text: b.Done(f.toText(j)), Start: f.toText(start), End: f.toText(end)}
	if len(f.jinja) > 0 {
		s.Text = f.unmask(s.Text)
	}
	return s
}

// skipProperties skips a node's anchor (&a) and tag (!t), and the blanks after them. A property
// ends at a blank or a flow indicator.
func skipProperties(src []byte, j int) int {
	for j < len(src) && (src[j] == '&' || src[j] == '!') {
		for j < len(src) && !strings.ContainsRune(" \t,[]{}", rune(src[j])) && breakLen(src, j) == 0 {
			j++
		}
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || breakLen(src, j) > 0) {
			j += max(breakLen(src, j), 1)
		}
	}
	return j
}

// simpleEscapes are the one-letter escapes of double-quoted YAML scalars, with their values.
var simpleEscapes = map[byte]string{
	'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f",
	'r': "\r", 'e': "\x1b", ' ': " ", '"': "\"", '/': "/", '\\': "\\",
	'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
}

// escape decodes the double-quoted escape at src[j:] and returns its value and length; an escaped
// line break has an empty value. size is 0 when the escape is not one YAML knows.
func escape(src []byte, j int) (string, int) {
	if j+1 >= len(src) {
		return "", 0
	}
	if l := breakLen(src, j+1); l > 0 {
		return "", 1 + l
	}
	if v, ok := simpleEscapes[src[j+1]]; ok {
		return v, 2
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[src[j+1]]
	if digits == 0 || j+2+digits > len(src) {
		return "", 0
	}
	v, err := strconv.ParseUint(string(src[j+2:j+2+digits]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return "", 0
	}
	return string(rune(v)), 2 + digits
}

// unmask puts the Jinja expressions ParseJinja masked back into a value, as written and unresolved.
func (f *File) unmask(t value.Text) value.Text {
	var b value.Builder
	for i := 0; i < t.Len(); {
		off := t.Offset(i)
		e := f.exprAt(off)
		if e < 0 {
			b.Copy(t, i)
			i++
			continue
		}
		s, end := f.jinja[e][0], f.jinja[e][1]
		for k := s; k < end; k++ {
			b.Byte(f.Text[k], k, k+1, true)
		}
		for i < t.Len() && f.exprAt(t.Offset(i)) == e {
			i++
		}
	}
	return b.Done(t.Offset(t.Len()))
}

// exprAt returns the index of the masked expression holding offset off, or -1.
func (f *File) exprAt(off int) int {
	i := sort.Search(len(f.jinja), func(i int) bool { return f.jinja[i][1] > off })
	if i < len(f.jinja) && off >= f.jinja[i][0] {
		return i
	}
	return -1
}
