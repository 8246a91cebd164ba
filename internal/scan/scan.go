// Package scan runs a whole privlint scan: it finds the files, runs the analyzers over them in
// parallel and turns what they report into a report.Result, applying configuration, inline
// suppressions and a baseline.
package scan

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/config"
	"github.com/privlint/privlint/internal/discover"
	"github.com/privlint/privlint/internal/report"
	"github.com/privlint/privlint/internal/suppress"
	"github.com/privlint/privlint/rules"
)

// Options configures a scan.
type Options struct {
	Paths           []string       // files and directories; none means "."
	Config          *config.Config // nil: no configuration file
	Exceptions      []string       // enabled component exceptions, besides the configuration's
	MaxSize         int64          // files over this many bytes are skipped and reported; 0: the default
	Workers         int            // files analyzed at once; 0: one per CPU
	NoInlineIgnores bool           // ignore privlint:ignore comments (audits)
	ShowSuppressed  bool           // keep suppressed findings in the result, marked
	Baseline        Baseline       // findings already known: left out
	Now             time.Time      // for allow entries' expiry; zero: the current time
	Version         string
}

// Run scans and returns the sorted result. The error is for paths that do not exist; problems with
// single files become notifications and the scan goes on.
func Run(ctx context.Context, opts Options) (*report.Result, error) {
	s := newSession(opts)
	defer s.close()
	res := &report.Result{Version: opts.Version}
	for _, a := range s.cfg.Expired(s.opts.Now) {
		res.Notifications = append(res.Notifications, report.Notification{
			Level: rules.LevelWarning, Path: s.c.show.path(s.cfg.Path), Line: a.Line, Col: a.Col,
			Message: fmt.Sprintf("allow entry for %s expired on %s and no longer applies", a.Account, a.Expires.Format(time.DateOnly)),
		})
	}
	var mu sync.Mutex // guards res.Notifications against the walk's skipped calls
	scanned, err := s.analyze(ctx, func(r *driver.Result) {
		findings, notes := s.c.collect(r)
		mu.Lock()
		res.Findings = append(res.Findings, findings...)
		res.Notifications = append(res.Notifications, notes...)
		mu.Unlock()
	}, func(n report.Notification) {
		mu.Lock()
		res.Notifications = append(res.Notifications, n)
		mu.Unlock()
	})
	var walkErr *walkError
	if errors.As(err, &walkErr) {
		return nil, walkErr.err
	}
	res.FilesScanned = scanned
	res.Sort()
	return res, err
}

// prefilter lets the driver skip files that hold none of the words any extractor needs.
func prefilter(_ string, content []byte) bool { return source.MayGrant(content) }

type collector struct {
	opts    Options
	cfg     *config.Config
	checker *analysis.Analyzer
	show    displayer
}

// collect returns one file's findings and notifications.
func (c *collector) collect(r *driver.Result) ([]report.Finding, []report.Notification) {
	if r.Filtered {
		return nil, nil
	}
	res := &report.Result{}
	path := c.show.path(r.Path)
	for _, err := range r.Errors {
		level := rules.LevelError
		var tooLarge *discover.TooLargeError
		if errors.As(err, &tooLarge) {
			level = rules.LevelWarning // skipped by the configured limit, and said so
		}
		res.Notifications = append(res.Notifications, report.Notification{Level: level, Path: path, Message: firstLine(err.Error())})
	}
	f, _ := r.Results[source.Analyzer].(*source.File)
	if f == nil {
		return nil, res.Notifications
	}
	lines := NewLineIndex(f.Text)
	for _, p := range f.Problems {
		pos := lines.Position(f.Tok.Offset(p.Pos))
		res.Notifications = append(res.Notifications, report.Notification{Level: rules.LevelWarning, Path: path, Line: pos.Line, Col: pos.Col, Message: p.Message})
	}
	var directives []*suppress.Directive
	if !c.opts.NoInlineIgnores {
		directives = suppress.Parse(f.Text)
	}
	out, _ := r.Results[c.checker].(*privgrant.Result)
	var hashes []string
	seen := map[string]int{}
	for _, fd := range findings(out) {
		setting := c.cfg.Rules[fd.Rule.ID]
		if setting.Off {
			continue
		}
		if hashes == nil {
			hashes = report.LineHashes(f.Text)
		}
		finding := c.finding(f, lines, hashes, path, fd)
		finding.FindingHash = findingHash(&finding, f.Text, lines, seen)
		if setting.Level != "" {
			finding.Level = setting.Level
		}
		if right, ok := rules.LookupRight(fd.Privilege); ok && fd.Account != "" {
			id := rules.Identify(fd.Account)
			if a, ok := c.cfg.Allowed(r.Path, right, fd.Account, fd.SID, id.Name, c.opts.Now); ok {
				finding.Suppression = &report.Suppression{Kind: "external", Justification: a.Reason}
			}
		}
		if finding.Suppression == nil {
			if d, ok := suppress.Match(directives, fd.Rule.ID, finding.Start.Line); ok {
				finding.Suppression = &report.Suppression{Kind: "inSource", Justification: d.Reason}
			}
		}
		if c.opts.Baseline.Has(&finding) {
			continue
		}
		if finding.Suppression != nil && !c.opts.ShowSuppressed {
			continue
		}
		res.Findings = append(res.Findings, finding)
	}
	for _, d := range directives {
		msg := d.Problem
		if msg == "" && !d.Used {
			msg = fmt.Sprintf("%s %s matches no finding on this line or the next; remove it", suppress.Marker, strings.Join(d.Rules, ","))
		}
		if msg != "" {
			res.Notifications = append(res.Notifications, report.Notification{Level: rules.LevelWarning, Path: path, Line: d.Line, Col: d.Col, Message: msg})
		}
	}
	return res.Findings, res.Notifications
}

func findings(r *privgrant.Result) []privgrant.Finding {
	if r == nil {
		return nil
	}
	return r.Findings
}

// finding converts one checker finding.
func (c *collector) finding(f *source.File, lines LineIndex, hashes []string, path string, fd privgrant.Finding) report.Finding {
	start := lines.Position(f.Tok.Offset(fd.Pos))
	end := start
	if fd.End.IsValid() {
		end = lines.Position(f.Tok.Offset(fd.End))
	}
	out := report.Finding{
		Rule: fd.Rule, Level: fd.Rule.Level, Path: path, Start: start, End: end, Message: fd.Message,
		Privilege: fd.Privilege, Account: fd.Account, SID: fd.SID, Class: fd.Class, Operation: fd.Operation,
	}
	if start.Line-1 < len(hashes) {
		out.Fingerprint = hashes[start.Line-1]
	}
	for _, sf := range fd.SuggestedFixes {
		fix := report.Fix{Description: sf.Message}
		for _, e := range sf.TextEdits {
			so, eo := f.Tok.Offset(e.Pos), f.Tok.Offset(e.End)
			fix.Edits = append(fix.Edits, report.Edit{StartOffset: so, EndOffset: eo, Start: lines.Position(so), End: lines.Position(eo), New: string(e.NewText)})
		}
		out.Fixes = append(out.Fixes, fix)
	}
	return out
}

// findingHash computes report.Finding.FindingHash; seen counts the hashes given so far in the file.
func findingHash(f *report.Finding, text []byte, lines LineIndex, seen map[string]int) string {
	h := sha256.New()
	line := text[lines.starts[f.Start.Line-1]:]
	if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", f.Rule.ID, f.Privilege, f.Account)
	for _, c := range line {
		if c != ' ' && c != '\t' {
			h.Write([]byte{c})
		}
	}
	sum := hex.EncodeToString(h.Sum(nil)[:8])
	seen[sum]++
	return fmt.Sprintf("%s:%d", sum, seen[sum])
}

// LineIndex turns offsets of decoded text into positions with byte and UTF-16 columns.
type LineIndex struct {
	text   []byte
	starts []int
}

// NewLineIndex indexes the lines of decoded text.
func NewLineIndex(text []byte) LineIndex { return LineIndex{text, source.LineStarts(text)} }

// Position returns the position of a byte offset.
func (li LineIndex) Position(off int) report.Position {
	off = min(max(off, 0), len(li.text))
	lo, hi := 0, len(li.starts) // the last line start at or before off
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

// displayer shows paths relative to the working directory it was made in.
type displayer struct{ wd string }

func newDisplayer() displayer {
	wd, _ := os.Getwd()
	return displayer{wd}
}

// path returns p relative to the working directory when it is under it, with forward slashes.
func (d displayer) path(p string) string {
	if !filepath.IsAbs(p) {
		return filepath.ToSlash(filepath.Clean(p))
	}
	if d.wd != "" {
		if rel, err := filepath.Rel(d.wd, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			p = rel
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
