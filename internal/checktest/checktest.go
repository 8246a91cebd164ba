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
// "RULE: message" of one diagnostic; a trailing @N also requires the diagnostic's byte column to be N. `problem "regexp"` expects a problem
// the file's decoding or parsing recorded. A comment that is alone on its line applies to the next
// line that is not such a comment; otherwise it applies to its own line. Every unexpected diagnostic
// or problem and every unmatched expectation fails the test.
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
	check := func(problem bool, pos token.Pos, text string) {
		p := file.Tok.Position(pos)
		for _, e := range exps {
			if !e.met && e.problem == problem && e.line == p.Line && (e.col == 0 || e.col == p.Column) && e.re.MatchString(text) {
				e.met = true
				return
			}
		}
		kind := "diagnostic"
		if problem {
			kind = "problem"
		}
		errs = append(errs, fmt.Sprintf("%s:%d:%d: unexpected %s: %s", path, p.Line, p.Column, kind, text))
	}
	for _, d := range Diagnostics(res, a) {
		check(false, d.Pos, d.Category+": "+d.Message)
	}
	for _, pr := range file.Problems {
		check(true, pr.Pos, pr.Message)
	}
	for _, e := range exps {
		if !e.met {
			kind := "want"
			if e.problem {
				kind = "problem"
			}
			col := ""
			if e.col > 0 {
				col = fmt.Sprintf(" at column %d", e.col)
			}
			errs = append(errs, fmt.Sprintf("%s:%d: no match for %s %q%s", path, e.line, kind, e.re, col))
		}
	}
	return errs
}

// Analyze runs a over one file, read as a scan of that file reads it (files beside it too), and
// fails the test on analyzer errors.
func Analyze(t testing.TB, path string, a *analysis.Analyzer) *driver.Result {
	t.Helper()
	rd := discover.NewReader([]string{path}, 0, nil)
	defer rd.Close()
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{a}, driver.ReadFile(rd.ReadFile), driver.ReadBeside(rd.ReadBeside))
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

// parseQuoted reads a list of quoted regular expressions, each optionally followed by @column. In
// a double-quoted expectation only \" is an escape (for a quote); every other backslash belongs to
// the regular expression. A backquoted one is taken as it is.
func parseQuoted(s string) ([]*expectation, error) {
	var out []*expectation
	s = strings.TrimSpace(s)
	for s != "" {
		q := s[0]
		if q != '"' && q != '`' {
			return nil, fmt.Errorf("bad expectation %q: want a quoted regular expression", s)
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
			return nil, fmt.Errorf("bad expectation %q: no closing %c", s, q)
		}
		re, err := regexp.Compile(pat.String())
		if err != nil {
			return nil, err
		}
		e := &expectation{re: re}
		s = s[i+1:]
		if strings.HasPrefix(s, "@") {
			end := strings.IndexAny(s, " \t")
			if end < 0 {
				end = len(s)
			}
			if e.col, err = strconv.Atoi(s[1:end]); err != nil {
				return nil, fmt.Errorf("bad column %q", s[:end])
			}
			s = s[end:]
		}
		out = append(out, e)
		s = strings.TrimSpace(s)
	}
	return out, nil
}
