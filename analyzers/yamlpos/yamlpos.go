// Package yamlpos parses YAML and JSON into yaml.Node trees and maps every node, and every byte of a
// scalar's value, back to the source text, so that extractors of YAML-based formats report where
// things are written.
package yamlpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/source"
)

// File is a parsed YAML stream. It is not safe for concurrent use: it indexes lines as nodes ask.
type File struct {
	Text []byte       // the source text; every offset this package returns is an offset in Text
	Docs []*yaml.Node // the document nodes, in order

	src   []byte         // the text the parser read: Text, possibly rewritten (see ParseJSON, ParseJinja)
	orig  []int          // orig[i] is the offset in Text of src[i] (len(src)+1 entries); nil when src is Text
	lines []int          // the offset in src of each line, counted as the YAML parser counts lines
	wide  map[int][]wide // per line, its characters of more than one byte, once a node asks
	jinja [][2]int       // Jinja expressions masked before parsing, as spans of Text (== src)

	cuts        map[*yaml.Node]Cut // the long flow sequences parsed in part
	ix          Index              // the mappings looked in
	sf          *source.File       // the file whose budget reading through aliases is charged to
	costs       map[*yaml.Node]int // Cost, once computed
	cutReported bool               // a merge cut short is reported
}

// Error is a syntax error in a YAML stream, and the lines left out to read the rest of it.
type Error struct {
	Offset  int    // the start of the line the parser names, in Text
	Message string // the parser's message, without the line
	// From and To are the first and last lines (counted from 1) left out so that the parser could go
	// on; To is the last line of the stream when it could not.
	From, To int
	Rest     bool // nothing after From is read

	srcOff int // Offset in src
}

func (e *Error) Error() string { return e.Message }

// Report records errs on f, naming the language as what ("YAML", "JSON", ...), when f mentions user
// rights: other files of the same language, such as Helm templates, are skipped quietly.
func Report(f *source.File, errs []*Error, what string) {
	if len(errs) == 0 || !MentionsRights(f.Text) {
		return
	}
	for _, e := range errs {
		e.report(f, what)
	}
}

func (e *Error) report(f *source.File, what string) {
	var skipped string
	switch {
	case e.Rest:
		skipped = "the rest of the file is not analyzed"
	case e.From == e.To:
		skipped = fmt.Sprintf("line %d is not analyzed", e.From)
	default:
		skipped = fmt.Sprintf("lines %d-%d are not analyzed", e.From, e.To)
	}
	f.Problemf(e.Offset, "not valid %s, so %s: %s", what, skipped, e.Message)
}

// Parse reads every document of a YAML stream. On a syntax error it leaves out the lines of the bad
// part (see Recover) and reads on; the errors are returned in order.
func Parse(text []byte) (*File, []*Error) {
	return parseRecover(&File{Text: text, src: text})
}

// ParseJSON reads JSON text as YAML. The two escapes JSON has and YAML lacks are rewritten before
// parsing: `\/` and UTF-16 surrogate escapes (a pair becomes the character it encodes, a lone
// surrogate U+FFFD). Offsets still refer to text.
func ParseJSON(text []byte) (*File, []*Error) {
	src, orig := rewriteJSONEscapes(text)
	return parseRecover(&File{Text: text, src: src, orig: orig})
}

// ParseJinja reads a YAML template with Jinja markup, such as a Salt state: statements ({% %}) and
// comments ({# #}) are blanked out and expressions ({{ }}) masked before parsing, keeping every
// offset. A scalar holding an expression has the expression's text in its value, marked as known only
// at run time (see File.Scalar).
func ParseJinja(text []byte) (*File, []*Error) {
	src, exprs := maskJinja(text)
	return parseRecover(&File{Text: text, src: src, jinja: exprs})
}

// errLine finds the line a parser error names, and the prefixes to drop from its message: the error
// is reported at that line, so the message need not repeat it.
var errLine = regexp.MustCompile(`^(?:yaml: )?(?:line (\d+): )?`)

// parserProblems are the errors of the YAML parser proper, as opposed to its scanner. go-yaml names
// the line of a parser error counting from 0 (and names none for the first line), the line of a
// scanner error counting from 1.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'": true, "did not find expected ',' or '}'": true,
	"did not find expected '-' indicator": true, "did not find expected key": true,
	"did not find expected node content": true, "found undefined tag handle": true,
	"did not find expected <stream-start>": true, "found duplicate %TAG directive": true,
}

// errorAt returns where in src a parser error is and its message without the line.
func (f *File) errorAt(err error) (int, string) {
	msg := err.Error()
	m := errLine.FindStringSubmatch(msg)
	msg = msg[len(m[0]):]
	line := 1
	if n, cerr := strconv.Atoi(m[1]); cerr == nil {
		line = n
		if parserProblems[msg] {
			line++
		}
	}
	return f.lines[min(max(line, 1), len(f.lines))-1], msg
}

// parse parses f.src, the tails of its long flow sequences cut (see CutOf) when the parser agrees
// with the cut.
func parse(f *File) (*File, *Error) {
	if cuts := scanCuts(f.src); len(cuts) > 0 {
		g := &File{Text: f.Text, src: applyCuts(f.src, cuts), orig: f.orig, jinja: f.jinja}
		if _, perr := parseAll(g); perr == nil && g.keepCuts(cuts) {
			return g, nil
		}
	}
	return parseAll(f)
}

// parseAll parses every document of f.src: with fastParse when it reads the text, else with the
// YAML parser.
func parseAll(f *File) (_ *File, perr *Error) {
	f.lines = yamlLines(f.src)
	if docs, ok := fastParse(f.src); ok {
		f.Docs = docs
		return f, nil
	}
	defer func() {
		if r := recover(); r != nil { // the parser must never take the analysis down with it
			perr = &Error{Message: fmt.Sprintf("the YAML parser failed: %v", r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(f.src))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		if err != nil {
			off, msg := f.errorAt(err)
			return f, &Error{Offset: f.toText(off), Message: msg, srcOff: off}
		}
		f.Docs = append(f.Docs, &doc)
	}
}

// yamlLines returns the offset of each line of text. The YAML parser ends lines at CRLF, CR, LF, NEL
// (U+0085), LS (U+2028) and PS (U+2029).
func yamlLines(text []byte) []int {
	lines := []int{0}
	for i := 0; i < len(text); {
		if c := text[i]; c != '\n' && c != '\r' && c < 0xC2 { // no line break starts with it
			i++
			continue
		}
		if n := breakLen(text, i); n > 0 {
			i += n
			lines = append(lines, i)
			continue
		}
		i++
	}
	return lines
}

// breakLen returns the length of the line break at text[i:], or 0.
func breakLen(text []byte, i int) int {
	switch {
	case i >= len(text):
		return 0
	case text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n':
		return 2
	case text[i] == '\r' || text[i] == '\n':
		return 1
	case text[i] == 0xC2 && i+1 < len(text) && text[i+1] == 0x85:
		return 2
	case text[i] == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0xA8 || text[i+2] == 0xA9):
		return 3
	}
	return 0
}

// Offset returns the offset in Text where n starts: its first byte, or the first byte of its anchor
// or tag when it has one.
func (f *File) Offset(n *yaml.Node) int {
	return f.toText(f.srcOffset(n))
}

// srcOffset is Offset in src. The parser counts columns in characters.
func (f *File) srcOffset(n *yaml.Node) int {
	if n == nil || n.Line < 1 {
		return 0
	}
	if n.Line > len(f.lines) {
		return len(f.src)
	}
	return f.column(n.Line-1, n.Column-1)
}

// wide is a character of more than one byte: its column and offset.
type wide struct{ col, off, size int }

// column returns the offset in src of character col of line (both counted from 0), or the end of
// the line. Characters of one byte need no index: only the wider ones of each line are recorded.
func (f *File) column(line, col int) int {
	start, end := f.lines[line], len(f.src)
	if line+1 < len(f.lines) {
		end = f.lines[line+1]
	}
	list, ok := f.wide[line]
	if !ok {
		for off, c := start, 0; off < end; c++ {
			_, size := utf8.DecodeRune(f.src[off:])
			if size > 1 {
				list = append(list, wide{c, off, size})
			}
			off += size
		}
		if f.wide == nil {
			f.wide = map[int][]wide{}
		}
		f.wide[line] = list
	}
	col = max(col, 0)
	off := start + col
	if i := sort.Search(len(list), func(i int) bool { return list[i].col >= col }); i > 0 {
		w := list[i-1]
		off = w.off + w.size + (col - w.col - 1)
	}
	return min(off, end)
}

// toText maps an offset in src to Text.
func (f *File) toText(off int) int {
	off = min(max(off, 0), len(f.src))
	if f.orig == nil {
		return off
	}
	return f.orig[off]
}
