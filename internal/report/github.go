package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/privlint/privlint/internal/escape"
	"github.com/privlint/privlint/rules"
)

// GitHubAnnotationLimit is how many annotations of one level (error, warning, notice) GitHub shows
// for one step of a workflow; it drops the rest.
const GitHubAnnotationLimit = 10

// GitHub writes GitHub Actions workflow commands, so that findings show as annotations on the pull
// request and the workflow run. Each finding is one line:
//
//	::error file=gpo/GptTmpl.inf,line=7,endLine=7,col=26,endColumn=41,title=PL1001 impersonate-outside-safe-set::message
//
// The command is ::error, ::warning or ::notice for the levels error, warning and note. Columns count
// UTF-16 code units (as GitHub's web pages do) and are written only when the finding starts and ends
// on the same line, the only case GitHub supports. The message names the finding's related
// locations after it, as the text format does: " (via call of Grant-Rights at scripts/grant.ps1:12:1)"
// (an annotation has one place; the path and byte column are for reading). Property values are escaped as the Actions
// toolkit does (escape.GitHubProperty), so that file= gives the runner the exact path; the message
// is rendered by escape.Human, then escaped likewise (escape.GitHubMessage), so that it cannot hold
// "##[" or a control character.
//
// A suppressed finding (kept with --show-suppressed) is never annotated: it is a plain line in the
// text format, ending in "(suppressed: justification)".
//
// Notifications (files privlint could not fully read) follow the findings, as
// `::warning file=F,line=L,title=privlint::message` (::error or ::notice by their level; line only
// when known). Every annotation ends its properties with a title, so that the runner, which trims
// white space off the end of the properties, gets each path whole.
//
// GitHub shows only GitHubAnnotationLimit annotations of each level per step, so only that many of
// each level are written as workflow commands. The rest are written as plain lines in the text
// format, `path:line:col: level: message [RULE]` (byte columns), then one line saying how many were
// not annotated. Plain lines come after every annotation, suppressed findings first. They are
// escaped as the text format's are, so that no plain line can be read as a workflow command.
type GitHub struct{}

// Format implements Formatter.
func (GitHub) Format(w io.Writer, r *Result) error {
	var (
		annotated = map[string]int{} // annotations written so far, by command
		overflow  []string           // plain lines for what was not annotated
		findings  int                // findings among them
	)
	ew := &errWriter{w: w}
	// annotate writes line when the command's limit allows it, else keeps the plain line for later.
	annotate := func(command, line, plain string) bool {
		if annotated[command] >= GitHubAnnotationLimit {
			overflow = append(overflow, plain)
			return false
		}
		annotated[command]++
		ew.printf("%s\n", line)
		return true
	}
	var suppressed []string // plain lines for suppressed findings (with --show-suppressed)
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppression != nil {
			suppressed = append(suppressed, f.textLine())
			continue
		}
		command := githubCommand(f.level())
		props := []string{"file", f.Path, "line", strconv.Itoa(f.Start.Line), "endLine", strconv.Itoa(f.End.Line)}
		if f.Start.Line == f.End.Line {
			props = append(props, "col", strconv.Itoa(f.Start.Col16), "endColumn", strconv.Itoa(f.End.Col16))
		}
		props = append(props, "title", f.Rule.ID+" "+f.Rule.Name)
		plain := f.textLine()
		if !annotate(command, githubWorkflowCommand(command, props, f.Message+f.relatedText()), plain) {
			findings++
		}
	}
	for i := range r.Notifications {
		n := &r.Notifications[i]
		var props []string
		if n.Path != "" {
			props = append(props, "file", n.Path)
			if n.Line > 0 {
				props = append(props, "line", strconv.Itoa(n.Line))
			}
		}
		// The title comes last: the runner trims white space off the end of the properties, which
		// would turn file=x.inf followed by a space into x.inf, another file.
		props = append(props, "title", "privlint")
		annotate(githubCommand(n.level()), githubWorkflowCommand(githubCommand(n.level()), props, n.Message), n.TextLine())
	}
	for _, line := range append(suppressed, overflow...) {
		ew.printf("%s\n", line)
	}
	if len(overflow) > 0 {
		what := plural(findings, "finding")
		if notifications := len(overflow) - findings; notifications > 0 {
			what += " and " + plural(notifications, "notification")
		}
		verb := "were"
		if len(overflow) == 1 {
			verb = "was"
		}
		ew.printf("privlint: %s %s not annotated (GitHub shows at most %d error, %d warning and %d notice annotations per step); see the lines above\n",
			what, verb, GitHubAnnotationLimit, GitHubAnnotationLimit, GitHubAnnotationLimit)
	}
	return ew.err
}

// githubCommand is the workflow command that annotates at level.
func githubCommand(level rules.Level) string {
	switch level {
	case rules.LevelError:
		return "error"
	case rules.LevelNote:
		return "notice"
	}
	return "warning"
}

// githubWorkflowCommand renders `::command key=value,...::message` from alternating keys and values.
func githubWorkflowCommand(command string, props []string, message string) string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(command)
	for i := 0; i+1 < len(props); i += 2 {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(props[i])
		b.WriteByte('=')
		b.WriteString(escape.GitHubProperty(props[i+1]))
	}
	b.WriteString("::")
	b.WriteString(escape.GitHubMessage(message))
	return b.String()
}

// plural is "1 finding" or "n findings".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// errWriter writes until the first error and keeps it.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
