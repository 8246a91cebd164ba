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
func Extract(f *source.File) []assign.Assignment {
	src := dropCR(cmdline.SourceText(f))
	file, err := syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash)).
		Parse(strings.NewReader(src.S), f.Name)
	w := newWalker(f, src)
	if file == nil {
		file = &syntax.File{}
	}
	stmts := file.Stmts
	if err != nil {
		off, msg := errorAt(err)
		f.Problemf(src.Offset(off), "shell script does not parse: %s; the rest of the script is not analyzed", msg)
		keep := stmts[:0:0]
		for _, st := range stmts {
			if int(st.End().Offset()) <= off {
				keep = append(keep, st)
			}
		}
		stmts = keep
	}
	for _, st := range stmts {
		w.walk(st)
	}
	return w.out
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
