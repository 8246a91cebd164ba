package lsp

import (
	"unicode/utf8"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/report"
	"github.com/privlint/privlint/internal/scan"
)

// Position encodings: what a position's character counts. UTF-16 code units are the protocol's
// default, which every client supports; UTF-8 bytes are used when the client prefers them.
const (
	encodingUTF16 = "utf-16"
	encodingUTF8  = "utf-8"
)

// chooseEncoding returns the first of the client's position encodings, in its order of preference,
// that the server knows, and UTF-16 when there is none.
func chooseEncoding(offered []string) string {
	for _, e := range offered {
		if e == encodingUTF16 || e == encodingUTF8 {
			return e
		}
	}
	return encodingUTF16
}

// position converts a report position (1-based line and columns) into the protocol's (0-based) in
// the agreed encoding.
func (s *server) position(p report.Position) position {
	col := p.Col16
	if s.encoding == encodingUTF8 {
		col = p.Col
	}
	return position{Line: max(p.Line-1, 0), Character: max(col-1, 0)}
}

// byteColumn returns the report position of a 1-based line and byte column of text, which lines end
// as the protocol ends them (CRLF, LF or a bare CR), with its UTF-16 column.
func byteColumn(text string, line, col int) report.Position {
	starts := source.LineStarts([]byte(text))
	if line < 1 || line > len(starts) {
		return report.Position{Line: line, Col: col, Col16: col}
	}
	off := min(starts[line-1]+max(col-1, 0), len(text))
	return scan.NewLineIndex([]byte(text)).Position(off)
}

// offsetOf returns the byte offset of a protocol position in text: a character past its line's end
// is the line's end, a line past the text's end is the text's end, and an offset is never inside a
// character.
func offsetOf(text string, p position, encoding string) int {
	starts := source.LineStarts([]byte(text))
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(starts) {
		return len(text)
	}
	off := starts[p.Line]
	for units := 0; off < len(text) && units < p.Character; {
		r, size := utf8.DecodeRuneInString(text[off:])
		if r == '\r' || r == '\n' {
			break
		}
		switch {
		case encoding == encodingUTF8:
			units += size
		case r >= 0x10000:
			units += 2
		default:
			units++
		}
		off += size
	}
	return off
}
