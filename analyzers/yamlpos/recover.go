package yamlpos

import (
	"iter"
	"slices"
)

// The YAML parser stops at the first syntax error. So that one bad task or state never hides the
// ones after it, a stream that does not parse is parsed again with the lines of the bad part blanked
// out: first the line the parser names and the lines indented under it, then, while the parser still
// fails at or before the same place, the part that holds them (the lines under the nearest line
// indented less), up to a whole top-level entry. Blanking keeps every offset and line.

// maxReparses bounds how often one stream is parsed again after syntax errors.
const maxReparses = 16

// reparseBytes bounds the bytes parsed again after syntax errors, for a stream of size bytes: the
// parser runs at about 12 MB/s, so a large file is parsed again only a few times.
func reparseBytes(size int) int { return 4*size + 256<<10 }

// parseRecover parses f.src, blanking bad parts out and parsing again until it parses or a bound is
// reached. It returns the last parse and the errors, each with the lines left out because of it.
func parseRecover(f *File) (*File, []*Error) { return recoverWith(f, parse) }

// recoverWith is parseRecover with parse as the parser.
func recoverWith(f *File, parse func(*File) (*File, *Error)) (*File, []*Error) {
	g, perr := parse(f)
	if perr == nil {
		return g, nil
	}
	var errs []*Error
	src := append([]byte(nil), f.src...) // the text with the bad parts blanked out
	reparses, parsed := 0, 0
	for perr != nil {
		lines := yamlLines(src)
		line := lineOf(lines, perr.srcOff)
		fixed := false
		for r := range candidates(src, lines, line) {
			if reparses == maxReparses || parsed+len(src) > reparseBytes(len(f.src)) {
				break
			}
			trial := append([]byte(nil), src...)
			blank(trial, lines, r[0], r[1])
			reparses++
			parsed += len(trial)
			h, herr := parse(&File{Text: f.Text, src: trial, orig: f.orig, jinja: f.jinja})
			if herr != nil && (r[1] >= len(lines) || herr.srcOff < lines[r[1]]) {
				continue // the parser still fails in or before the part left out: it was not the bad one
			}
			perr.From, perr.To = r[0]+1, r[1]
			errs = insert(errs, perr)
			src, g, perr, fixed = trial, h, herr, true
			break
		}
		if !fixed {
			perr.From, perr.To, perr.Rest = line+1, len(lines), true
			return g, insert(errs, perr)
		}
	}
	return g, errs
}

// candidates returns the parts of src, as spans of lines, that may hold the error the parser names on
// line, the likeliest and smallest first: each flow collection still open on that line, innermost
// first, from the line it opens on to the line it closes on (or only its first line when it never
// closes: the parser read the rest of the stream into it); then the line with the error and what is
// indented under it, and each part that holds those, up to a whole top-level entry. Each part is
// found as it is asked for: finding one reads the stream, and a deeply nested one has thousands.
func candidates(src []byte, lines []int, line int) iter.Seq[[2]int] {
	return func(yield func([2]int) bool) {
		for _, fl := range openFlows(src, lines, line) {
			end := fl.open + 1
			if fl.closed >= 0 {
				end = fl.closed + 1
			}
			if !yield([2]int{fl.open, end}) {
				return
			}
		}
		for l := startLine(src, lines, line); l >= 0; l = parentLine(src, lines, l) {
			if !yield([2]int{l, subtreeEnd(src, lines, l)}) {
				return
			}
		}
	}
}

// flow is a flow collection: its opening bracket, and the lines it opens and closes on (-1 when it
// does not close).
type flow struct {
	bracket      byte
	open, closed int
}

// openFlows returns the flow collections ("[" or "{") still open at the end of line, innermost first,
// at most maxReparses of them. Brackets are counted where a node may start (after indentation, "- ",
// ": ", "? " or inside a collection), outside quotes and comments, and a closing bracket that does
// not match the innermost open one is ignored; this is a guess the parser checks.
func openFlows(src []byte, lines []int, line int) []flow {
	var stack, open []flow
	for i := 0; i < len(lines); i++ {
		if i == line+1 {
			if len(stack) == 0 {
				return nil
			}
			open = append([]flow(nil), stack...)
		}
		if i > line && len(stack) == 0 {
			break
		}
		end := len(src)
		if i+1 < len(lines) {
			end = lines[i+1]
		}
		node := true // a node may start here
		var quote byte
		for off := lines[i]; off < end; off++ {
			c := src[off]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				} else if c == '\\' && quote == '"' {
					off++
				}
				continue
			case c == '#' && (off == lines[i] || src[off-1] == ' ' || src[off-1] == '\t'):
				off = end
				continue
			case (c == '\'' || c == '"') && (node || len(stack) > 0):
				quote = c
			case (c == '[' || c == '{') && (node || len(stack) > 0):
				stack = append(stack, flow{bracket: c, open: i, closed: -1})
			case len(stack) > 0 && (c == ']' && stack[len(stack)-1].bracket == '[' || c == '}' && stack[len(stack)-1].bracket == '{'):
				if i > line { // the collection open on line closes here
					for k := range open {
						if open[k].open == stack[len(stack)-1].open && open[k].closed < 0 {
							open[k].closed = i
							break
						}
					}
				}
				stack = stack[:len(stack)-1]
			}
			node = c == ' ' || c == '\t' || c == '-' || c == '?' || c == ':' || c == ',' || c == '[' || c == '{'
		}
	}
	if open == nil {
		open = stack // the stream ends on line
	}
	slices.Reverse(open)
	return open[:min(len(open), maxReparses)]
}

// insert adds e to errs, which are in the order of the lines they leave out.
func insert(errs []*Error, e *Error) []*Error {
	i, _ := slices.BinarySearchFunc(errs, e.From, func(x *Error, from int) int { return x.From - from })
	return slices.Insert(errs, i, e)
}

// lineOf returns the line (counted from 0) that holds offset off.
func lineOf(lines []int, off int) int {
	i := 0
	for lo, hi := 0, len(lines); lo < hi; {
		m := (lo + hi) / 2
		if lines[m] <= off {
			i, lo = m, m+1
		} else {
			hi = m
		}
	}
	return i
}

// lineIndent returns the indentation of line i and whether it holds anything but spaces and a comment.
func lineIndent(src []byte, lines []int, i int) (int, bool) {
	end := len(src)
	if i+1 < len(lines) {
		end = lines[i+1]
	}
	for off := lines[i]; off < end; off++ {
		switch c := src[off]; {
		case c == ' ':
			continue
		case c == '#' || c == '\n' || c == '\r' || breakLen(src, off) > 0:
			return 0, false
		default:
			return off - lines[i], true
		}
	}
	return 0, false
}

// startLine returns the line to blank for an error on line: line itself, or the nearest line before it
// with content when it has none.
func startLine(src []byte, lines []int, line int) int {
	for i := min(line, len(lines)-1); i >= 0; i-- {
		if _, ok := lineIndent(src, lines, i); ok {
			return i
		}
	}
	return -1
}

// parentLine returns the nearest line before from with content that is indented less, or -1.
func parentLine(src []byte, lines []int, from int) int {
	in, _ := lineIndent(src, lines, from)
	for i := from - 1; i >= 0; i-- {
		if j, ok := lineIndent(src, lines, i); ok && j < in {
			return i
		}
	}
	return -1
}

// subtreeEnd returns the line after the last line that belongs under line from: the lines indented
// more, and, when from is not itself a list item, the list items at its indentation that follow it
// (YAML lets a mapping's list start at the key's indentation). Lines without content go with them
// unless they end the stream.
func subtreeEnd(src []byte, lines []int, from int) int {
	in, _ := lineIndent(src, lines, from)
	item := isItem(src, lines[from]+in)
	end := from + 1
	for i := from + 1; i < len(lines); i++ {
		j, ok := lineIndent(src, lines, i)
		if !ok {
			continue
		}
		if j < in || j == in && (item || !isItem(src, lines[i]+j)) {
			break
		}
		end = i + 1
	}
	return end
}

// isItem reports whether src[off:] starts a list item: "-" followed by a space or a line break.
func isItem(src []byte, off int) bool {
	return off < len(src) && src[off] == '-' && (off+1 == len(src) || src[off+1] == ' ' || src[off+1] == '\t' || src[off+1] == '\n' || src[off+1] == '\r')
}

// blank replaces with spaces every byte of lines [from, to) but their line breaks.
func blank(src []byte, lines []int, from, to int) {
	end := len(src)
	if to < len(lines) {
		end = lines[to]
	}
	for off := lines[from]; off < end; {
		if n := breakLen(src, off); n > 0 {
			off += n
			continue
		}
		src[off] = ' '
		off++
	}
}
