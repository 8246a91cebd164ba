// Package shell extracts privilege assignments from POSIX and Bash scripts: ntrights (directly or
// through wine), Cygwin and MSYS2 editrights, command strings handed to other interpreters and
// remote hosts, and security templates written from heredocs.
package shell

import (
	"errors"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"mvdan.cc/sh/v3/syntax"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// Analyzer extracts the assignments of shell scripts. It reports nothing.
var Analyzer = assign.Extractor("shell",
	"shell extracts user-right assignments from POSIX and Bash scripts.",
	source.LangShell, Extract)

func init() { cmdline.Register(source.LangShell, Extract) }

// Extract parses f.Text as a Bash script and returns its assignments, with positions in f. A
// syntax error is recorded as a problem on f; the statements before it are still analyzed.
//
// Top-level statements are analyzed as the parser reads them and then dropped, so that memory
// follows the largest statement, not the script. A statement is analyzed once the parser has gone
// past a line break after it: a here-document's body is read only at the line break after its
// operator.
func Extract(f *source.File) []assign.Assignment {
	src := dropCR(cmdline.SourceText(f))
	w := newWalker(f, src)
	if off, msg, err := eachStmt(src.S, w.walk); err != nil {
		f.Problemf(src.Offset(off), "shell script does not parse: %s; the rest of the script is not analyzed", msg)
	}
	return w.out
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
	for st, err := range p.StmtsSeq(strings.NewReader(src)) {
		if err != nil {
			off, msg := errorAt(err)
			for _, st := range pending {
				if int(st.End().Offset()) <= off {
					fn(st)
				}
			}
			return off, msg, err
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
