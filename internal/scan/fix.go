package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/config"
	"github.com/privlint/privlint/internal/discover"
	"github.com/privlint/privlint/internal/escape"
	"github.com/privlint/privlint/internal/report"
	"github.com/privlint/privlint/rules"
)

// maxFixRounds bounds how often one file is re-analyzed while fixes remain: fixes whose edits touch
// each other (two neighbors in one list) are applied in successive rounds.
const maxFixRounds = 16

// Fix applies the suggested fixes of every finding the scan would report (suppressed findings are
// left alone). With diff nil it rewrites each changed file atomically in its original encoding,
// byte-order mark and line endings; otherwise it writes a unified diff of the decoded text to diff and
// changes nothing. It returns the paths it changed (or would change).
func Fix(ctx context.Context, opts Options, diff io.Writer) ([]string, error) {
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cfg := opts.Config
	if cfg == nil {
		cfg = &config.Config{}
	}
	files, _, err := discover.Files(paths)
	if err != nil {
		return nil, err
	}
	checker := privgrant.New(rules.Policy{Exceptions: append(append([]string(nil), cfg.Exceptions...), opts.Exceptions...)})
	c := &collector{opts: opts, cfg: cfg, checker: checker, show: newDisplayer()}
	var changed []string
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return changed, err
		}
		if cfg.Excluded(path) {
			continue
		}
		raw, err := discover.ReadFile(path, opts.MaxSize)
		if err != nil {
			var tooLarge *discover.TooLargeError
			if errors.As(err, &tooLarge) {
				continue // the scan reports it
			}
			return changed, err
		}
		text, enc, _ := source.Decode(raw)
		fixed := text
		for range maxFixRounds {
			edits := c.fixEdits(path, source.Encode(fixed, enc))
			if len(edits) == 0 {
				break
			}
			fixed = applyEdits(fixed, edits)
		}
		if bytes.Equal(fixed, text) {
			continue
		}
		changed = append(changed, path)
		if diff != nil {
			if err := unifiedDiff(diff, c.show.path(path), text, fixed); err != nil {
				return changed, err
			}
			continue
		}
		if err := writeAtomic(path, source.Encode(fixed, enc)); err != nil {
			return changed, err
		}
	}
	return changed, nil
}

// fixEdits analyzes content as the file at path and returns the edits of the reported findings'
// first fixes that do not overlap one another, in order.
func (c *collector) fixEdits(path string, content []byte) []report.Edit {
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{c.checker}, driver.ReadFile(func(string) ([]byte, error) { return content, nil }))
	if err != nil {
		return nil
	}
	findings, _ := c.collect(d.Analyze(path))
	var edits []report.Edit
	for _, f := range findings {
		if f.Suppression != nil || c.opts.Baseline.Has(&f) || len(f.Fixes) == 0 {
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

// applyEdits splices sorted, non-overlapping edits into text.
func applyEdits(text []byte, edits []report.Edit) []byte {
	var b bytes.Buffer
	last := 0
	for _, e := range edits {
		b.Write(text[last:e.StartOffset])
		b.WriteString(e.New)
		last = e.EndOffset
	}
	b.Write(text[last:])
	return b.Bytes()
}

// writeAtomic replaces the file at path with data through a temporary file in the same directory,
// keeping the file's permissions.
func writeAtomic(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".privlint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// unifiedDiff writes the changed lines of a file as a unified diff with three lines of context. Fixes
// edit within lines, so lines are compared pairwise when the counts agree; otherwise the changed
// region between the common head and tail is one hunk. The name is quoted as git quotes it and a
// line that could forge output is escaped (escape.DiffPath, escape.DiffLine).
func unifiedDiff(w io.Writer, name string, old, new []byte) error {
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
		return nil
	}
	var out strings.Builder
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
				writeLine(&out, " ", a[pos])
			}
			for _, l := range a[ch.a0:ch.a1] {
				writeLine(&out, "-", l)
			}
			for _, l := range b[ch.b0:ch.b1] {
				writeLine(&out, "+", l)
			}
			pos = ch.a1
		}
		for ; pos < a1; pos++ {
			writeLine(&out, " ", a[pos])
		}
		i = j + 1
	}
	_, err := io.WriteString(w, out.String())
	return err
}

// writeLine writes one line of a hunk; escape.DiffLine writes it as it is unless it would forge
// output.
func writeLine(b *strings.Builder, prefix, line string) {
	b.WriteString(escape.DiffLine(prefix, strings.TrimRight(line, "\r\n")))
	b.WriteByte('\n')
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
