package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/escape"
	"github.com/privlint/privlint/internal/report"
)

// maxFixRounds bounds how often one file is re-analyzed while fixes remain: fixes whose edits touch
// each other (two neighbors in one list) are applied in successive rounds.
const maxFixRounds = 16

// FixResult is what Fix did.
type FixResult struct {
	// Changed holds the files fixed (with a diff: that a fix would change), in path order.
	Changed []string
	// Binary holds, with a diff, the files of Changed whose patch is a GIT binary patch (see
	// writeDiff).
	Binary []string
	// Failed holds the files that have fixes which could not be written, and why; Changed holds
	// the others, which were fixed.
	Failed []FixFailure
	// Notifications are the problems the analysis met, as a scan reports them: files that could
	// not be read, or fully decoded, and so were not fixed.
	Notifications []report.Notification
}

// FixFailure is a file whose fixes could not be written.
type FixFailure struct {
	Path string
	Err  error
}

// Fix applies the suggested fixes of every finding the scan would report (suppressed findings are
// left alone). It analyzes every file as Run does (the same walk, reader, keyword prefilter,
// limits and budgets) and plans every file's fixes in memory before it writes any: each fix is
// spliced into the file's bytes, so that its encoding, byte-order mark, line ends and every byte
// outside the removed spans stay as they were, and the file is analyzed again, as a scan would,
// until no fix remains. With diff nil it then replaces each changed file through its reader
// (discover.Reader.Rewrite: atomically, keeping its permissions and owner, never through a symbolic
// link, refusing read-only files and files changed since they were read); a file that cannot be
// written is a FixFailure and the others are still fixed. With diff set it writes a unified diff of
// the decoded text to diff and changes nothing. The error is a walk's: a path that does not exist.
func Fix(ctx context.Context, opts Options, diff io.Writer) (*FixResult, error) {
	s := newSession(opts)
	defer s.close()
	type plan struct {
		path       string
		raw, fixed []byte
		edits      []report.Edit
	}
	var (
		plans []*plan
		res   = &FixResult{}
		mu    sync.Mutex // guards res.Notifications and plans against the workers and the walk
	)
	_, err := s.analyze(ctx, func(r *driver.Result) {
		findings, notes := s.c.collect(r)
		f, _ := r.Results[source.Analyzer].(*source.File)
		mu.Lock()
		defer mu.Unlock()
		res.Notifications = append(res.Notifications, notes...)
		if edits := fixEdits(findings); len(edits) > 0 && f != nil {
			plans = append(plans, &plan{path: r.Path, raw: f.Raw, edits: edits})
		}
	}, func(n report.Notification) {
		mu.Lock()
		res.Notifications = append(res.Notifications, n)
		mu.Unlock()
	})
	if err != nil {
		var walkErr *walkError
		if errors.As(err, &walkErr) {
			err = walkErr.err
		}
		return nil, err
	}
	sort.Slice(plans, func(i, j int) bool { return plans[i].path < plans[j].path })
	for _, p := range plans {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if p.fixed, err = s.fixRounds(p.path, p.raw, p.edits); err != nil {
			return nil, err
		}
	}
	for _, p := range plans {
		if bytes.Equal(p.fixed, p.raw) {
			continue
		}
		if diff != nil {
			binary, err := writeDiff(diff, s.c.show.path(p.path), p.raw, p.fixed)
			if err != nil {
				return nil, err
			}
			if binary {
				res.Binary = append(res.Binary, p.path)
			}
			res.Changed = append(res.Changed, p.path)
			continue
		}
		if err := s.reader.Rewrite(p.path, p.raw, p.fixed); err != nil {
			res.Failed = append(res.Failed, FixFailure{Path: p.path, Err: err})
			continue
		}
		res.Changed = append(res.Changed, p.path)
	}
	return res, nil
}

// fixRounds applies edits to raw, the content of the file at path, then analyzes the result as a
// scan would and applies the fixes found there, until none remain or maxFixRounds is reached.
func (s *session) fixRounds(path string, raw []byte, edits []report.Edit) ([]byte, error) {
	content := raw
	for round := 0; len(edits) > 0 && round < maxFixRounds; round++ {
		content = splice(content, edits)
		next := content
		d, err := s.driver(func(p string) ([]byte, error) {
			if p != path {
				return nil, fmt.Errorf("%s: not the file being fixed", p)
			}
			return next, nil
		})
		if err != nil {
			return nil, err
		}
		findings, _ := s.c.collect(d.Analyze(path))
		edits = fixEdits(findings)
	}
	return content, nil
}

// fixEdits returns the edits of the first fixes of findings that are reported (neither suppressed
// nor in the baseline) and do not overlap one another, in order.
func fixEdits(findings []report.Finding) []report.Edit {
	var edits []report.Edit
	for _, f := range findings {
		if f.Suppression != nil || len(f.Fixes) == 0 {
			continue
		}
		edits = append(edits, f.Fixes[0].Edits...)
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].StartOffset < edits[j].StartOffset })
	var out []report.Edit
	end := -1
	for _, e := range edits {
		if e.StartOffset < end || (e.StartOffset == end && e.StartOffset == e.EndOffset) {
			continue // touches an edit already chosen: next round
		}
		out = append(out, e)
		end = e.EndOffset
	}
	return out
}

// splice applies sorted, non-overlapping edits, whose offsets are in the text raw decodes to, to
// raw itself: each edit's span is mapped to raw's bytes and its new text encoded as raw is, so
// every byte outside the spans stays as it was (source.RawOffsets).
func splice(raw []byte, edits []report.Edit) []byte {
	enc := source.DetectEncoding(raw)
	offs := make([]int, 0, 2*len(edits))
	for _, e := range edits {
		offs = append(offs, e.StartOffset, e.EndOffset)
	}
	at := source.RawOffsets(raw, enc, offs)
	var b bytes.Buffer
	last := 0
	for i, e := range edits {
		start, end := at[2*i], at[2*i+1]
		b.Write(raw[last:start])
		b.Write(source.Encode([]byte(e.New), enc.WithoutBOM()))
		last = end
	}
	b.Write(raw[last:])
	return b.Bytes()
}

// writeDiff writes the change of the file name from raw to fixed as a patch git apply applies: a
// unified diff when both are UTF-8 text with LF line ends whose changed and context lines print as
// they are, otherwise (UTF-16, a byte-order mark, CR line ends, bytes that are not UTF-8, a line
// the output must escape) a GIT binary patch of the raw bytes, and binary is true.
func writeDiff(w io.Writer, name string, raw, fixed []byte) (binary bool, err error) {
	old, _, _ := source.Decode(raw)
	new, _, _ := source.Decode(fixed)
	if textPatchable(raw, old) && textPatchable(fixed, new) {
		if text, verbatim := unifiedDiff(name, old, new); verbatim {
			_, err := io.WriteString(w, text)
			return false, err
		}
	}
	return true, binaryPatch(w, name, raw, fixed)
}

// unifiedDiff returns the changed lines of a file as a unified diff with three lines of context,
// and whether every line of it is written as it is. Fixes edit within lines, so lines are compared
// pairwise when the counts agree; otherwise the changed region between the common head and tail is
// one hunk. The name is quoted as git quotes it and a line that could forge output is escaped
// (escape.DiffPath, escape.DiffLine): such a hunk does not apply, and verbatim is false.
func unifiedDiff(name string, old, new []byte) (text string, verbatim bool) {
	a, b := splitKeepEnds(old), splitKeepEnds(new)
	type span struct{ a0, a1, b0, b1 int }
	var changes []span
	if len(a) == len(b) {
		for i := range a {
			switch {
			case a[i] == b[i]:
			case len(changes) > 0 && changes[len(changes)-1].a1 == i: // extend a run of changed lines
				changes[len(changes)-1].a1, changes[len(changes)-1].b1 = i+1, i+1
			default:
				changes = append(changes, span{i, i + 1, i, i + 1})
			}
		}
	} else {
		head := 0
		for head < len(a) && head < len(b) && a[head] == b[head] {
			head++
		}
		tail := 0
		for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
			tail++
		}
		changes = append(changes, span{head, len(a) - tail, head, len(b) - tail})
	}
	if len(changes) == 0 {
		return "", true
	}
	var out strings.Builder
	verbatim = true
	writeLine := func(prefix, line string) {
		line = strings.TrimRight(line, "\r\n")
		l := escape.DiffLine(prefix, line)
		verbatim = verbatim && l == prefix+line
		out.WriteString(l)
		out.WriteByte('\n')
	}
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", escape.DiffPath("a/"+name), escape.DiffPath("b/"+name))
	const ctx = 3
	for i := 0; i < len(changes); {
		// merge changes whose context overlaps into one hunk
		j := i
		for j+1 < len(changes) && changes[j+1].a0-changes[j].a1 <= 2*ctx {
			j++
		}
		a0, a1 := max(changes[i].a0-ctx, 0), min(changes[j].a1+ctx, len(a))
		b0 := changes[i].b0 - (changes[i].a0 - a0)
		b1 := changes[j].b1 + (a1 - changes[j].a1)
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", a0+1, a1-a0, b0+1, b1-b0)
		pos := a0
		for k := i; k <= j; k++ {
			ch := changes[k]
			for ; pos < ch.a0; pos++ {
				writeLine(" ", a[pos])
			}
			for _, l := range a[ch.a0:ch.a1] {
				writeLine("-", l)
			}
			for _, l := range b[ch.b0:ch.b1] {
				writeLine("+", l)
			}
			pos = ch.a1
		}
		for ; pos < a1; pos++ {
			writeLine(" ", a[pos])
		}
		i = j + 1
	}
	return out.String(), verbatim
}

// splitKeepEnds splits text into lines that keep their terminators (CRLF, LF or bare CR).
func splitKeepEnds(text []byte) []string {
	starts := source.LineStarts(text)
	out := make([]string, 0, len(starts))
	for i, s := range starts {
		e := len(text)
		if i+1 < len(starts) {
			e = starts[i+1]
		}
		if s < e {
			out = append(out, string(text[s:e]))
		}
	}
	return out
}
