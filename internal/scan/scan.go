// Package scan runs a whole privlint scan: it finds the files, runs the analyzers over them in
// parallel and turns what they report into a report.Result, applying configuration, inline
// suppressions and a baseline.
package scan

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

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
	Rights          []rules.Right  // the built-in rights to check (--rights); nil: the configuration's, or the token rights
	MaxSize         int64          // files over this many bytes are skipped and reported; 0: the default
	Workers         int            // files analyzed at once; 0: one per CPU
	NoInlineIgnores bool           // ignore privlint:ignore comments (audits)
	ShowSuppressed  bool           // keep suppressed findings in the result, marked
	Baseline        Baseline       // findings already known: left out
	Now             time.Time      // for allow entries' expiry; zero: the current time
	Version         string
	// Stdin, when set, is the one file to scan, in place of Paths: text an editor holds, read from
	// standard input, analyzed as the file at Stdin.Name (its language, configuration and where
	// findings are); files read beside it are read beside that name.
	Stdin *Stdin
	// MayReadBeside, when set, is asked before a file beside a scanned one is read (an Ansible
	// role's vars, a template), with that file's path, and a file it refuses is not read: an
	// editor's language server keeps every read inside the workspace.
	MayReadBeside func(path string) bool
}

// Stdin is text to scan as if it were the file Name.
type Stdin struct {
	Name string
	Data []byte
	// Size is the text's size in bytes, when Data holds only its start: over the size limit, the
	// file is skipped and reported as one on disk is. 0: len(Data).
	Size int64
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
	if opts.Stdin == nil {
		s.c.calls = newCallIndex()
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
	if err == nil && s.c.calls != nil {
		err = s.followCalls(ctx, res)
	}
	if err == nil {
		res.Notifications = append(res.Notifications, s.unusedAllows()...)
		var roots []string
		for _, p := range s.dirRoots() {
			roots = append(roots, s.c.show.path(p))
		}
		res.BaselineUnmatched = s.opts.Baseline.unmatched(s.c.baseUsed, s.c.read, s.c.met, roots)
	}
	res.Sort()
	return res, err
}

// unusedAllows reports the configuration's allow entries (not expired: those are reported anyway)
// that accepted no finding, when the scan read every file they could apply to: when one of the
// paths scanned is a directory that holds the configuration file's directory. A scan of some files
// (pre-commit names the staged ones) cannot tell an unused entry from one for files it did not read.
func (s *session) unusedAllows() []report.Notification {
	if s.cfg.Path == "" || !s.coversDir(s.cfg.Dir) {
		return nil
	}
	var out []report.Notification
	for i := range s.cfg.Allow {
		a := &s.cfg.Allow[i]
		if a.ExpiredOn(s.opts.Now) || s.c.allowUsed[a] {
			continue
		}
		out = append(out, report.Notification{
			Level: rules.LevelWarning, Path: s.c.show.path(s.cfg.Path), Line: a.Line, Col: a.Col,
			Message: fmt.Sprintf("allow entry for %s accepts no finding; remove it", a.Account),
		})
	}
	return out
}

// coversDir reports whether one of the scan's paths is the directory dir (absolute) or holds it.
func (s *session) coversDir(dir string) bool {
	for _, p := range s.dirRoots() {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(abs, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// dirRoots returns the scan's paths that are directories.
func (s *session) dirRoots() []string {
	var out []string
	for _, p := range s.paths {
		if info, err := os.Lstat(p); err == nil && info.IsDir() {
			out = append(out, p)
		}
	}
	return out
}

type collector struct {
	opts    Options
	cfg     *config.Config
	checker *analysis.Analyzer
	rights  *rules.Set        // the rights the scan checks
	filter  *source.Prefilter // skips files that hold none of the words the rights' extraction needs
	show    displayer
	named   map[string]bool // the regular files named as paths to scan, not found by a walk

	mu        sync.Mutex             // guards what follows, which collect fills from several workers
	allowUsed map[*config.Allow]bool // the allow entries that accepted a finding
	baseUsed  map[string]bool        // the baseline entries that matched a finding (baselineKey)
	read      map[string]bool        // the files read and analyzed, as shown
	met       map[string]bool        // every file the scan met, read or not, as shown
	// calls gathers what the repository-level step needs (calls.go); nil when the scan does not
	// follow calls (fixes, standard input).
	calls *callIndex
}

// meet records a file the scan met, and whether it was read, when the baseline names it: what the
// stale-entry count needs, and nothing that grows with the tree otherwise.
func (c *collector) meet(path string, read bool) {
	if !c.opts.Baseline.names(path) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.met[path] = true
	if read {
		c.read[path] = true
	}
}

// used records an allow entry that accepted a finding, and a baseline entry that matched one.
func (c *collector) used(a *config.Allow, baselineKey string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if a != nil {
		c.allowUsed[a] = true
	}
	if baselineKey != "" {
		c.baseUsed[baselineKey] = true
	}
}

// collect returns one file's findings and notifications. It runs in the driver's workers, for
// several files at once, and costs what the file's findings cost: every line's text is examined
// once, however many findings it has.
func (c *collector) collect(r *driver.Result) ([]report.Finding, []report.Notification) {
	path := c.show.path(r.Path)
	c.meet(path, len(r.Errors) == 0)
	if r.Filtered {
		return nil, nil
	}
	var notes []report.Notification
	for _, err := range r.Errors {
		level := rules.LevelError
		var tooLarge *discover.TooLargeError
		if errors.As(err, &tooLarge) {
			level = rules.LevelWarning // skipped by the configured limit, and said so
		}
		notes = append(notes, report.Notification{Level: level, Path: path, Message: firstLine(err.Error())})
	}
	f, _ := r.Results[source.Analyzer].(*source.File)
	if f == nil {
		return nil, notes
	}
	lines := fileLineIndex(f)
	if c.calls != nil {
		c.calls.record(r, f, lines, path)
	}
	if f.Lang == source.LangNone && c.named[r.Path] && len(f.Problems) == 0 {
		// It passed the keyword prefilter: it may grant a right in a form privlint cannot tell.
		notes = append(notes, report.Notification{Level: rules.LevelWarning, Path: path, Message: "mentions a right, but privlint cannot tell this file's language by its name, first line or content, so it is not analyzed; give it the extension of its language"})
	}
	for _, p := range f.Problems {
		pos := lines.Position(f.Tok.Offset(p.Pos))
		notes = append(notes, report.Notification{Level: rules.LevelWarning, Path: path, Line: pos.Line, Col: pos.Col, Message: p.Message})
	}
	var directives []*suppress.Directive
	if !c.opts.NoInlineIgnores {
		directives = suppress.Parse(f.Text)
	}
	out, _ := r.Results[c.checker].(*privgrant.Result)
	if out != nil && out.Omitted > 0 {
		notes = append(notes, report.Notification{Level: rules.LevelWarning, Path: path, Message: fmt.Sprintf(
			"%d more findings in this file are not reported: privlint stops at %d findings per file", out.Omitted, privgrant.MaxFindings)})
	}
	hasher := newFindingHasher(lines, c.opts.Baseline, path)
	var kept []report.Finding
	for _, fd := range findings(out) {
		setting := c.cfg.Rules[fd.Rule.ID]
		if setting.Off {
			continue
		}
		finding := c.finding(f, lines, path, fd)
		finding.FindingHash = hasher.v2(&finding)
		v1, hasV1 := hasher.v1(&finding)
		if setting.Level != "" {
			finding.Level = setting.Level
		}
		if right, ok := c.rights.Lookup(fd.Privilege); ok && fd.Account != "" {
			id := rules.Identify(fd.Account)
			if a, ok := c.cfg.Allowed(r.Path, right, fd.Account, fd.SID, id.Name, c.opts.Now); ok {
				finding.Suppression = &report.Suppression{Kind: "external", Justification: a.Reason}
				c.used(a, "")
			}
		}
		if finding.Suppression == nil {
			if d, ok := suppress.Match(directives, fd.Rule.ID, finding.Start.Line); ok {
				finding.Suppression = &report.Suppression{Kind: "inSource", Justification: d.Reason}
			}
		}
		if c.opts.Baseline.Has(&finding) {
			c.used(nil, baselineKey(fd.Rule.ID, path, finding.FindingHash))
			continue
		}
		if hasV1 && c.opts.Baseline.hasHash(fd.Rule.ID, path, v1) {
			c.used(nil, baselineKey(fd.Rule.ID, path, v1))
			continue
		}
		if finding.Suppression != nil && !c.opts.ShowSuppressed {
			continue
		}
		kept = append(kept, finding)
	}
	if hasher.v1Short > 0 {
		notes = append(notes, report.Notification{Level: rules.LevelWarning, Path: path, Line: hasher.v1Short, Message: fmt.Sprintf(
			"the baseline's %s entries are not matched from this line on: their hash covers a finding's whole line, and this file's lines are too long for it; write the baseline again with this privlint (%s)",
			report.FindingHashKeyV1, report.FindingHashKey)})
	}
	fingerprint(f.Raw, kept)
	for _, d := range directives {
		msg := d.Problem
		if msg == "" && !d.Used {
			msg = fmt.Sprintf("%s %s matches no finding on this line or the next; remove it", suppress.Marker, strings.Join(d.Rules, ","))
		}
		if msg != "" {
			notes = append(notes, report.Notification{Level: rules.LevelWarning, Path: path, Line: d.Line, Col: d.Col, Message: msg})
		}
	}
	return kept, notes
}

func findings(r *privgrant.Result) []privgrant.Finding {
	if r == nil {
		return nil
	}
	return r.Findings
}

// fingerprint sets the primaryLocationLineHash of findings, computed for their start lines only,
// over the file's raw bytes as GitHub's upload action computes it (see report.LineHashes): for a
// UTF-16 file, or one with a byte-order mark, the decoded text would give other values, and the
// action would warn of an inconsistent fingerprint for every result.
func fingerprint(text []byte, findings []report.Finding) {
	if len(findings) == 0 {
		return
	}
	lines := make([]int, 0, len(findings))
	for i := range findings {
		lines = append(lines, findings[i].Start.Line)
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	lineWork.Add(2 * int64(len(text)))
	hashes := report.LineHashesAt(text, lines)
	for i := range findings {
		if k, ok := slices.BinarySearch(lines, findings[i].Start.Line); ok {
			findings[i].Fingerprint = hashes[k]
		}
	}
}

// finding converts one checker finding. Strings that may share memory with the file's text are
// copied, so that a finding kept until the end of the run does not keep its file.
func (c *collector) finding(f *source.File, lines *LineIndex, path string, fd privgrant.Finding) report.Finding {
	start, end := place(f, lines, fd.Pos, fd.End)
	out := report.Finding{
		Rule: fd.Rule, Level: cmp.Or(fd.Level, fd.Rule.Level), Path: path, Start: start, End: end, Message: fd.Message,
		Privilege: fd.Privilege, Account: strings.Clone(fd.Account), SID: strings.Clone(fd.SID), Class: fd.Class, Operation: fd.Operation,
	}
	for _, sf := range fd.SuggestedFixes {
		fix := report.Fix{Description: sf.Message}
		for _, e := range sf.TextEdits {
			so, eo := f.Tok.Offset(e.Pos), f.Tok.Offset(e.End)
			fix.Edits = append(fix.Edits, report.Edit{StartOffset: so, EndOffset: eo, Start: lines.Position(so), End: lines.Position(eo), New: string(e.NewText)})
		}
		out.Fixes = append(out.Fixes, fix)
	}
	for _, e := range fd.Elsewhere { // calls in other files come first: they are outermost
		at := report.Position{Line: e.Line, Col: e.Col, Col16: e.Col16}
		out.Related = append(out.Related, report.Related{Path: e.Path, Start: at, End: at, Message: e.Message})
	}
	out.Related = append(out.Related, related(f, lines, path, fd.Related)...)
	return out
}

// related converts a finding's related information, placed through the line index of its file:
// each is in the file analyzed. One whose position lies outside that file is left out (a
// repository-level step places those in the files they name).
func related(f *source.File, lines *LineIndex, path string, infos []analysis.RelatedInformation) []report.Related {
	var out []report.Related
	for _, ri := range infos {
		if !inFile(f, ri.Pos) {
			continue
		}
		start, end := place(f, lines, ri.Pos, ri.End)
		out = append(out, report.Related{Path: path, Start: start, End: end, Message: strings.Clone(ri.Message)})
	}
	return out
}

// place returns the positions of pos, in f, and of end; end is pos when it is not valid, lies
// outside f or comes before pos.
func place(f *source.File, lines *LineIndex, pos, end token.Pos) (report.Position, report.Position) {
	start := lines.Position(f.Tok.Offset(pos))
	if !end.IsValid() || !inFile(f, end) || end < pos {
		return start, start
	}
	return start, lines.Position(f.Tok.Offset(end))
}

// inFile reports whether p is a position of f's text, its end included.
func inFile(f *source.File, p token.Pos) bool {
	return int(p) >= f.Tok.Base() && int(p) <= f.Tok.Base()+f.Tok.Size()
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
