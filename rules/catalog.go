package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Level is a rule's default severity, as SARIF names it.
type Level string

// Levels, from most to least severe.
const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelNote    Level = "note"
)

// Rank orders levels: error 3, warning 2, note 1, anything else 0.
func (l Level) Rank() int {
	switch l {
	case LevelError:
		return 3
	case LevelWarning:
		return 2
	case LevelNote:
		return 1
	}
	return 0
}

// Example is a file that shows a rule: Bad produces exactly one finding of the rule and nothing else,
// Good produces nothing. Tests run every example.
type Example struct {
	File string // the file name, which decides its language
	Text string
}

// Reference is a public source behind a rule.
type Reference struct {
	Title, URL string
}

// Rule is one check of the catalog with its documentation. IDs are stable forever.
type Rule struct {
	ID               string
	Name             string // kebab-case name
	Title            string // one sentence: SARIF shortDescription
	Description      string // what is wrong and why: SARIF fullDescription
	Remediation      string // what to do
	Level            Level
	SecuritySeverity string // CVSS-like score for GitHub, as a string
	Precision        string // SARIF precision: very-high, high, medium, low
	References       []Reference
	Bad, Good        Example
	Config           string // the .privlint.yml both examples are scanned with; "" for none
}

// HelpURI is where a rule's documentation is published.
func (r *Rule) HelpURI() string {
	return "https://github.com/privlint/privlint/blob/main/docs/rules.md#" + strings.ToLower(r.ID)
}

// Tags are the rule's SARIF tags.
func (r *Rule) Tags() []string {
	tags := []string{"security"}
	if strings.HasPrefix(r.ID, "PL1") {
		tags = append(tags, "privilege-escalation")
	} else {
		tags = append(tags, "correctness")
	}
	return append(tags, "windows", "user-rights")
}

// Help renders the rule's documentation as plain text.
func (r *Rule) Help() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n\n%s\n\nRemediation: %s\n", r.ID, r.Name, r.Title, r.Description, r.Remediation)
	if r.Config != "" {
		fmt.Fprintf(&b, "\nThe examples are scanned with this .privlint.yml:\n%s", indent(r.Config))
	}
	fmt.Fprintf(&b, "\nBad (%s):\n%s\nGood (%s):\n%s", r.Bad.File, indent(r.Bad.Text), r.Good.File, indent(r.Good.Text))
	if len(r.References) > 0 {
		b.WriteString("\nReferences:\n")
		for _, ref := range r.References {
			fmt.Fprintf(&b, "  %s: %s\n", ref.Title, ref.URL)
		}
	}
	return b.String()
}

// Markdown renders the rule's documentation as Markdown, headed by a level-3 heading.
func (r *Rule) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s %s\n\n**%s** Default level: %s, security severity %s.\n\n%s\n\n**Remediation.** %s\n\n",
		r.ID, r.Name, r.Title, r.Level, r.SecuritySeverity, r.Description, r.Remediation)
	if r.Config != "" {
		fmt.Fprintf(&b, "The examples are scanned with this `.privlint.yml`:\n\n```yaml\n%s```\n\n", r.Config)
	}
	fmt.Fprintf(&b, "Bad (`%s`):\n\n```%s\n%s```\n\nGood (`%s`):\n\n```%s\n%s```\n",
		r.Bad.File, fence(r.Bad.File), r.Bad.Text, r.Good.File, fence(r.Good.File), r.Good.Text)
	if len(r.References) > 0 {
		b.WriteString("\nReferences:\n\n")
		for _, ref := range r.References {
			fmt.Fprintf(&b, "- [%s](%s)\n", ref.Title, ref.URL)
		}
	}
	return b.String()
}

func indent(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "")
}

func fence(file string) string {
	switch {
	case strings.HasSuffix(file, ".inf"):
		return "ini"
	case strings.HasSuffix(file, ".ps1"):
		return "powershell"
	case strings.HasSuffix(file, ".sh"):
		return "sh"
	case strings.HasSuffix(file, ".cmd"), strings.HasSuffix(file, ".bat"):
		return "bat"
	}
	return ""
}

// Lookup returns the rule with the given ID or name, in any case.
func Lookup(idOrName string) (*Rule, bool) {
	for _, r := range Catalog {
		if strings.EqualFold(r.ID, idOrName) || strings.EqualFold(r.Name, idOrName) {
			return r, true
		}
	}
	return nil, false
}

// MustLookup returns the rule with the given ID and panics if there is none: for IDs written in code.
func MustLookup(id string) *Rule {
	r, ok := Lookup(id)
	if !ok {
		panic("rules: no rule " + id)
	}
	return r
}

// Index returns the position of the rule with the given ID in Catalog, or -1.
func Index(id string) int {
	for i, r := range Catalog {
		if r.ID == id {
			return i
		}
	}
	return -1
}

func init() {
	sort.Slice(Catalog, func(i, j int) bool { return Catalog[i].ID < Catalog[j].ID })
}
