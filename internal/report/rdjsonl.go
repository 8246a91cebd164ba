package report

import (
	"io"

	"github.com/privlint/privlint/rules"
)

// RDJSONL writes reviewdog's native rdjsonl format (`reviewdog -f=rdjsonl`): one JSON Diagnostic of
// the Reviewdog Diagnostic Format a line, for a finding:
//
//	{"message":"...","location":{"path":"gpo/GptTmpl.inf","range":{"start":{"line":7,"column":26},"end":{"line":7,"column":41}}},
//	 "severity":"ERROR","source":{"name":"privlint","url":"https://github.com/privlint/privlint"},
//	 "code":{"value":"PL1001","url":"https://github.com/privlint/privlint/blob/main/docs/rules.md#pl1001"},
//	 "suggestions":[{"range":{"start":{...},"end":{...}},"text":""}]}
//
// Lines and columns are 1-based; columns count bytes of the file's text decoded to UTF-8, and an
// end position is exclusive, as the format requires. Severity is ERROR, WARNING or INFO for the
// levels error, warning and note. Every edit of every fix is one suggestion (its text may be empty:
// a deletion); "suggestions" is left out when there are none. The Reviewdog Diagnostic Format
// has no related locations: the message names them after its text, as the text format does
// (" (via call of Grant-Rights at scripts/grant.ps1:12:1)"), so that a review comment shows them.
// Suppressed findings (kept with --show-suppressed) are left out, as reviewdog leaves out suppressed
// SARIF results. Notifications (files privlint could not fully read) follow as diagnostics without
// a code, with a range only when their line is known.
type RDJSONL struct{}

// rdjsonlSource names privlint in every diagnostic.
var rdjsonlSource = rdSource{Name: "privlint", URL: "https://github.com/privlint/privlint"}

// The Reviewdog Diagnostic Format's messages, as far as privlint fills them. reviewdog decodes each
// line with protojson and drops fields it does not know without a word: only fields of
// reviewdog.rdf may appear here (the tests check them against reviewdog's schema).
type (
	rdDiagnostic struct {
		Message     string         `json:"message"`
		Location    rdLocation     `json:"location"`
		Severity    string         `json:"severity"`
		Source      rdSource       `json:"source"`
		Code        *rdCode        `json:"code,omitempty"`
		Suggestions []rdSuggestion `json:"suggestions,omitempty"`
	}
	rdLocation struct {
		Path  string   `json:"path"`
		Range *rdRange `json:"range,omitempty"`
	}
	rdRange struct {
		Start rdPosition  `json:"start"`
		End   *rdPosition `json:"end,omitempty"`
	}
	rdPosition struct {
		Line   int `json:"line"`
		Column int `json:"column,omitempty"`
	}
	rdSource struct {
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	rdCode struct {
		Value string `json:"value"`
		URL   string `json:"url"`
	}
	rdSuggestion struct {
		Range rdRange `json:"range"`
		Text  string  `json:"text"`
	}
)

// Format implements Formatter.
func (RDJSONL) Format(w io.Writer, r *Result) error {
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppression != nil {
			continue // reviewdog would post it: it skips accepted suppressions in SARIF too
		}
		d := rdDiagnostic{
			Message:  f.Message + f.relatedText(),
			Location: rdLocation{Path: f.Path, Range: rdRangeOf(f.Start, f.End)},
			Severity: rdSeverity(f.level()),
			Source:   rdjsonlSource,
			Code:     &rdCode{Value: f.Rule.ID, URL: f.Rule.HelpURI()},
		}
		for _, fix := range f.Fixes {
			for _, e := range fix.Edits {
				d.Suggestions = append(d.Suggestions, rdSuggestion{Range: *rdRangeOf(e.Start, e.End), Text: e.New})
			}
		}
		if err := encodeJSON(w, d, ""); err != nil {
			return err
		}
	}
	for i := range r.Notifications {
		n := &r.Notifications[i]
		d := rdDiagnostic{
			Message:  n.Message,
			Location: rdLocation{Path: n.Path},
			Severity: rdSeverity(n.level()),
			Source:   rdjsonlSource,
		}
		if n.Line > 0 {
			// A point: the column counts bytes, as rdjsonl's do; 0 (unknown) is left out.
			d.Location.Range = &rdRange{Start: rdPosition{Line: n.Line, Column: n.Col}}
		}
		if err := encodeJSON(w, d, ""); err != nil {
			return err
		}
	}
	return nil
}

// rdRangeOf is the range from start to the exclusive end, in byte columns.
func rdRangeOf(start, end Position) *rdRange {
	return &rdRange{
		Start: rdPosition{Line: start.Line, Column: start.Col},
		End:   &rdPosition{Line: end.Line, Column: end.Col},
	}
}

// rdSeverity is the rdf Severity name for level.
func rdSeverity(level rules.Level) string {
	switch level {
	case rules.LevelError:
		return "ERROR"
	case rules.LevelNote:
		return "INFO"
	}
	return "WARNING"
}
