// Package shell extracts privilege assignments from POSIX and Bash scripts: ntrights (directly or
// through wine), Cygwin and MSYS2 editrights, command strings handed to other interpreters and
// remote hosts, and security templates written from heredocs.
package shell

import (
	"errors"
	"fmt"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"mvdan.cc/sh/v3/syntax"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// Extract parses f.Text as a Bash script and returns its assignments, with positions in f. A
// syntax error is recorded as a problem on f; the statements before it are analyzed, and the
// script is read again from the line after it (maxRestarts).
//
// Top-level statements are analyzed as the parser reads them and then dropped, so that memory
// follows the largest statement, not the script. A statement is analyzed once the parser has gone
// past a line break after it: a here-document's body is read only at the line break after its
// operator.
func Extract(f *source.File) []assign.Assignment {
	src := dropCR(cmdline.SourceText(f))
	w := newWalker(f, src)
	for restarts := 0; ; restarts++ {
		text := w.src.S
		parse, deep := text, tooDeep(text)
		if deep >= 0 {
			parse = text[:strings.LastIndexByte(text[:deep], '\n')+1]
		}
		at, msg, err := eachStmt(parse, w.walk)
		switch {
		case err != nil && (deep < 0 || at < strings.LastIndexByte(strings.TrimSuffix(parse, "\n"), '\n')+1):
			// An error on the last line before the cut is the cut's: a construct left open there.
			msg = "shell script does not parse: " + msg
		case deep >= 0:
			at, msg = deep, fmt.Sprintf("shell code nests more than %d levels deep here (brackets, pipelines, && and || lists, compound commands)", maxNesting)
		default:
			return w.result()
		}
		nl := strings.IndexByte(text[at:], '\n')
		switch {
		case nl < 0:
			f.Problemf(w.src.Offset(at), "%s", msg)
		case restarts == maxRestarts:
			f.Problemf(w.src.Offset(at), "%s; after %d such errors the rest of the script is not analyzed", msg, maxRestarts)
		default:
			f.Problemf(w.src.Offset(at), "%s; analysis resumes on the next line", msg)
		}
		rest := at + nl + 1
		if nl < 0 || restarts == maxRestarts || !chargeReparse(f, w.src.Offset(at), len(text)-rest) {
			return w.result()
		}
		w.src = w.src.Slice(rest, len(text))
	}
}

// chargeReparse charges parsing n bytes again to f's budget, as values of at most value.MaxValue
// bytes: it reports false once the budget is spent.
func chargeReparse(f *source.File, at, n int) bool {
	for ; n > 0; n -= value.MaxValue {
		if !f.Charge(at, min(n, value.MaxValue)) {
			return false
		}
	}
	return true
}

// maxRestarts bounds how often Extract resumes after a syntax error. A script is analyzed up to its
// first syntax error and then again from the line after each error (a construct privlint's parser
// does not know must not hide a later grant), with the variables known so far.
const maxRestarts = 16

// maxNesting bounds how deeply shell code may nest before mvdan.cc/sh parses it: its recursive
// descent would exhaust the stack on a few megabytes of "a | a | ..." or "$(($((...", and a Go stack
// overflow cannot be recovered.
const maxNesting = 1000

// tooDeep returns the offset in src where its nesting first passes maxNesting, or -1. It estimates
// from above what the parser's recursion follows: open brackets, backquotes, the compound commands
// (if, while, until, for, select, case) not yet closed, and the commands of a pipeline or && / ||
// list so far. Quoting is ignored: a string of a thousand parentheses is treated as code.
func tooDeep(src string) int {
	depth, chain := 0, 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '(', '{', '[':
			depth++
		case ')', '}', ']':
			depth = max(depth-1, 0)
		case '|':
			chain++
			if i+1 < len(src) && (src[i+1] == '|' || src[i+1] == '&') {
				i++
			}
		case '&':
			if i+1 < len(src) && src[i+1] == '&' {
				chain++
				i++
			} else {
				chain = 0
			}
		case ';':
			chain = 0
		case '\n':
			if !continues(src[:i]) {
				chain = 0
			}
		default:
			if w := keyword(src, i); w != "" {
				switch w {
				case "if", "while", "until", "for", "select", "case":
					depth++
				default: // fi, done, esac
					depth = max(depth-1, 0)
				}
				i += len(w) - 1
			}
		}
		if depth+chain > maxNesting {
			return i
		}
	}
	return -1
}

// continues reports whether a line ending the text continues on the next one: it ends with |, &&,
// || or a backslash (ignoring blanks).
func continues(text string) bool {
	text = strings.TrimRight(text, " \t")
	return strings.HasSuffix(text, "|") || strings.HasSuffix(text, "&&") || strings.HasSuffix(text, "\\")
}

// keyword returns the compound-command keyword that starts at src[i] as a whole word, or "".
func keyword(src string, i int) string {
	if i > 0 && !strings.ContainsRune(" \t\n;&|(`", rune(src[i-1])) {
		return ""
	}
	for _, w := range []string{"if", "while", "until", "for", "select", "case", "fi", "done", "esac"} {
		if strings.HasPrefix(src[i:], w) && (i+len(w) == len(src) || strings.ContainsRune(" \t\n;&|)", rune(src[i+len(w)]))) {
			return w
		}
	}
	return ""
}

// eachStmt parses src as Bash and calls fn with each top-level statement, in order, once the
// parser has gone past a line break after it, and with none after a syntax error; the error's
// offset and message are returned. No statement is kept once fn has seen it.
func eachStmt(src string, fn func(syntax.Node)) (off int, msg string, err error) {
	p := syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash))
	var (
		pending []*syntax.Stmt // read, not yet followed by a line break
		scanned int            // src is searched for line breaks up to here
		lastNL  = -1           // the last line break before scanned
	)
	var first error
	// The loop never stops early: mvdan.cc/sh may yield a second error after the first, and
	// yielding to a loop that has stopped panics. What comes after the first error is ignored.
	for st, e := range p.StmtsSeq(strings.NewReader(src)) {
		if first != nil {
			continue
		}
		if e != nil {
			first = e
			continue
		}
		// Offsets, not lines: mvdan.cc/sh positions stop counting lines past 2^18.
		if at := int(st.Pos().Offset()); at > scanned {
			if i := strings.LastIndexByte(src[scanned:at], '\n'); i >= 0 {
				lastNL = scanned + i
			}
			scanned = at
		}
		k := 0
		for k < len(pending) && int(pending[k].End().Offset()) <= lastNL {
			fn(pending[k])
			pending[k] = nil
			k++
		}
		pending = append(pending[:copy(pending, pending[k:])], st)
	}
	if first != nil {
		off, msg := errorAt(first)
		for _, st := range pending {
			if int(st.End().Offset()) <= off {
				fn(st)
			}
		}
		return off, msg, first
	}
	for _, st := range pending {
		fn(st)
	}
	return 0, "", nil
}

// errorAt returns the offset and the message of a parse error.
func errorAt(err error) (int, string) {
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		return int(pe.Pos.Offset()), pe.Text
	}
	var le syntax.LangError
	if errors.As(err, &le) {
		return int(le.Pos.Offset()), le.Error()
	}
	return 0, err.Error()
}

// dropCR removes the carriage return of every CRLF line break, so that a script saved with Windows
// line endings parses as Bash with igncr would read it; the mapping keeps offsets in the file.
func dropCR(t value.Text) value.Text {
	if strings.IndexByte(t.S, '\r') < 0 {
		return t
	}
	var b value.Builder
	for i := 0; i < t.Len(); i++ {
		if t.S[i] == '\r' && i+1 < t.Len() && t.S[i+1] == '\n' {
			continue
		}
		b.Copy(t, i)
	}
	return b.Done(t.Offset(t.Len()))
}
