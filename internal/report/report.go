// Package report holds a finished scan's findings and writes them in each output format.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/privlint/privlint/internal/escape"
	"github.com/privlint/privlint/rules"
)

// Position is a place in a file. Columns are 1-based; Col counts bytes of the decoded UTF-8 text,
// Col16 counts UTF-16 code units (what SARIF and editors expect). An end position is exclusive.
type Position struct {
	Line, Col, Col16 int
}

// Edit replaces the text between Start and End (offsets in the decoded text, and the positions of
// those offsets) with New.
type Edit struct {
	StartOffset, EndOffset int
	Start, End             Position
	New                    string
}

// Fix is a suggested change that resolves a finding.
type Fix struct {
	Description string
	Edits       []Edit
}

// Finding is one reported problem, ready for any output format.
type Finding struct {
	Rule        *rules.Rule
	Level       rules.Level // the level in force (the rule's default unless configuration changed it)
	Path        string      // relative to the working directory when under it, forward slashes
	Start, End  Position
	Message     string
	Privilege   string
	Account     string
	SID         string
	Class       string
	Operation   string
	Fingerprint string // primaryLocationLineHash of the start line (GitHub's)
	// FindingHash identifies the finding across edits elsewhere in the file: a hash of the rule, the
	// right, the account and a digest of the start line's text without white space, with a count of
	// earlier findings in the file with the same hash (SARIF's privlintFindingHash/v2). Baselines
	// match on it.
	FindingHash string
	Fixes       []Fix
	// Related are other places that explain the finding, in order: the steps by which the
	// account's value reached the grant (a call that bound a parameter, outermost first), or the
	// first assignment a duplicate repeats. They play no part in FindingHash or Fingerprint.
	Related     []Related
	Suppression *Suppression // set when the finding is suppressed (shown with --show-suppressed only)
}

// Related is a place related to a finding, in the finding's file or another one, and what happens
// there ("call of Grant-Rights", "first assignment"). Path is shown as Finding.Path is; Message may
// hold text from the scanned file and is escaped as a finding's message is.
type Related struct {
	Path       string
	Start, End Position
	Message    string
}

// relatedText is how the text-like formats name the finding's related locations after its message:
// " (WHAT at PATH:LINE:COL)" for each, in order ("(via call of Grant-Rights at
// scripts/grant.ps1:12:1)", "(first assignment at t.inf:3:1)"); only the path when the line is not known, and the line without the
// column when the column is not. The text is raw: each format escapes the message with it.
func (f *Finding) relatedText() string {
	var b strings.Builder
	for _, r := range f.Related {
		fmt.Fprintf(&b, " (%s at %s", r.Message, r.Path)
		if r.Start.Line > 0 {
			fmt.Fprintf(&b, ":%d", r.Start.Line)
			if r.Start.Col > 0 {
				fmt.Fprintf(&b, ":%d", r.Start.Col)
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Suppression says why a finding is not counted: an inline privlint:ignore comment (kind inSource) or
// an allow entry of the configuration (kind external).
type Suppression struct {
	Kind          string `json:"kind"` // "inSource" or "external", as SARIF names them
	Justification string `json:"justification"`
}

// level is the finding's level in force, the rule's default when none was set.
func (f *Finding) level() rules.Level {
	if f.Level != "" {
		return f.Level
	}
	return f.Rule.Level
}

// Notification is something that happened to a file during the scan that is not a finding: a file
// that could not be read, decoded or parsed in part. Line is 0 when it concerns the whole file.
type Notification struct {
	Level   rules.Level
	Path    string
	Line    int
	Col     int
	Message string
}

// level is the notification's level, warning when none was set.
func (n *Notification) level() rules.Level {
	if n.Level != "" {
		return n.Level
	}
	return rules.LevelWarning
}

// Result is everything a scan produced.
type Result struct {
	Findings      []Finding
	Notifications []Notification
	FilesScanned  int
	Version       string // privlint's version; empty for a development build
	// BaselineUnmatched counts the baseline's entries that matched no finding in the files the
	// scan read or would have read (fixed, or their line changed, since the baseline was written).
	// No format writes it: the command line says it on standard error.
	BaselineUnmatched int
}

// version is the version to write: Version, or "devel" when empty.
func (r *Result) version() string {
	if r.Version == "" {
		return "devel"
	}
	return r.Version
}

// Sort orders findings by path, line, column and rule, and notifications by path and line, so output
// is the same on every run and core count.
func (r *Result) Sort() {
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a, b := &r.Findings[i], &r.Findings[j]
		switch {
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.Start.Line != b.Start.Line:
			return a.Start.Line < b.Start.Line
		case a.Start.Col != b.Start.Col:
			return a.Start.Col < b.Start.Col
		case a.Rule.ID != b.Rule.ID:
			return a.Rule.ID < b.Rule.ID
		}
		return a.Message < b.Message
	})
	sort.SliceStable(r.Notifications, func(i, j int) bool {
		a, b := &r.Notifications[i], &r.Notifications[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
}

// Formatter writes a result in one output format.
type Formatter interface {
	Format(w io.Writer, r *Result) error
}

// Formatters maps each --format name to its formatter.
var Formatters = map[string]Formatter{
	"text":    Text{},
	"json":    JSON{},
	"sarif":   SARIF{},
	"github":  GitHub{},
	"rdjsonl": RDJSONL{},
}

// Text writes `path:line:col: level: message [RULE]`, one finding a line, the message followed by
// its related locations as " (WHAT at PATH:LINE:COL)" each. Paths, messages (with their related
// locations) and justifications are rendered by escape.Human: a control or invisible character is shown as an
// escape, so a line can neither break in two nor hold a terminal control sequence or a workflow
// command.
type Text struct{}

// Format implements Formatter.
func (Text) Format(w io.Writer, r *Result) error {
	for i := range r.Findings {
		if _, err := fmt.Fprintln(w, r.Findings[i].textLine()); err != nil {
			return err
		}
	}
	return nil
}

// textLine renders a finding as the text format does, `path:line:col: level: message [RULE]` with
// the related locations after the message, and a note when the finding is suppressed.
func (f *Finding) textLine() string {
	line := fmt.Sprintf("%s:%d:%d: %s: %s [%s]", escape.Human(f.Path), f.Start.Line, f.Start.Col, f.level(), escape.Human(f.Message+f.relatedText()), f.Rule.ID)
	if f.Suppression != nil {
		line += fmt.Sprintf(" (suppressed: %s)", escape.Human(f.Suppression.Justification))
	}
	return line
}

// TextLine renders the notification as standard error and the plain lines of the github format
// show it, `path:line:col: level: message` (the path only when the line is not known, nothing
// before the level when there is no path), escaped by escape.Human.
func (n *Notification) TextLine() string {
	var b strings.Builder
	if n.Path != "" {
		b.WriteString(escape.Human(n.Path))
		if n.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", n.Line, n.Col)
		}
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s: %s", n.level(), escape.Human(n.Message))
	return b.String()
}
