package scan

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/report"
	"github.com/privlint/privlint/rules"
)

// The repository-level step: a script that grants a right to its positional argument (ntrights -u
// %1, editrights -u "$1") is judged by the arguments other files of the scan pass it (call grant.cmd
// CONTOSO\svc, bash grant.sh "$USER", powershell -File grant.ps1 x).
//
// While the scan runs, each file's calls of scripts and whether it grants to a positional argument
// are recorded (callIndex.record, in the workers, a few words per file). When the walk is done:
//
//  1. If some script grants to its argument, the files the keyword prefilter left out but that may
//     run a script (a script, YAML or JSON naming a .cmd, .bat, .ps1 or .sh) are read once more,
//     and those that name such a script are analyzed for their calls.
//  2. Each call's arguments are bound to the script it calls, resolved against the caller's
//     directory (a leading %~dp0 is the caller's directory too).
//  3. Each script with bound arguments is analyzed again with them (source.File.Bindings): the
//     checker reads the argument account as each bound argument, with the call as a related
//     location, and the script's findings are replaced by those of this analysis. An argument a
//     call passes that is itself known only at run time is unresolved there (PL1005, with the
//     call); an argument no call binds stays unresolved as the script writes it.
//
// Nothing is followed when no script grants to an argument, so a scan without such scripts pays only
// the recording. The work is linear in the calls and the scripts' sizes; the bindings of one script
// are bounded (maxBindings), and the first one left out is reported.

// maxBindings bounds the arguments bound to one script.
const maxBindings = 256

// callIndex holds what the repository-level step needs of the files analyzed.
type callIndex struct {
	mu     sync.Mutex
	sites  []callSite
	params map[string]string // scripts that grant to a positional argument: absolute path -> path as walked
	// callers are the files the keyword prefilter left out that may run a script: a script, YAML
	// or JSON that names one (mentionsScript). Only they are read again to find callers.
	callers []string
}

// callerExts are the extensions of files that run scripts with arguments, besides files without one.
var callerExts = map[string]bool{".cmd": true, ".bat": true, ".ps1": true, ".psm1": true, ".sh": true, ".bash": true,
	".yml": true, ".yaml": true, ".json": true, ".rb": true, ".pp": true, ".dockerfile": true}

// scriptMarks are what a file that names a script holds: its extension, in either case.
var scriptMarks = [][]byte{[]byte(".cmd"), []byte(".bat"), []byte(".ps1"), []byte(".sh"),
	[]byte(".CMD"), []byte(".BAT"), []byte(".PS1"), []byte(".SH")}

// candidate records a file the keyword prefilter left out if it may call a script: its kind runs
// scripts and it names one. It runs in the workers, on the bytes already read.
func (x *callIndex) candidate(path string, content []byte) {
	if ext := strings.ToLower(filepath.Ext(path)); ext != "" && !callerExts[ext] {
		return
	}
	for _, m := range scriptMarks {
		if bytes.Contains(content, m) {
			x.mu.Lock()
			x.callers = append(x.callers, path)
			x.mu.Unlock()
			return
		}
	}
}

// callSite is one call of a script with arguments.
type callSite struct {
	target    string // the script called, an absolute path
	what      string // "call of grant.cmd"
	path      string // the caller, as shown
	line, col int
	col16     int
	args      []source.CallArg
}

func newCallIndex() *callIndex {
	return &callIndex{params: map[string]string{}}
}

// record notes the calls f makes and whether it grants to one of its positional arguments.
func (x *callIndex) record(r *driver.Result, f *source.File, lines *LineIndex, shown string) {
	param := false
	for _, ex := range privgrant.Extractors {
		res, _ := r.Results[ex].(*assign.Result)
		if res == nil {
			continue
		}
		for _, a := range res.Assignments {
			for _, acc := range a.Accounts {
				param = param || acc.Param != nil
			}
		}
	}
	if !param && !slices.ContainsFunc(f.Calls, func(c source.Call) bool { return len(c.Args) > 0 }) {
		return // most files: nothing to note, and no working-directory lookup
	}
	abs, err := filepath.Abs(r.Path)
	if err != nil {
		return
	}
	var sites []callSite
	for _, c := range f.Calls {
		if len(c.Args) == 0 {
			continue
		}
		target, ok := resolveScript(abs, c.Script)
		if !ok {
			continue
		}
		pos := lines.Position(f.Tok.Offset(c.Pos))
		sites = append(sites, callSite{target: target, what: "call of " + c.Script, path: shown,
			line: pos.Line, col: pos.Col, col16: pos.Col16, args: c.Args})
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if param {
		x.params[abs] = r.Path
	}
	x.sites = append(x.sites, sites...)
}

// resolveScript returns the absolute path of the script a file at caller runs as script: relative
// to the caller's directory (where scripts that call helpers beside them look: %~dp0, $PSScriptRoot,
// $(dirname "$0")), with Windows separators read as slashes.
func resolveScript(caller, script string) (string, bool) {
	s := strings.ReplaceAll(strings.TrimSpace(script), `\`, "/")
	if len(s) >= 5 && strings.EqualFold(s[:5], "%~dp0") {
		s = s[5:]
	}
	if s == "" || strings.ContainsAny(s, "%$`") || len(s) >= 2 && s[1] == ':' {
		return "", false // a variable left, or a drive: nothing in the scanned tree
	}
	if filepath.IsAbs(s) {
		return filepath.Clean(s), true
	}
	return filepath.Join(filepath.Dir(caller), filepath.FromSlash(s)), true
}

// followCalls runs the repository-level step over the scan's result res.
func (s *session) followCalls(ctx context.Context, res *report.Result) error {
	x := s.c.calls
	if len(x.params) == 0 {
		return nil
	}
	if err := s.findCallers(ctx, res); err != nil {
		return err
	}
	s.c.calls = nil // the analysis below records nothing more
	bindings := map[string][]source.Binding{}
	full := map[string]bool{}
	for _, c := range x.sites {
		if _, ok := x.params[c.target]; !ok {
			continue
		}
		pos := 0 // positional arguments so far
		for _, a := range c.args {
			index := 0
			if a.Name == "" {
				if pos++; pos > 9 {
					continue
				}
				index = pos
			}
			if len(bindings[c.target]) >= maxBindings {
				if !full[c.target] {
					full[c.target] = true
					res.Notifications = append(res.Notifications, report.Notification{Level: rules.LevelWarning, Path: c.path, Line: c.line, Col: c.col,
						Message: fmt.Sprintf("more than %d arguments are passed to %s; from this call on they are not followed into it", maxBindings, s.c.show.path(x.params[c.target]))})
				}
				break
			}
			bindings[c.target] = append(bindings[c.target], source.Binding{Name: a.Name, Index: index, Text: a.Text, Known: a.Known,
				Path: c.path, Line: c.line, Col: c.col, Col16: c.col16, What: c.what})
		}
	}
	if len(bindings) == 0 {
		return nil
	}
	var paths []string
	for target := range bindings {
		paths = append(paths, x.params[target])
	}
	d, err := s.driver(s.reader.ReadFile, driver.Annotate(func(a *analysis.Analyzer, path string, result any) {
		if f, ok := result.(*source.File); ok && a == source.Analyzer {
			if abs, err := filepath.Abs(path); err == nil {
				f.Bindings = bindings[abs]
			}
		}
	}))
	if err != nil {
		return err
	}
	replaced := map[string][]report.Finding{}
	var mu sync.Mutex
	err = d.Run(ctx, paths, func(r *driver.Result) {
		findings, _ := s.c.collect(r) // the notes were reported by the first analysis
		mu.Lock()
		replaced[s.c.show.path(r.Path)] = findings
		mu.Unlock()
	})
	if err != nil {
		return err
	}
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		if _, ok := replaced[f.Path]; !ok {
			kept = append(kept, f)
		}
	}
	for _, fs := range replaced {
		kept = append(kept, fs...)
	}
	res.Findings = kept
	return nil
}

// findCallers analyzes, for their calls, the files of the scan that the first analysis left alone
// (they name no right) but may run a script (callIndex.candidate), when they name a script that
// grants to its argument.
func (s *session) findCallers(ctx context.Context, res *report.Result) error {
	x := s.c.calls
	var names [][]byte
	seen := map[string]bool{}
	for abs := range x.params {
		n := strings.ToLower(filepath.Base(abs))
		if !seen[n] {
			seen[n] = true
			names = append(names, []byte(n))
		}
	}
	mentions := func(_ string, content []byte) bool {
		lower := bytes.ToLower(content)
		for _, n := range names {
			if bytes.Contains(lower, n) {
				return true
			}
		}
		return false
	}
	d, err := s.driver(s.reader.ReadFile, driver.Filter(mentions))
	if err != nil {
		return err
	}
	var mu sync.Mutex
	return d.Run(ctx, x.callers, func(r *driver.Result) {
		if r.Filtered {
			return
		}
		_, notes := s.c.collect(r) // records the calls; the file names no right, so it has no findings
		mu.Lock()
		res.Notifications = append(res.Notifications, notes...)
		mu.Unlock()
	})
}
