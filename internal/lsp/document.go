package lsp

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/privlint/privlint/internal/config"
	"github.com/privlint/privlint/internal/escape"
	"github.com/privlint/privlint/internal/report"
	"github.com/privlint/privlint/internal/scan"
	"github.com/privlint/privlint/rules"
)

// document is a text the client holds open, and what its last analysis found.
type document struct {
	uri     string
	path    string
	version int32
	text    string
	// tooLarge is the size of a text that ranged changes made larger than a message may be: the
	// text is dropped, reported as too large, and ranged changes are ignored until a whole text.
	tooLarge int64
	findings []report.Finding
	diags    []diagnostic // diags[i] is findings[i]'s for i < len(findings), then notifications'
}

// root is a workspace folder: its path as the client named it, and with symbolic links resolved.
type root struct {
	path, real string
}

func newRoot(uri string) (root, bool) {
	p, ok := uriPath(uri)
	if !ok {
		return root{}, false
	}
	return newRootPath(p)
}

func newRootPath(p string) (root, bool) {
	if !filepath.IsAbs(p) {
		return root{}, false
	}
	p = filepath.Clean(p)
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return root{}, false
	}
	return root{path: p, real: real}, true
}

// uriPath returns the local path of a file: URI, absolute and clean; any other URI is refused.
func uriPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || !strings.EqualFold(u.Scheme, "file") || u.Opaque != "" || (u.Host != "" && !strings.EqualFold(u.Host, "localhost")) {
		return "", false
	}
	p := u.Path
	if strings.ContainsRune(p, 0) {
		return "", false
	}
	if runtime.GOOS == "windows" && len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:] // file:///C:/x
	}
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		return "", false
	}
	return filepath.Clean(p), true
}

// within reports whether p is dir or below it; both are clean and absolute.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// workspaceOf returns the workspace folder that holds the file at path, its directory's symbolic
// links resolved included; ok is false for a file outside every folder, which is analyzed alone.
func (s *server) workspaceOf(path string) (root, bool) {
	dir := filepath.Dir(path)
	real, ok := resolve(dir)
	if !ok {
		return root{}, false
	}
	var best root
	found := false
	for _, r := range s.roots {
		if within(r.path, dir) && within(r.real, real) && len(r.path) > len(best.path) {
			best, found = r, true
		}
	}
	return best, found
}

// resolve returns the directory dir with its symbolic links resolved, for a directory that does not
// exist (yet: a new document's) its nearest existing parent's resolved and the rest as it is.
func resolve(dir string) (string, bool) {
	for d := dir; ; d = filepath.Dir(d) {
		if real, err := filepath.EvalSymlinks(d); err == nil {
			rest, err := filepath.Rel(d, dir)
			return filepath.Join(real, rest), err == nil
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// findConfig returns the configuration file a scan of path would use, looking from path's
// directory up to the workspace folder ws and no further; "" when there is none.
func findConfig(path, ws string) string {
	for dir := filepath.Dir(path); within(ws, dir); dir = filepath.Dir(dir) {
		p := filepath.Join(dir, config.FileName)
		if info, err := os.Lstat(p); err == nil && !info.IsDir() {
			return p
		}
		if dir == ws {
			break
		}
	}
	return ""
}

// open starts following a document: a URI that is not a file's is ignored.
func (s *server) open(uri string, version int32, text string) {
	path, ok := uriPath(uri)
	if !ok {
		return
	}
	d := &document{uri: uri, path: path, version: version, text: text}
	s.docs[uri] = d
	s.analyze(d)
}

// change applies a document's changes, whole texts or ranges, and analyzes it again. Ranged
// changes, which the server does not ask for, are applied all the same, within the message limit.
func (s *server) change(p *didChangeParams) {
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return
	}
	for _, c := range p.ContentChanges {
		switch {
		case c.Range == nil:
			d.text, d.tooLarge = c.Text, 0
		case d.tooLarge == 0:
			start, end := offsetOf(d.text, c.Range.Start, s.encoding), offsetOf(d.text, c.Range.End, s.encoding)
			if end < start {
				start, end = end, start
			}
			d.text = d.text[:start] + c.Text + d.text[end:]
			if n := int64(len(d.text)); n > s.maxMessage {
				d.text, d.tooLarge = "", n
			}
		}
	}
	d.version = p.TextDocument.Version
	s.analyze(d)
}

// save analyzes the saved document again, and every open document when it is a configuration
// file, whose change applies to them.
func (s *server) save(uri string) {
	d := s.docs[uri]
	path, ok := uriPath(uri)
	if ok && filepath.Base(path) == config.FileName {
		for _, o := range s.docs {
			s.analyze(o)
		}
		return
	}
	if d != nil {
		s.analyze(d)
	}
}

// close stops following a document and clears its diagnostics.
func (s *server) close(uri string) {
	if _, ok := s.docs[uri]; !ok {
		return
	}
	delete(s.docs, uri)
	if err := s.send("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Diagnostics: []diagnostic{}}); err != nil {
		s.logf("privlint lsp: %v", err)
	}
}

// analyze scans the document's text as the file at its path, as `privlint - --stdin-filename`
// does, with the configuration a scan would find, and publishes the diagnostics. Only the
// document's workspace folder is read (its configuration, the files an extractor reads beside the
// document); a document outside every folder is analyzed without either.
func (s *server) analyze(d *document) {
	d.findings, d.diags = nil, nil
	opts := scan.Options{
		Stdin:   &scan.Stdin{Name: d.path, Data: []byte(d.text), Size: d.tooLarge},
		MaxSize: s.opts.MaxSize,
		Workers: 1,
		Version: s.opts.Version,
	}
	ws, inside := s.workspaceOf(d.path)
	opts.MayReadBeside = func(p string) bool { return inside && within(ws.path, filepath.Clean(p)) }
	var err error
	if inside {
		if cfg := findConfig(d.path, ws.path); cfg != "" {
			if opts.Config, err = config.Load(cfg); err != nil {
				err = fmt.Errorf("configuration: %w", err)
			}
		}
	}
	var res *report.Result
	if err == nil {
		res, err = scan.Run(context.Background(), opts)
	}
	if err != nil {
		d.diags = append(d.diags, diagnostic{Severity: severityError, Source: "privlint", Message: escape.Human(err.Error())})
	} else {
		s.diagnose(d, res)
	}
	diags := d.diags
	if diags == nil {
		diags = []diagnostic{}
	}
	version := d.version
	if err := s.send("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: d.uri, Version: &version, Diagnostics: diags}); err != nil {
		s.logf("privlint lsp: %v", err)
	}
}

// diagnose turns a scan's findings, and its notifications about the document, into diagnostics.
// Messages are rendered by escape.Human, as the text format renders them: they quote the document
// (accounts), and an editor shows a bidirectional or invisible character in them as it is.
func (s *server) diagnose(d *document, res *report.Result) {
	d.findings = res.Findings
	for i := range res.Findings {
		f := &res.Findings[i]
		d.diags = append(d.diags, diagnostic{
			Range:              lspRange{s.position(f.Start), s.position(f.End)},
			Severity:           severity(f.Level),
			Code:               f.Rule.ID,
			CodeDescription:    &codeDescription{Href: f.Rule.HelpURI()},
			Source:             "privlint",
			Message:            escape.Human(f.Message),
			RelatedInformation: s.related(d, f.Related),
		})
	}
	for _, n := range res.Notifications {
		if abs, err := filepath.Abs(filepath.FromSlash(n.Path)); err != nil || abs != d.path {
			continue // about the configuration file, not the document
		}
		var at position
		if n.Line > 0 {
			at = s.position(byteColumn(d.text, n.Line, n.Col))
		}
		d.diags = append(d.diags, diagnostic{Range: lspRange{at, at}, Severity: severity(n.Level), Source: "privlint", Message: escape.Human(n.Message)})
	}
}

// related turns a finding's related locations (the calls through which an account reached the
// grant, a duplicate's first assignment) into related information, in the document or in the file
// another location names.
func (s *server) related(d *document, rel []report.Related) []diagnosticRelatedInformation {
	var out []diagnosticRelatedInformation
	for _, r := range rel {
		abs, err := filepath.Abs(filepath.FromSlash(r.Path))
		if err != nil {
			continue
		}
		uri := d.uri
		if abs != d.path {
			uri = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
		}
		out = append(out, diagnosticRelatedInformation{
			Location: location{URI: uri, Range: lspRange{s.position(r.Start), s.position(r.End)}},
			Message:  escape.Human(r.Message),
		})
	}
	return out
}

// codeActions returns the fixes of the findings whose range meets the one asked about, as quick
// fixes that edit the document.
func (s *server) codeActions(p *codeActionParams) []codeAction {
	actions := []codeAction{}
	d := s.docs[p.TextDocument.URI]
	if d == nil || (len(p.Context.Only) > 0 && !wantsQuickFix(p.Context.Only)) {
		return actions
	}
	for i := range d.findings {
		f, diag := &d.findings[i], d.diags[i]
		if !meets(diag.Range, p.Range) {
			continue
		}
		for _, fix := range f.Fixes {
			edits := []textEdit{}
			for _, e := range fix.Edits {
				edits = append(edits, textEdit{Range: lspRange{s.position(e.Start), s.position(e.End)}, NewText: e.New})
			}
			title := escape.Human(fix.Description)
			if title == "" {
				title = "privlint: fix " + f.Rule.ID
			}
			actions = append(actions, codeAction{
				Title: title, Kind: codeActionQuickFix, Diagnostics: []diagnostic{diag},
				IsPreferred: len(f.Fixes) == 1, Edit: workspaceEdit{Changes: map[string][]textEdit{d.uri: edits}},
			})
		}
	}
	return actions
}

// wantsQuickFix reports whether a code action request's kinds take in quick fixes.
func wantsQuickFix(only []string) bool {
	for _, k := range only {
		if k == codeActionQuickFix || k == "" {
			return true
		}
	}
	return false
}

// meets reports whether two ranges overlap or touch.
func meets(a, b lspRange) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(a, b position) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character)
}

// severity maps a level to a diagnostic's severity.
func severity(l rules.Level) int {
	switch l {
	case rules.LevelError:
		return severityError
	case rules.LevelNote:
		return severityInformation
	}
	return severityWarning
}
