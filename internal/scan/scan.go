// Package scan runs a whole privlint scan: it finds the files, runs the analyzers over them in
// parallel and turns what they report into a report.Result.
package scan

import (
	"context"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/discover"
	"github.com/privlint/privlint/internal/report"
	"github.com/privlint/privlint/rules"
)

// Options configures a scan.
type Options struct {
	Paths   []string     // files and directories; none means "."
	Policy  rules.Policy // exceptions in force
	MaxSize int64        // files over this many bytes are skipped and reported; 0 means the default
	Workers int          // files analyzed at once; 0 means one per CPU
	Version string
}

// Run scans and returns the sorted result. The error is for paths that do not exist; problems with
// single files become notifications and the scan goes on.
func Run(ctx context.Context, opts Options) (*report.Result, error) {
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	files, skipped, err := discover.Files(paths, discover.Options{MaxSize: opts.MaxSize})
	if err != nil {
		return nil, err
	}
	res := &report.Result{Version: opts.Version, FilesScanned: len(files)}
	for _, s := range skipped {
		res.Notifications = append(res.Notifications, report.Notification{Level: rules.LevelWarning, Path: displayPath(s.Path), Message: s.Reason})
	}
	checker := privgrant.New(opts.Policy)
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{checker}, driver.ReadFile(os.ReadFile), driver.Workers(opts.Workers))
	if err != nil {
		return nil, err
	}
	err = d.Run(ctx, files, func(r *driver.Result) { collect(res, r, checker) })
	res.Sort()
	return res, err
}

// collect adds one file's findings and problems to res.
func collect(res *report.Result, r *driver.Result, checker *analysis.Analyzer) {
	path := displayPath(r.Path)
	for _, err := range r.Errors {
		res.Notifications = append(res.Notifications, report.Notification{Level: rules.LevelError, Path: path, Message: firstLine(err.Error())})
	}
	f, _ := r.Results[source.Analyzer].(*source.File)
	if f == nil {
		return
	}
	lines := newLineIndex(f)
	for _, p := range f.Problems {
		pos := lines.position(f.Tok.Offset(p.Pos))
		res.Notifications = append(res.Notifications, report.Notification{Level: rules.LevelWarning, Path: path, Line: pos.Line, Col: pos.Col, Message: p.Message})
	}
	out, _ := r.Results[checker].(*privgrant.Result)
	if out == nil || len(out.Findings) == 0 {
		return
	}
	hashes := report.LineHashes(f.Text)
	for _, fd := range out.Findings {
		start, end := lines.position(f.Tok.Offset(fd.Pos)), lines.position(f.Tok.Offset(fd.End))
		if fd.End == token.NoPos {
			end = start
		}
		finding := report.Finding{
			Rule: fd.Rule, Level: fd.Rule.Level, Path: path, Start: start, End: end, Message: fd.Message,
			Privilege: fd.Privilege, Account: fd.Account, SID: fd.SID, Class: fd.Class, Operation: fd.Operation,
		}
		if start.Line-1 < len(hashes) {
			finding.Fingerprint = hashes[start.Line-1]
		}
		for _, sf := range fd.SuggestedFixes {
			fix := report.Fix{Description: sf.Message}
			for _, e := range sf.TextEdits {
				so, eo := f.Tok.Offset(e.Pos), f.Tok.Offset(e.End)
				fix.Edits = append(fix.Edits, report.Edit{StartOffset: so, EndOffset: eo, Start: lines.position(so), End: lines.position(eo), New: string(e.NewText)})
			}
			finding.Fixes = append(finding.Fixes, fix)
		}
		res.Findings = append(res.Findings, finding)
	}
}

// lineIndex turns offsets of a decoded file into positions with byte and UTF-16 columns.
type lineIndex struct {
	text   []byte
	starts []int
}

func newLineIndex(f *source.File) lineIndex { return lineIndex{f.Text, source.LineStarts(f.Text)} }

func (li lineIndex) position(off int) report.Position {
	off = min(max(off, 0), len(li.text))
	// the last line start at or before off
	lo, hi := 0, len(li.starts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	seg := li.text[li.starts[lo]:off]
	col16 := 1
	for len(seg) > 0 {
		r, n := utf8.DecodeRune(seg)
		seg = seg[n:]
		col16++
		if r >= 0x10000 {
			col16++
		}
	}
	return report.Position{Line: lo + 1, Col: off - li.starts[lo] + 1, Col16: col16}
}

// displayPath returns p relative to the working directory when it is under it, with forward slashes.
func displayPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				p = rel
			}
		}
	}
	return filepath.ToSlash(p)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
