// Package checktest runs analyzers over fixture files that carry their expectations inline, in the
// file's own comment syntax, the way analysistest does for Go:
//
//	; want "PL1001: .*svc-web"          (INF)
//	Grant-CPrivilege ... # want "PL1005" (PowerShell, shell)
//	REM want "PL1001"                   (batch)
//	<!-- want "PL1001" -->              (XML; also /* */ and <# #> block comments)
//
// The comment forms are those of source.Languages, whatever the file's language.
//
// Each quoted string is a regular expression (only \" is an escape in it) matched against
// "RULE: message" of one diagnostic; a trailing @N also requires the diagnostic's byte column to be
// N. `problem "regexp"` expects a problem the file's decoding or parsing recorded. A comment that is
// alone on its line applies to the next line that is not such a comment; otherwise it applies to
// its own line. Every unexpected diagnostic or problem and every unmatched expectation fails the
// test.
//
// A want may be followed by related clauses, which expect the diagnostic's related locations
// (analysis.Diagnostic.Related: the calls an account's value came through, a duplicate's first
// assignment):
//
//	# want "PL1001: .*svc" related "call of Grant-Rights"@12 related "call of Install"@20:5
//	; want "PL2004" related "first assignment"@3
//	# want "PL1001" related none
//
// Each `related "regexp"` is matched against one related location's message, in order; @LINE
// requires it to start on that line of the fixture, @LINE:COL also at that byte column. With at
// least one related clause (or `related none`) the diagnostic's related locations must be exactly
// those: one more, one fewer or one out of order fails. A want without related clauses does not
// look at them.
package checktest

import (
	"bytes"
	"context"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/discover"
)

// expectation is one `want` or `problem` entry.
type expectation struct {
	line    int
	problem bool
	re      *regexp.Regexp
	col     int // 0: any column
	met     bool
	// related are the related locations wanted, in order, when checkRelated is set (a related
	// clause was written).
	related      []relatedWant
	checkRelated bool
}

// relatedWant is one `related "regexp"@LINE:COL` clause.
type relatedWant struct {
	re        *regexp.Regexp
	line, col int // 0: any
}

// matchesRelated reports whether a diagnostic's related locations, at the positions given, are
// those the expectation wants (always, when it names none).
func (e *expectation) matchesRelated(rel []analysis.RelatedInformation, pos []token.Position) bool {
	if !e.checkRelated {
		return true
	}
	if len(rel) != len(e.related) {
		return false
	}
	for i, w := range e.related {
		if !w.re.MatchString(rel[i].Message) || w.line != 0 && w.line != pos[i].Line || w.col != 0 && w.col != pos[i].Column {
			return false
		}
	}
	return true
}

// String shows the expectation as a mismatch names it.
func (e *expectation) String() string {
	kind := "want"
	if e.problem {
		kind = "problem"
	}
	out := fmt.Sprintf("%s %q", kind, e.re)
	if e.col > 0 {
		out += fmt.Sprintf(" at column %d", e.col)
	}
	if e.checkRelated && len(e.related) == 0 {
		out += " related none"
	}
	for _, r := range e.related {
		out += fmt.Sprintf(" related %q", r.re)
		if r.line > 0 {
			out += fmt.Sprintf("@%d", r.line)
			if r.col > 0 {
				out += fmt.Sprintf(":%d", r.col)
			}
		}
	}
	return out
}

// commentRE finds an expectation comment: a comment leader or block comment opening of any
// language of source.Languages (a word such as REM in any case and followed by a blank), then want
// or problem, then the quoted expectations.
var commentRE = regexp.MustCompile(`(^|\s)(?:` + strings.Join(commentStarts(), "|") + `)\s*(want|problem)\s+(["` + "`" + `].*)$`)

func commentStarts() []string {
	var alts []string
	for _, l := range source.LineComments() {
		if source.IsWord(l) {
			alts = append(alts, `(?i:`+regexp.QuoteMeta(l)+`)\s`)
		} else {
			alts = append(alts, regexp.QuoteMeta(l))
		}
	}
	for _, b := range source.BlockComments() {
		alts = append(alts, regexp.QuoteMeta(b.Open))
	}
	return alts
}

// commentEnds are the closing marks of block comments, trimmed after the expectations.
var commentEnds = func() []string {
	var out []string
	for _, b := range source.BlockComments() {
		out = append(out, b.Close)
	}
	return out
}()

// Run analyzes every regular file under dir (recursively, except fuzz corpora and .golden files)
// with a and checks it against its inline expectations.
func Run(t *testing.T, dir string, a *analysis.Analyzer) {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "fuzz" {
			return filepath.SkipDir // fuzz corpora are not fixtures
		}
		if d.Type().IsRegular() && !strings.HasSuffix(p, ".golden") { // golden files hold fixed text (package fixtures)
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no fixtures under %s", dir)
	}
	for _, f := range files {
		t.Run(filepath.ToSlash(strings.TrimPrefix(f, dir+string(filepath.Separator))), func(t *testing.T) {
			t.Helper()
			RunFile(t, f, a)
		})
	}
}

// RunFile checks one fixture.
func RunFile(t *testing.T, path string, a *analysis.Analyzer) {
	t.Helper()
	for _, msg := range Check(t, path, a) {
		t.Error(msg)
	}
}

// Check analyzes one fixture and returns every mismatch between its findings and problems and its
// expectations; none means the fixture passes.
func Check(t testing.TB, path string, a *analysis.Analyzer) []string {
	t.Helper()
	res := Analyze(t, path, a)
	file, _ := res.Results[source.Analyzer].(*source.File)
	if file == nil {
		return []string{path + ": the source analyzer has no result"}
	}
	exps, err := parseExpectations(file.Text)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", path, err)}
	}
	var errs []string
	check := func(problem bool, pos token.Pos, text string, rel []analysis.RelatedInformation) {
		p := file.Tok.Position(pos)
		relPos := make([]token.Position, len(rel))
		for i, r := range rel {
			relPos[i] = res.Fset.Position(r.Pos)
		}
		for _, e := range exps {
			if !e.met && e.problem == problem && e.line == p.Line && (e.col == 0 || e.col == p.Column) && e.re.MatchString(text) &&
				e.matchesRelated(rel, relPos) {
				e.met = true
				return
			}
		}
		kind := "diagnostic"
		if problem {
			kind = "problem"
		}
		msg := fmt.Sprintf("%s:%d:%d: unexpected %s: %s", path, p.Line, p.Column, kind, text)
		for i, r := range rel {
			q := relPos[i]
			where := fmt.Sprintf("%d:%d", q.Line, q.Column)
			if q.Filename != p.Filename {
				where = q.String()
			}
			msg += fmt.Sprintf(" (related %q at %s)", r.Message, where)
		}
		errs = append(errs, msg)
	}
	for _, d := range Diagnostics(res, a) {
		check(false, d.Pos, d.Category+": "+d.Message, d.Related)
	}
	for _, pr := range file.Problems {
		check(true, pr.Pos, pr.Message, nil)
	}
	for _, e := range exps {
		if !e.met {
			errs = append(errs, fmt.Sprintf("%s:%d: no match for %s", path, e.line, e))
		}
	}
	return errs
}

// Analyze runs a over one file, read as a scan of that file reads it (files beside it too), and
// fails the test on analyzer errors.
func Analyze(t testing.TB, path string, a *analysis.Analyzer, opts ...driver.Option) *driver.Result {
	t.Helper()
	rd := discover.NewReader([]string{path}, 0, nil)
	defer rd.Close()
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{a},
		append([]driver.Option{driver.ReadFile(rd.ReadFile), driver.ReadBeside(rd.ReadBeside)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	var res *driver.Result
	if err := d.Run(context.Background(), []string{path}, func(r *driver.Result) { res = r }); err != nil {
		t.Fatal(err)
	}
	for _, err := range res.Errors {
		t.Errorf("%s: %v", path, err)
	}
	return res
}

// Diagnostics returns what a found in res, sorted by position: the diagnostics its result lists
// when the result is its channel (it has a Diagnostics method, as the checker's has), else the
// diagnostics it reported through the pass.
func Diagnostics(res *driver.Result, a *analysis.Analyzer) []analysis.Diagnostic {
	var out []analysis.Diagnostic
	if l, ok := res.Results[a].(interface{ Diagnostics() []analysis.Diagnostic }); ok {
		out = l.Diagnostics()
	} else {
		for _, d := range res.Diagnostics {
			if d.Analyzer == a {
				out = append(out, d.Diagnostic)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos < out[j].Pos })
	return out
}

// parseExpectations reads the expectation comments of decoded text.
func parseExpectations(text []byte) ([]*expectation, error) {
	lines := bytes.Split(bytes.ReplaceAll(bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n")), []byte("\n"))
	var out, pending []*expectation
	for i, raw := range lines {
		ln := i + 1
		m := commentRE.FindSubmatchIndex(raw)
		if m == nil {
			if len(bytes.TrimSpace(raw)) > 0 {
				for _, e := range pending {
					e.line = ln
				}
				pending = nil
			}
			continue
		}
		alone := len(bytes.TrimSpace(raw[:m[0]])) == 0
		kind := string(raw[m[4]:m[5]])
		list := strings.TrimSpace(string(raw[m[6]:m[7]]))
		for _, end := range commentEnds {
			list = strings.TrimSpace(strings.TrimSuffix(list, end))
		}
		exps, err := parseQuoted(list)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", ln, err)
		}
		for _, e := range exps {
			if kind == "problem" && e.checkRelated {
				return nil, fmt.Errorf("line %d: a problem has no related locations", ln)
			}
			e.problem = kind == "problem"
			e.line = ln
			out = append(out, e)
			if alone {
				pending = append(pending, e)
			}
		}
	}
	if len(pending) > 0 {
		return nil, fmt.Errorf("expectation comment at the end of the file applies to no line")
	}
	return out, nil
}

// parseQuoted reads a list of quoted regular expressions, each optionally followed by @column and
// by related clauses. In a double-quoted expectation only \" is an escape (for a quote); every
// other backslash belongs to the regular expression. A backquoted one is taken as it is.
func parseQuoted(s string) ([]*expectation, error) {
	var out []*expectation
	s = strings.TrimSpace(s)
	for s != "" {
		re, rest, err := readQuoted(s)
		if err != nil {
			return nil, err
		}
		e := &expectation{re: re}
		if e.col, _, s, err = readAt(rest, false); err != nil {
			return nil, err
		}
		for {
			s = strings.TrimSpace(s)
			after, ok := strings.CutPrefix(s, "related")
			if !ok || after == "" || after[0] != ' ' && after[0] != '\t' {
				break
			}
			e.checkRelated = true
			after = strings.TrimSpace(after)
			if none, ok := strings.CutPrefix(after, "none"); ok && (none == "" || none[0] == ' ' || none[0] == '\t') {
				if len(e.related) > 0 {
					return nil, fmt.Errorf("bad expectation %q: related none after a related location", s)
				}
				s = none
				continue
			}
			re, rest, err := readQuoted(after)
			if err != nil {
				return nil, fmt.Errorf("related: %w", err)
			}
			w := relatedWant{re: re}
			if w.line, w.col, s, err = readAt(rest, true); err != nil {
				return nil, err
			}
			e.related = append(e.related, w)
		}
		out = append(out, e)
		s = strings.TrimSpace(s)
	}
	return out, nil
}

// readQuoted reads the quoted regular expression s starts with, and returns what follows it.
func readQuoted(s string) (*regexp.Regexp, string, error) {
	q := s[0]
	if q != '"' && q != '`' {
		return nil, "", fmt.Errorf("bad expectation %q: want a quoted regular expression", s)
	}
	var pat strings.Builder
	i := 1
	for ; i < len(s) && s[i] != q; i++ {
		if q == '"' && s[i] == '\\' && i+1 < len(s) && s[i+1] == '"' {
			i++
		}
		pat.WriteByte(s[i])
	}
	if i == len(s) {
		return nil, "", fmt.Errorf("bad expectation %q: no closing %c", s, q)
	}
	re, err := regexp.Compile(pat.String())
	if err != nil {
		return nil, "", err
	}
	return re, s[i+1:], nil
}

// readAt reads the @N (a column) or, for a related clause, the @LINE or @LINE:COL that s may start
// with, and returns the numbers (0 when absent) and what follows.
func readAt(s string, related bool) (first, second int, rest string, err error) {
	if !strings.HasPrefix(s, "@") {
		return 0, 0, s, nil
	}
	end := strings.IndexAny(s, " \t")
	if end < 0 {
		end = len(s)
	}
	spec, rest := s[1:end], s[end:]
	a, b, two := strings.Cut(spec, ":")
	bad := func() (int, int, string, error) {
		if related {
			return 0, 0, "", fmt.Errorf("bad related position %q: want @LINE or @LINE:COL", s[:end])
		}
		return 0, 0, "", fmt.Errorf("bad column %q", s[:end])
	}
	if two && !related {
		return bad()
	}
	if first, err = strconv.Atoi(a); err != nil || first < 1 {
		return bad()
	}
	if two {
		if second, err = strconv.Atoi(b); err != nil || second < 1 {
			return bad()
		}
	}
	return first, second, rest, nil
}
