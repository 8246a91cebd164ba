// Package source provides the building block every extractor requires: the file read once, decoded
// to UTF-8, added to the FileSet and assigned a language.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/rules"
)

// Shebang returns the language of the interpreter a script's first line names (#!/bin/sh,
// #!/usr/bin/env bash, #!/usr/bin/env -S pwsh -NoProfile), or LangNone.
func Shebang(text []byte) Lang {
	text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(text, []byte("#!")) {
		return LangNone
	}
	line := text[2:]
	if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	fields := strings.Fields(string(line[:min(len(line), 256)]))
	if len(fields) == 0 {
		return LangNone
	}
	prog := path.Base(fields[0])
	if prog == "env" {
		prog = ""
		for _, f := range fields[1:] {
			if !strings.HasPrefix(f, "-") && !strings.Contains(f, "=") {
				prog = f
				break
			}
		}
	}
	if prog == "" {
		return LangNone
	}
	return Interpreter(strings.ToLower(path.Base(prog)))
}

// Sniff decides a language from decoded text: a script's shebang line (Shebang) naming the
// interpreter of a language whose scripts have one, or a language's marker (Language.Markers) near
// the start, such as the [Unicode], [Version] or [Privilege Rights] section a security template
// starts with or soon has.
func Sniff(text []byte) Lang {
	if d, ok := Describe(Shebang(text)); ok && d.Shebang {
		return d.Lang
	}
	head := text[:min(len(text), 4096)]
	for _, d := range Languages {
		for _, marker := range d.Markers {
			if indexFold(head, []byte(marker)) >= 0 {
				return d.Lang
			}
		}
	}
	return LangNone
}

// indexFold finds an ASCII needle in s, ignoring ASCII case.
func indexFold(s, needle []byte) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		if bytes.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

// LineStarts returns the offset of each line's first byte. Lines end at CRLF, LF or a bare CR
// (token.File.SetLinesForContent knows only LF).
func LineStarts(text []byte) []int {
	lines := []int{0}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			fallthrough
		case '\n':
			if i+1 < len(text) {
				lines = append(lines, i+1)
			}
		}
	}
	return lines
}

// Problem is something wrong with a file's content that did not stop the analysis: privlint reports it
// with the file's name and line so nothing is lost silently.
type Problem struct {
	Pos     token.Pos
	Message string
}

// File is one input file, decoded.
type File struct {
	Name     string
	Raw      []byte
	Text     []byte // UTF-8, without a byte-order mark
	Encoding Encoding
	Lang     Lang
	Tok      *token.File // positions in Text
	Problems []Problem
	// Calls are the scripts this file runs with arguments (embedded text records its calls here,
	// on the file read from disk): the scan binds their arguments to the parameters the called
	// scripts grant rights with.
	Calls []Call
	// Bindings are the arguments calls elsewhere in the repository pass to this script, set by the
	// scan before the file's extractors run when it analyzes the file again for them: the checker
	// reads an account that is the script's positional argument as each argument bound to it.
	Bindings []Binding
	// Checked is the rights the scan checks, set by the scan (Checking) before the file's
	// extractors run; nil checks the token rights. Extractors ask Rights.
	Checked *rules.Set

	// ReadBeside reads another file an extractor needs to make sense of this one (an Ansible
	// role's vars/main.yml, a template a task renders), named by a path built from Name. It is the
	// scan's one reader: it refuses symbolic links, files that are not regular, files over the size
	// limit or excluded by the configuration, and anything outside the scanned tree. nil reads
	// nothing. Extractors call Beside, not this.
	ReadBeside func(name string) ([]byte, error)

	// Nested analyzes the text this file hands to another interpreter (a command string after cmd /c,
	// powershell -Command or sh -c) with the extractor of its language: the cmdline.Interpreters
	// that package langs builds, set by the analyzer that runs the file's extractor and passed on to
	// the text embedded in the file (Embed). nil analyzes no such text.
	Nested Nested

	// For text embedded in another file (see Embed): the outer file, and how an offset in Text maps
	// to an offset in the outer file's Text.
	outer  *File
	mapOff func(int) int
	// mapSpan, when set, maps a span of Text to the span of the outer file's Text that wrote it: the
	// end of a span maps to the end of its last byte's source, which mapOff cannot tell.
	mapSpan func(a, b int) (int, int)
	budget  *value.Budget // the file's evaluation budget, shared with the text embedded in it
	// callsFull is set once the file holds maxCalls calls and a further one was reported.
	callsFull bool
}

// Nested analyzes the text a file hands to another interpreter. cmdline.Interpreters implements it;
// it is an interface because source sits below the packages whose results the extractors return.
type Nested interface {
	// Analyzes reports whether text in lang is analyzed.
	Analyzes(lang Lang) bool
}

// Budget returns the evaluation budget f shares with the text embedded in it.
func (f *File) Budget() *value.Budget {
	root := f
	for root.outer != nil {
		root = root.outer
	}
	if root.budget == nil {
		root.budget = value.NewBudget(len(root.Text))
	}
	return root.budget
}

// Charge takes one evaluation step and n bytes of a value being built, at offset off, from the
// budget the file shares with the text embedded in it. It returns false when the value would be too
// large or the budget is spent: the caller then treats the value as unresolved, or stops expanding.
// The first time each limit is reached a problem is recorded at off.
func (f *File) Charge(off, n int) bool {
	ok, msg := f.Budget().Charge(n)
	if msg != "" {
		f.Problemf(off, "%s", msg)
	}
	return ok
}

// Pos returns the position of the byte offset off in Text. For embedded text it is the position in
// the outer file that the offset maps to.
func (f *File) Pos(off int) token.Pos {
	if f.outer != nil {
		return f.outer.Pos(f.mapOff(off))
	}
	return token.Pos(f.Tok.Base() + min(max(off, 0), f.Tok.Size()))
}

// Call is a script a file runs with arguments (call other.cmd X, bash grant.sh X, powershell
// -File grant.ps1 X).
type Call struct {
	Script   string    // the script as written, quotes removed: .\grant.ps1, other.cmd, ./x.sh
	Pos, End token.Pos // the call as written
	Args     []CallArg // the arguments after the script, in order
}

// CallArg is one argument of a Call.
type CallArg struct {
	Name  string // the parameter it is passed to by name (PowerShell's -Account X), "" for a positional one
	Text  string // the argument, quotes removed
	Known bool   // no byte of it is known only at run time
}

// Binding is an argument a call in another file passes to a script.
type Binding struct {
	Name  string // the parameter it binds by name; "" for a positional argument
	Index int    // the positional argument it binds: 1 for %1, $1
	Text  string // the argument
	Known bool   // no byte of it is known only at run time; otherwise Text is as the caller writes it
	// Path, Line and Col (in bytes; Col16 in UTF-16 code units) locate the call, Path as the scan
	// shows it; What says what it is: "call of grant.cmd".
	Path             string
	Line, Col, Col16 int
	What             string
}

// maxCalls bounds the calls one file records: real scripts call a handful.
const maxCalls = 256

// AddCall records a call on the file read from disk. Past maxCalls calls the rest are not recorded,
// and the first of them is reported.
func (f *File) AddCall(c Call) {
	root := f
	for root.outer != nil {
		root = root.outer
	}
	if len(root.Calls) >= maxCalls {
		if !root.callsFull {
			root.callsFull = true
			root.Problemf(int(c.Pos)-root.Tok.Base(), "this file runs more than %d scripts with arguments; the arguments of the rest are not followed into them", maxCalls)
		}
		return
	}
	for i := range c.Args {
		if a := &c.Args[i]; len(a.Text) > maxCallArg { // no account is that long: kept short, as unknown
			a.Text, a.Known = a.Text[:maxCallArg]+"...", false
		}
	}
	root.Calls = append(root.Calls, c)
}

// maxCallArg bounds the text of an argument a call keeps: what binding it to a script costs.
const maxCallArg = 256

// Written returns the text written in the file read from disk at the span [lo, hi) of Text: for
// embedded text, what the outermost file holds where the span maps to, so that a part of a command
// string known only at run time reads as its author wrote it (CONTOSO\${{ inputs.user }}, not the
// placeholder an evaluator put there). ok is false when the span maps to nothing sensible or to
// more than limit bytes.
func (f *File) Written(lo, hi, limit int) (string, bool) {
	if lo < 0 || hi > len(f.Text) || lo >= hi {
		return "", false
	}
	g := f
	for ; g.outer != nil; g = g.outer {
		if g.mapSpan != nil {
			lo, hi = g.mapSpan(lo, hi)
		} else {
			lo, hi = g.mapOff(lo), g.mapOff(hi)
		}
	}
	if lo < 0 || hi > len(g.Text) || lo >= hi || hi-lo > limit {
		return "", false
	}
	return string(g.Text[lo:hi]), true
}

// Problemf records a problem at the offset off of Text; for embedded text, on the outer file.
func (f *File) Problemf(off int, format string, args ...any) {
	if f.outer != nil {
		f.outer.Problemf(f.mapOff(off), format, args...)
		return
	}
	f.Problems = append(f.Problems, Problem{Pos: f.Pos(off), Message: fmt.Sprintf(format, args...)})
}

// Rights returns the rights the scan checks: the extractors recognize their names only.
func (f *File) Rights() *rules.Set {
	if f == nil {
		return nil
	}
	root := f
	for root.outer != nil {
		root = root.outer
	}
	return root.Checked // nil is rules.Token
}

// Checking has a driver's files checked for the rights of set (File.Checked).
func Checking(set *rules.Set) driver.Option {
	return driver.Annotate(func(a *analysis.Analyzer, _ string, result any) {
		if f, ok := result.(*File); ok && a == Analyzer {
			f.Checked = set
		}
	})
}

// Beside reads the file name (a path built from f.Name) through f.ReadBeside; for embedded text,
// through the outer file's. found is false when there is no such file, or nothing to read it with,
// and the caller goes on as if it were absent. A file that exists but is refused (a symbolic link,
// not a regular file, too large, excluded, outside the scanned tree) or cannot be read is found
// without data, and recorded as a problem at the offset off naming the file and why: never
// silently.
func (f *File) Beside(off int, name string) (data []byte, found bool) {
	root := f
	for root.outer != nil {
		root = root.outer
	}
	if root.ReadBeside == nil {
		return nil, false
	}
	data, err := root.ReadBeside(name)
	switch {
	case err == nil:
		return data, true
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, errors.ErrUnsupported):
		return nil, false
	}
	f.Problemf(off, "not read: %s: %v", filepath.ToSlash(name), err)
	return nil, true
}

// AnsibleRole returns the directory of the Ansible role that holds the file at path: the parent of
// the nearest tasks or handlers directory among the three directories above the file
// (roles/<role>/tasks/x.yml, or a task file in a subdirectory of tasks).
func AnsibleRole(path string) (string, bool) {
	dir := filepath.Dir(path)
	for range 3 {
		switch filepath.Base(dir) {
		case "tasks", "handlers":
			return filepath.Dir(dir), true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return "", false
}

// Embed returns a File for text in language lang found inside f: a command string handed to another
// interpreter, a template in a here-string. mapOff maps an offset in text to an offset in f.Text;
// nil means text is f.Text[start:] verbatim for the start given. Positions and problems of the
// embedded file land in f.
func (f *File) Embed(text []byte, lang Lang, start int, mapOff func(int) int) *File {
	if mapOff == nil {
		mapOff = func(off int) int { return start + off }
	}
	return &File{Name: f.Name, Text: text, Encoding: f.Encoding, Lang: lang, Tok: f.Tok, Nested: f.Nested, outer: f, mapOff: mapOff}
}

// EmbedText returns a File for the text t in language lang found inside f, t mapped onto f.Text:
// Embed with t's mapping of offsets and of spans.
func (f *File) EmbedText(t value.Text, lang Lang) *File {
	g := f.Embed([]byte(t.S), lang, 0, t.Map())
	g.mapSpan = t.Span
	return g
}

// Analyzer reads the pass's file, decodes it and decides its language. It reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "source",
	Doc:        "source reads one file, decodes it to UTF-8 and decides its language.",
	Run:        run,
	ResultType: reflect.TypeOf((*File)(nil)),
}

func run(pass *analysis.Pass) (any, error) {
	if len(pass.OtherFiles) != 1 {
		return nil, fmt.Errorf("source: a pass must hold exactly one file, got %d", len(pass.OtherFiles))
	}
	name := pass.OtherFiles[0]
	raw, err := pass.ReadFile(name)
	if err != nil {
		return nil, err
	}
	text, enc, warn := Decode(raw)
	f := &File{Name: name, Raw: raw, Text: text, Encoding: enc, ReadBeside: pass.ReadFile}
	f.Tok = pass.Fset.AddFile(name, -1, len(text))
	f.Tok.SetLines(LineStarts(text))
	if warn != nil {
		f.Problemf(len(text), "%v", warn)
	}
	f.Lang = LangOf(name)
	if f.Lang == LangNone {
		f.Lang = Sniff(text)
	}
	if f.Lang != LangNone && bytes.IndexByte(text, 0) >= 0 {
		f.Problemf(bytes.IndexByte(text, 0), "file holds NUL bytes and is not %s text; not analyzed", f.Lang)
		f.Lang = LangNone
	}
	return f, nil
}
