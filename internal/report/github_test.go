package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/internal/escape"
	"github.com/privlint/privlint/internal/escape/ghrunner"
	"github.com/privlint/privlint/rules"
)

// workflowCommand is one parsed `::command props::message` line.
type workflowCommand struct {
	command string
	props   map[string]string
	message string
}

// parseWorkflowCommand reads a line as the Actions runner does: the command up to a space or "::",
// comma-separated key=value properties up to the next "::", the rest the message; then it undoes the
// toolkit's escapes. ok is false for a line that is not a command.
func parseWorkflowCommand(t *testing.T, line string) (c workflowCommand, ok bool) {
	t.Helper()
	if !strings.HasPrefix(line, "::") {
		return c, false
	}
	head, message, found := strings.Cut(line[2:], "::")
	if !found {
		t.Fatalf("%q: no closing ::", line)
	}
	command, props, _ := strings.Cut(head, " ")
	c = workflowCommand{command: command, props: map[string]string{}, message: unescapeData(message)}
	if props != "" {
		for _, kv := range strings.Split(props, ",") {
			k, v, found := strings.Cut(kv, "=")
			if !found {
				t.Fatalf("%q: property %q has no =", line, kv)
			}
			if _, dup := c.props[k]; dup {
				t.Fatalf("%q: property %q twice", line, k)
			}
			c.props[k] = unescapeProperty(v)
		}
	}
	return c, true
}

func unescapeData(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(s)
}

func unescapeProperty(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

func lines(out []byte) []string {
	return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
}

func TestGitHubGolden(t *testing.T) {
	out := format(t, "github", sampleResult(t))
	golden(t, "sample.github", out)
	for _, line := range lines(out) {
		if _, ok := parseWorkflowCommand(t, line); !ok {
			t.Errorf("not a workflow command: %q", line)
		}
	}
}

// TestGitHubFields checks that every annotation gives back the finding's path, lines, UTF-16 columns,
// rule and message once the runner has parsed it.
func TestGitHubFields(t *testing.T) {
	r := sampleResult(t)
	got := lines(format(t, "github", r))
	if len(got) != len(r.Findings)+len(r.Notifications) {
		t.Fatalf("%d lines for %d findings and %d notifications:\n%s", len(got), len(r.Findings), len(r.Notifications), strings.Join(got, "\n"))
	}
	for i, f := range r.Findings {
		c, _ := parseWorkflowCommand(t, got[i])
		want := map[string]string{
			"file": f.Path, "line": fmt.Sprint(f.Start.Line), "endLine": fmt.Sprint(f.End.Line),
			"col": fmt.Sprint(f.Start.Col16), "endColumn": fmt.Sprint(f.End.Col16),
			"title": f.Rule.ID + " " + f.Rule.Name,
		}
		if fmt.Sprint(c.props) != fmt.Sprint(want) {
			t.Errorf("finding %d: properties %v, want %v", i, c.props, want)
		}
		if c.message != f.Message || c.command != githubCommand(f.level()) {
			t.Errorf("finding %d: ::%s::%s", i, c.command, c.message)
		}
	}
	for i, n := range r.Notifications {
		c, _ := parseWorkflowCommand(t, got[len(r.Findings)+i])
		want := map[string]string{"file": n.Path, "title": "privlint"}
		if n.Line > 0 {
			want["line"] = fmt.Sprint(n.Line)
		}
		if fmt.Sprint(c.props) != fmt.Sprint(want) || c.message != n.Message {
			t.Errorf("notification %d: %v %q", i, c.props, c.message)
		}
	}
}

func TestGitHubLevels(t *testing.T) {
	for level, want := range map[rules.Level]string{
		rules.LevelError: "error", rules.LevelWarning: "warning", rules.LevelNote: "notice", "": "warning",
	} {
		if got := githubCommand(level); got != want {
			t.Errorf("githubCommand(%q) = %q, want %q", level, got, want)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	rule := rules.MustLookup(rules.BroadGroup)
	r := &Result{
		Findings: []Finding{{
			Rule: rule, Level: rules.LevelError, Path: "a,b:c%d/x y.inf",
			Start: Position{Line: 3, Col: 5, Col16: 5}, End: Position{Line: 4, Col: 2, Col16: 2},
			Message: "100% of\r\nusers::now, really: yes ##[error]x",
		}},
		Notifications: []Notification{{Path: "odd\nname.ps1", Message: "could not\nread"}, {Message: "no file"}},
	}
	got := string(format(t, "github", r))
	// The file property gives the runner the exact path; the message is shown as the text format
	// shows it, line breaks and "##[" escaped.
	want := "::error file=a%2Cb%3Ac%25d/x y.inf,line=3,endLine=4,title=PL1003 token-privilege-to-broad-group::100%25 of\\r\\nusers::now, really: yes ##\\x5berror]x\n" +
		"::warning file=odd%0Aname.ps1,title=privlint::could not\\nread\n" +
		"::warning title=privlint::no file\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	c, _ := parseWorkflowCommand(t, strings.Split(got, "\n")[0])
	if c.props["file"] != r.Findings[0].Path || c.message != escape.Human(r.Findings[0].Message) {
		t.Errorf("round trip: %q %q", c.props["file"], c.message)
	}
	if _, ok := c.props["col"]; ok {
		t.Errorf("columns written for a finding over two lines: %v", c.props)
	}

	// The runner trims white space off the end of the properties: a path that ends in white space
	// is whole only when another property follows.
	r = &Result{Notifications: []Notification{{Path: "x.inf \u2028", Message: "too large"}}}
	line := strings.TrimSuffix(string(format(t, "github", r)), "\n")
	if c, ok := ghrunner.Parse(line); !ok || c.Props["file"] != r.Notifications[0].Path {
		t.Errorf("%q reads as %+v", line, c)
	}
}

// manyResult has 12 errors, 11 warnings and 2 notes, one error suppressed, and 3 notifications, two
// of them warnings: more errors and warnings than GitHub shows.
func manyResult() *Result {
	r := &Result{}
	add := func(n int, id string, level rules.Level, path string) {
		for i := range n {
			r.Findings = append(r.Findings, Finding{
				Rule: rules.MustLookup(id), Level: level, Path: path,
				Start: Position{Line: i + 1, Col: 3, Col16: 3}, End: Position{Line: i + 1, Col: 9, Col16: 9},
				Message: fmt.Sprintf("%s finding %d", level, i+1),
			})
		}
	}
	add(12, rules.BroadGroup, rules.LevelError, "e.inf")
	add(11, rules.UnresolvedAccount, rules.LevelWarning, "w.ps1")
	add(2, rules.SetDropsRequiredAccount, rules.LevelNote, "n.inf")
	r.Findings = append(r.Findings, Finding{
		Rule: rules.MustLookup(rules.BroadGroup), Level: rules.LevelError, Path: "s.inf",
		Start: Position{Line: 1, Col: 1, Col16: 1}, End: Position{Line: 1, Col: 2, Col16: 2},
		Message: "suppressed finding", Suppression: &Suppression{Kind: "inSource", Justification: "lab machine"},
	})
	r.Notifications = []Notification{
		{Path: ":colon.ps1", Line: 2, Col: 4, Message: "unterminated string"},
		{Level: rules.LevelNote, Path: "big.inf", Message: "file larger than 8 MiB: not scanned"},
		{Level: rules.LevelWarning, Path: "b.cmd", Message: "unreadable"},
	}
	r.Sort()
	return r
}

func TestGitHubLimit(t *testing.T) {
	out := format(t, "github", manyResult())
	golden(t, "many.github", out)

	count := map[string]int{}
	var plain []string
	for _, line := range lines(out) {
		if c, ok := parseWorkflowCommand(t, line); ok {
			count[c.command]++
			if len(plain) > 0 {
				t.Errorf("annotation %q after plain lines", line)
			}
			continue
		}
		plain = append(plain, line)
	}
	// 12 errors: 10 annotated. 11 warnings and 2 warning notifications: 10 annotated. 2 notes and a
	// note notification: all 3 annotated. The suppressed finding is never annotated.
	if count["error"] != 10 || count["warning"] != 10 || count["notice"] != 3 {
		t.Errorf("annotations %v, want 10 errors, 10 warnings, 3 notices", count)
	}
	wantPlain := []string{
		"s.inf:1:1: error: suppressed finding [PL1003] (suppressed: lab machine)",
		"e.inf:11:3: error: error finding 11 [PL1003]",
		"e.inf:12:3: error: error finding 12 [PL1003]",
		"w.ps1:11:3: warning: warning finding 11 [PL1005]",
		":colon.ps1:2:4: warning: unterminated string",
		"b.cmd: warning: unreadable",
		"privlint: 3 findings and 2 notifications were not annotated (GitHub shows at most 10 error, 10 warning and 10 notice annotations per step); see the lines above",
	}
	if strings.Join(plain, "\n") != strings.Join(wantPlain, "\n") {
		t.Errorf("plain lines:\n%s\nwant:\n%s", strings.Join(plain, "\n"), strings.Join(wantPlain, "\n"))
	}
}

func TestGitHubSummaryWording(t *testing.T) {
	r := &Result{}
	for i := range GitHubAnnotationLimit + 1 {
		r.Findings = append(r.Findings, Finding{
			Rule: rules.MustLookup(rules.BroadGroup), Path: "a.inf",
			Start: Position{Line: i + 1, Col: 1, Col16: 1}, End: Position{Line: i + 1, Col: 2, Col16: 2}, Message: "m",
		})
	}
	got := lines(format(t, "github", r))
	if last := got[len(got)-1]; !strings.HasPrefix(last, "privlint: 1 finding was not annotated (") {
		t.Errorf("summary %q", last)
	}
}

// TestGitHubPlainLinesAreNotCommands: whatever a path or message holds, a plain line can neither
// start a workflow command (after any white space, or "##[" anywhere) nor span two lines, and an
// annotation's message holds no "##[".
func TestGitHubPlainLinesAreNotCommands(t *testing.T) {
	r := &Result{}
	for i, path := range []string{"::add-mask::x.inf", " \u00a0::error::x.inf", "\u2028::error::x.inf", "##[error]x.inf", ":"} {
		for j := range GitHubAnnotationLimit + 3 {
			r.Findings = append(r.Findings, Finding{
				Rule: rules.MustLookup(rules.BroadGroup), Path: path,
				Start: Position{Line: j + 1, Col: 1, Col16: 1}, End: Position{Line: j + 1, Col: 2, Col16: 2},
				Message: "a\n::error::injected\r\n::stop-commands::t ##[error]x\u2028::error::y",
			})
		}
		r.Notifications = append(r.Notifications, Notification{Level: rules.LevelError, Path: path, Line: i + 1, Message: "##[warning]z\n::error::n"})
	}
	got := ghrunner.Lines(string(format(t, "github", r)))
	if len(got) != len(r.Findings)+len(r.Notifications)+1 {
		t.Fatalf("%d lines for %d findings and %d notifications:\n%s", len(got), len(r.Findings), len(r.Notifications), strings.Join(got, "\n"))
	}
	for i, line := range got {
		c, ok := ghrunner.Parse(line)
		switch {
		case i < GitHubAnnotationLimit && (!ok || c.Legacy || c.Name != "error" || strings.Contains(c.Data, "##[")):
			t.Errorf("annotation %d: %q reads as %+v", i, line, c)
		case i >= GitHubAnnotationLimit && ok:
			t.Errorf("plain line reads as a command %+v: %q", c, line)
		}
	}
}
