package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"go/token"
	"strconv"
	"sync/atomic"
	"unicode/utf8"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/report"
)

// lineWork counts the bytes of text examined to place and hash findings: whole-text passes, line
// digests and UTF-16 column walks. The complexity test reads it; it must grow with the text and the
// findings, never with their product.
var lineWork atomic.Int64

// LineIndex turns offsets of decoded text into positions with byte and UTF-16 columns. A position
// costs a binary search for its line and a walk of at most a few hundred bytes for its UTF-16
// column, however long the line: text that is not ASCII gets, on the first long walk, the UTF-16
// count at every markEvery bytes. A LineIndex is for one goroutine.
type LineIndex struct {
	text   []byte
	starts []int       // line start offsets, when tok is nil
	tok    *token.File // the line table, when the text's token.File has one (see source.LineStarts)
	marked bool        // marks (or ascii) are computed
	ascii  bool        // every byte is ASCII: UTF-16 columns are byte columns
	marks  []mark      // marks[k]: the first character boundary at or after k*markEvery
}

// markEvery is the spacing of LineIndex's UTF-16 marks in bytes: a column walk covers at most about
// twice this.
const markEvery = 256

// mark is a character boundary of the text and the UTF-16 code units before it.
type mark struct{ off, units int }

// NewLineIndex indexes the lines of decoded text.
func NewLineIndex(text []byte) *LineIndex {
	return &LineIndex{text: text, starts: source.LineStarts(text)}
}

// fileLineIndex indexes f's text with the line table its token.File already holds.
func fileLineIndex(f *source.File) *LineIndex {
	return &LineIndex{text: f.Text, tok: f.Tok}
}

// line returns the 0-based line of the offset off (in range) and that line's start offset.
func (li *LineIndex) line(off int) (int, int) {
	if li.tok != nil {
		l := li.tok.Line(li.tok.Pos(off))
		return l - 1, li.tok.Offset(li.tok.LineStart(l))
	}
	lo, hi := 0, len(li.starts) // the last line start at or before off
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, li.starts[lo]
}

// lineText returns the text of the 1-based line l without its line break.
func (li *LineIndex) lineText(l int) []byte {
	var start, end int
	if li.tok != nil {
		if l < 1 || l > li.tok.LineCount() {
			return nil
		}
		start, end = li.tok.Offset(li.tok.LineStart(l)), len(li.text)
		if l < li.tok.LineCount() {
			end = li.tok.Offset(li.tok.LineStart(l + 1))
		}
	} else {
		if l < 1 || l > len(li.starts) {
			return nil
		}
		start, end = li.starts[l-1], len(li.text)
		if l < len(li.starts) {
			end = li.starts[l]
		}
	}
	line := li.text[start:end]
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line
}

// Position returns the position of a byte offset.
func (li *LineIndex) Position(off int) report.Position {
	off = min(max(off, 0), len(li.text))
	l, start := li.line(off)
	return report.Position{Line: l + 1, Col: off - start + 1, Col16: 1 + li.units(start, off)}
}

// units counts the UTF-16 code units of text[start:off], start being a line start, as
// utf8.DecodeRune reads them (an ill-formed byte is one U+FFFD).
func (li *LineIndex) units(start, off int) int {
	if off-start <= 2*markEvery {
		return decodeUnits(li.text[start:off])
	}
	li.mark()
	if li.ascii {
		return off - start
	}
	return li.unitsTo(off) - li.unitsTo(start)
}

// unitsTo counts the UTF-16 code units of text[:off] read from the start. A line start is a
// character boundary of that reading (it follows CR or LF, which no sequence swallows), so the
// difference of two counts is the count between them.
func (li *LineIndex) unitsTo(off int) int {
	k := min(off/markEvery, len(li.marks)-1)
	if li.marks[k].off > off {
		k--
	}
	m := li.marks[k]
	return m.units + decodeUnits(li.text[m.off:off])
}

// mark computes the marks, or that the text is ASCII, once.
func (li *LineIndex) mark() {
	if li.marked {
		return
	}
	li.marked = true
	lineWork.Add(int64(len(li.text)))
	li.ascii = true
	for _, c := range li.text {
		if c >= utf8.RuneSelf {
			li.ascii = false
			break
		}
	}
	if li.ascii {
		return
	}
	lineWork.Add(int64(len(li.text)))
	li.marks = make([]mark, 0, len(li.text)/markEvery+1)
	next, units := 0, 0
	for i := 0; i < len(li.text); {
		if i >= next {
			li.marks = append(li.marks, mark{i, units})
			next += markEvery
		}
		if li.text[i] < utf8.RuneSelf {
			i++
			units++
			continue
		}
		r, n := utf8.DecodeRune(li.text[i:])
		i += n
		units++
		if r >= 0x10000 {
			units++
		}
	}
}

// decodeUnits counts the UTF-16 code units of b as utf8.DecodeRune reads it.
func decodeUnits(b []byte) int {
	lineWork.Add(int64(len(b)))
	units := 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			units++
			continue
		}
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		units++
		if r >= 0x10000 {
			units++
		}
	}
	return units
}

// v1Budget is how many bytes of line text the privlintFindingHash/v1 values of one file may hash:
// v1 hashes a finding's whole line after its account, so it cannot be computed once per line, and a
// long line with many findings would cost their product.
const v1Budget = 64 << 20

// findingHasher computes the finding hashes of one file's findings, in the checker's order, with
// each line's text examined once.
type findingHasher struct {
	lines    *LineIndex
	digests  map[int][sha256.Size]byte // line: digest of its text without blanks (v2)
	seen     map[string]int            // v2 hash: findings so far with it
	buf      []byte                    // the last line stripped of blanks
	bufLine  int                       // that line, or 0
	baseline Baseline
	path     string
	seenV1   map[string]int
	v1Left   int // bytes v1 may still hash
	v1Short  int // the line where v1 hashing stopped for want of budget, or 0
}

func newFindingHasher(lines *LineIndex, baseline Baseline, path string) *findingHasher {
	return &findingHasher{lines: lines, digests: map[int][sha256.Size]byte{}, seen: map[string]int{},
		baseline: baseline, path: path, seenV1: map[string]int{}, v1Left: v1Budget}
}

// stripped returns line l's text without spaces and tabs, the text both hash versions cover.
func (h *findingHasher) stripped(l int) []byte {
	if h.bufLine != l {
		text := h.lines.lineText(l)
		lineWork.Add(int64(len(text)))
		h.buf = h.buf[:0]
		for _, c := range text {
			if c != ' ' && c != '\t' {
				h.buf = append(h.buf, c)
			}
		}
		h.bufLine = l
	}
	return h.buf
}

// v2 returns f's privlintFindingHash/v2: the first 8 bytes of SHA-256 over the rule, the right, the
// account and the SHA-256 of the start line's text without spaces and tabs (NUL-separated), in
// hexadecimal, a colon, and the count of the file's findings so far with that value (from 1).
func (h *findingHasher) v2(f *report.Finding) string {
	digest, ok := h.digests[f.Start.Line]
	if !ok {
		digest = sha256.Sum256(h.stripped(f.Start.Line))
		h.digests[f.Start.Line] = digest
	}
	s := sha256.New()
	s.Write([]byte(f.Rule.ID + "\x00" + f.Privilege + "\x00" + f.Account + "\x00"))
	s.Write(digest[:])
	return count(h.seen, hex.EncodeToString(s.Sum(nil)[:8]))
}

// v1 returns f's privlintFindingHash/v1 when the baseline holds v1 entries for f's rule and file
// and the file's v1 budget allows: the first 8 bytes of SHA-256 over the rule, the right and the
// account (each followed by NUL) and the start line's text without spaces and tabs, in hexadecimal,
// a colon and the count so far. Counts are kept per rule, which is what they were: equal values are
// of one rule.
func (h *findingHasher) v1(f *report.Finding) (string, bool) {
	if h.v1Short > 0 || !h.baseline.hasV1(f.Rule.ID, h.path) {
		return "", false
	}
	line := h.stripped(f.Start.Line)
	if 2*len(line) > h.v1Left { // stripping the line again, and hashing it
		h.v1Short = f.Start.Line
		return "", false
	}
	h.v1Left -= 2 * len(line)
	lineWork.Add(int64(len(line)))
	s := sha256.New()
	s.Write([]byte(f.Rule.ID + "\x00" + f.Privilege + "\x00" + f.Account + "\x00"))
	s.Write(line)
	return count(h.seenV1, hex.EncodeToString(s.Sum(nil)[:8])), true
}

// count returns sum with the number of times seen has had it, this time included.
func count(seen map[string]int, sum string) string {
	seen[sum]++
	return sum + ":" + strconv.Itoa(seen[sum])
}
