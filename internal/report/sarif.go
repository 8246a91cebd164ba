package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/privlint/privlint/rules"
)

// SARIF identifiers privlint writes.
const (
	// SARIFInformationURI is tool.driver.informationUri.
	SARIFInformationURI = "https://github.com/privlint/privlint"
	// SARIFSourceRoot is the uriBaseId of every artifact location: the directory privlint ran in,
	// which every relative path is relative to.
	SARIFSourceRoot = "%SRCROOT%"
	// SARIFColumnKind is the run's columnKind: columns count UTF-16 code units.
	SARIFColumnKind = "utf16CodeUnits"
	// SARIFMaxResults is the most results one run holds: GitHub code scanning rejects more. Findings
	// past it (in path, line, column order) are left out and a notification says how many.
	SARIFMaxResults = 25000
)

// SARIF writes the result as a SARIF 2.1.0 log for GitHub code scanning and review bots: one run whose
// tool.driver lists every rule of rules.Catalog in catalog order, one result per finding (ruleId,
// ruleIndex, level, message, one location with a %SRCROOT%-relative uri and a UTF-16 region,
// relatedLocations (each with an id from 1, a message and a location written as the result's is)
// with a link to each from the message, " ([via call of Grant-Rights](1))", as GitHub code scanning
// shows them (see sarifMessageText), partialFingerprints.primaryLocationLineHash, fixes, and the
// properties privilege, account, sid, class and operation when known), and the notifications as
// invocations[0].toolExecutionNotifications.
//
// Relative paths are percent-encoded where a URI needs it (a space is %20); an absolute path, a file
// outside the working directory, becomes a file: URI without uriBaseId, which GitHub cannot place
// in the repository. Properties and arrays that
// would be empty, and numbers at their schema default of -1, are left out; run.results is always
// present, empty when nothing was found. Keys are written in sorted order, indented by two spaces,
// with a final newline. Text is written as in the JSON format (exact, but for U+FFFD in place of
// bytes that are not valid UTF-8, and the escaped square brackets of a message with links); an artifact uri percent-encodes the path's bytes, so it is exact
// whatever the file name's encoding.
type SARIF struct{}

// Format implements Formatter. The results are written one at a time into the rest of the log, so
// that no more than one result is held in its SARIF and JSON forms.
func (SARIF) Format(w io.Writer, r *Result) error {
	log, run, findings := sarifLog(r)
	raw, err := json.Marshal(log)
	if err != nil {
		return err
	}
	var doc bytes.Buffer
	if err := writeTidyJSON(&doc, raw); err != nil {
		return err
	}
	// The results array is runs[0].results: its elements are indented by eight spaces.
	index := map[string]int{}
	return streamArrays(w, doc.Bytes(), "      ", "  ", []streamedArray{{"results", len(findings), func(i int) (any, error) {
		f := &findings[i]
		k, ok := index[f.Rule.ID]
		if !ok {
			k = run.GetRuleIndex(f.Rule.ID)
			index[f.Rule.ID] = k
		}
		return sarifResultOf(f, k), nil
	}}})
}

// sarifLog builds the log of r without its results: one run whose tool.driver lists every rule the
// results need, and the invocation with the notifications. It returns the run and the findings to
// write as its results.
func sarifLog(r *Result) (*sarif.Report, *sarif.Run, []Finding) {
	log := sarif.NewReport()
	run := sarif.NewRunWithInformationURI("privlint", SARIFInformationURI)
	run.Tool.Driver.WithVersion(r.version())
	if v, ok := semanticVersion(r.version()); ok {
		run.Tool.Driver.WithSemanticVersion(v)
	}
	run.WithColumnKind(SARIFColumnKind)
	run.WithNewlineSequences([]string{"\r\n", "\n", "\r"}) // line numbers count bare CRs too (old MOF and INF files)
	run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
		SARIFSourceRoot: *sarif.NewArtifactLocation().WithDescription(sarif.NewTextMessage(
			"The directory privlint ran in: every artifact uri is relative to it.")),
	})
	log.AddRun(run)

	// Every rule first, so that results get their ruleIndex.
	for _, rule := range rules.Catalog {
		addSARIFRule(run, rule)
	}
	findings := r.Findings
	var dropped int
	if len(findings) > SARIFMaxResults {
		findings, dropped = findings[:SARIFMaxResults], len(findings)-SARIFMaxResults
	}
	for i := range findings {
		if run.GetRuleIndex(findings[i].Rule.ID) < 0 {
			addSARIFRule(run, findings[i].Rule) // a rule outside the catalog, as tests may use
		}
	}
	inv := sarif.NewInvocation().WithExecutionSuccessful(true)
	if dropped > 0 {
		inv.AddToolExecutionNotification(sarifNotification(&Notification{Level: rules.LevelError, Message: fmt.Sprintf(
			"%d more results were not written: GitHub code scanning accepts at most %d results per run; the first %d in path order are written (fix them, or split the scan by directory)",
			dropped, SARIFMaxResults, SARIFMaxResults)}))
	}
	for i := range r.Notifications {
		inv.AddToolExecutionNotification(sarifNotification(&r.Notifications[i]))
	}
	run.AddInvocation(inv)
	return log, run, findings
}

// semverRE is the regular expression of a version that Semantic Versioning 2.0.0 publishes.
var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// semanticVersion returns version as tool.driver.semanticVersion holds it when it is a semantic
// version, as Go module versions are (a release, or a pseudo-version for a build from a checkout):
// without the leading v, as Semantic Versioning writes it. Any other version ("devel") has none;
// tool.driver.version holds every version as privlint prints it.
func semanticVersion(version string) (string, bool) {
	v := strings.TrimPrefix(version, "v")
	return v, semverRE.MatchString(v)
}

// addSARIFRule adds rule to the run's tool.driver.rules.
func addSARIFRule(run *sarif.Run, rule *rules.Rule) {
	props := sarif.NewPropertyBag()
	for _, tag := range rule.Tags() {
		props.AddTag(tag)
	}
	if rule.Precision != "" {
		props.Add("precision", rule.Precision)
	}
	if rule.SecuritySeverity != "" {
		props.Add("security-severity", rule.SecuritySeverity)
	}
	run.AddRule(rule.ID).
		WithName(rule.Name).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(rule.Title)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(rule.Description)).
		WithHelp(sarif.NewMultiformatMessageString().WithText(rule.Help()).WithMarkdown(rule.Markdown())).
		WithHelpURI(rule.HelpURI()).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(string(rule.Level))).
		WithProperties(props)
}

// writeTidyJSON writes the JSON document raw without what is empty or at its default (see SARIF),
// indented, with sorted keys and a final newline.
func writeTidyJSON(w io.Writer, raw []byte) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	return encodeJSON(w, tidy(doc), "  ")
}

// keepEmpty are the properties written even when they are empty arrays: an empty run.results says
// that nothing was found, an absent one that nothing was looked for.
var keepEmpty = map[string]bool{"results": true}

// defaultMinusOne are the integer properties whose schema default is -1, and that go-sarif writes as -1
// when unset.
var defaultMinusOne = map[string]bool{"index": true, "id": true, "byteOffset": true, "charOffset": true, "rank": true}

// tidy drops, recursively, the empty arrays and objects and the -1 defaults of v.
func tidy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			e = tidy(e)
			v[k] = e
			switch e := e.(type) {
			case []any:
				if len(e) == 0 && !keepEmpty[k] {
					delete(v, k)
				}
			case map[string]any:
				if len(e) == 0 {
					delete(v, k)
				}
			case json.Number:
				if defaultMinusOne[k] && e == "-1" {
					delete(v, k)
				}
			}
		}
	case []any:
		for i, e := range v {
			v[i] = tidy(e)
		}
	}
	return v
}
