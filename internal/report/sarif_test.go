package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/privlint/privlint/internal/report/sarifcheck"
	"github.com/privlint/privlint/rules"
)

// sarifDoc is the part of a SARIF log the tests below read.
type sarifDoc struct {
	Runs []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name            string  `json:"name"`
				Version         string  `json:"version"`
				SemanticVersion *string `json:"semanticVersion"`
				Rules           []struct {
					ID   string `json:"id"`
					Help struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level     string            `json:"level"`
				Locations []json.RawMessage `json:"locations"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine, StartColumn, EndLine, EndColumn int
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Properties          map[string]string `json:"properties"`
			Fixes               []struct {
				ArtifactChanges []struct {
					Replacements []struct {
						InsertedContent *struct {
							Text *string `json:"text"`
						} `json:"insertedContent"`
					} `json:"replacements"`
				} `json:"artifactChanges"`
			} `json:"fixes"`
		} `json:"results"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, out []byte) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%d runs", len(doc.Runs))
	}
	return doc
}

func TestSARIFRules(t *testing.T) {
	doc := decodeSARIF(t, format(t, "sarif", sampleResult(t)))
	d := doc.Runs[0].Tool.Driver
	if d.Name != "privlint" || d.Version != "1.2.3" {
		t.Errorf("driver %q version %q", d.Name, d.Version)
	}
	if len(d.Rules) != len(rules.Catalog) {
		t.Fatalf("%d rules, want the %d of the catalog", len(d.Rules), len(rules.Catalog))
	}
	for i, rule := range rules.Catalog {
		got := d.Rules[i]
		if got.ID != rule.ID {
			t.Errorf("rules[%d] is %s, want %s (catalog order)", i, got.ID, rule.ID)
		}
		if got.Help.Text != rule.Help() || got.Help.Markdown != rule.Markdown() || got.Help.Text == got.Help.Markdown {
			t.Errorf("%s: help text and markdown are not Help() and Markdown()", rule.ID)
		}
		if got.DefaultConfiguration.Level != string(rule.Level) {
			t.Errorf("%s: default level %q", rule.ID, got.DefaultConfiguration.Level)
		}
		if sev, ok := got.Properties["security-severity"].(string); !ok || sev != rule.SecuritySeverity {
			t.Errorf("%s: security-severity %#v, want the string %q", rule.ID, got.Properties["security-severity"], rule.SecuritySeverity)
		}
	}
}

func TestSARIFResults(t *testing.T) {
	r := sampleResult(t)
	doc := decodeSARIF(t, format(t, "sarif", r))
	run := doc.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	if len(run.Results) != len(r.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(r.Findings))
	}
	for i, res := range run.Results {
		f := &r.Findings[i]
		if res.RuleID != f.Rule.ID || res.RuleIndex != rules.Index(f.Rule.ID) {
			t.Errorf("result %d: rule %s index %d, want %s at %d", i, res.RuleID, res.RuleIndex, f.Rule.ID, rules.Index(f.Rule.ID))
		}
		if res.Level != string(f.level()) {
			t.Errorf("result %d: level %q, want %q", i, res.Level, f.level())
		}
		reg := res.Locations[0].PhysicalLocation.Region
		if reg.StartLine != f.Start.Line || reg.StartColumn != f.Start.Col16 || reg.EndLine != f.End.Line || reg.EndColumn != f.End.Col16 {
			t.Errorf("result %d: region %+v, want UTF-16 columns of %+v-%+v", i, reg, f.Start, f.End)
		}
		if res.PartialFingerprints["primaryLocationLineHash"] != f.Fingerprint {
			t.Errorf("result %d: fingerprints %v", i, res.PartialFingerprints)
		}
		if _, ok := res.Properties["sid"]; ok != (f.SID != "") {
			t.Errorf("result %d: properties %v for SID %q", i, res.Properties, f.SID)
		}
		if res.Properties["account"] != f.Account {
			t.Errorf("result %d: account %q, want %q", i, res.Properties["account"], f.Account)
		}
		for _, fix := range res.Fixes {
			for _, rep := range fix.ArtifactChanges[0].Replacements {
				if rep.InsertedContent == nil || rep.InsertedContent.Text == nil {
					t.Errorf("result %d: a replacement without insertedContent.text", i)
				}
			}
		}
	}
	// The non-ASCII finding really has different byte and UTF-16 columns.
	if f := r.Findings[1]; f.End.Col == f.End.Col16 {
		t.Errorf("sample finding %s has equal byte and UTF-16 end columns", f.Account)
	}
	if uri := run.Results[3].Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "scripts/grant%20rights.ps1" {
		t.Errorf("uri %q", uri)
	}
	inv := run.Invocations[0]
	if !inv.ExecutionSuccessful || len(inv.Notifications) != len(r.Notifications) {
		t.Errorf("invocation %+v", inv)
	}
}

func TestSARIFEmptyResult(t *testing.T) {
	out := format(t, "sarif", &Result{})
	if err := sarifcheck.Validate(out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"results": []`) {
		t.Errorf("no empty results array:\n%s", out)
	}
	if doc := decodeSARIF(t, out); doc.Runs[0].Tool.Driver.Version != "devel" {
		t.Errorf("version %q, want devel", doc.Runs[0].Tool.Driver.Version)
	}
}

// tool.driver.version holds the version as privlint prints it; semanticVersion holds it too, without
// the v, when it is a semantic version (releases and Go's pseudo-versions are), and is absent
// otherwise.
func TestSARIFVersion(t *testing.T) {
	for _, tt := range []struct{ version, semantic string }{
		{"v0.1.0", "0.1.0"},
		{"v1.2.3-rc.1", "1.2.3-rc.1"},
		{"v0.0.0-20260613062924-2d60263a1b2c", "0.0.0-20260613062924-2d60263a1b2c"},
		{"v0.1.1-0.20260613062924-2d60263a1b2c+dirty", "0.1.1-0.20260613062924-2d60263a1b2c+dirty"},
		{"1.2.3", "1.2.3"},
		{"devel", ""},
		{"", ""}, // written as devel
		{"v1.2", ""},
		{"v01.2.3", ""},
		{"v1.2.3-", ""},
	} {
		out := format(t, "sarif", &Result{Version: tt.version})
		if err := sarifcheck.Validate(out); err != nil {
			t.Fatalf("%q: %v", tt.version, err)
		}
		d := decodeSARIF(t, out).Runs[0].Tool.Driver
		want := tt.version
		if want == "" {
			want = "devel"
		}
		if d.Version != want {
			t.Errorf("%q: version %q, want %q", tt.version, d.Version, want)
		}
		switch {
		case tt.semantic == "" && d.SemanticVersion != nil:
			t.Errorf("%q: semanticVersion %q, want none", tt.version, *d.SemanticVersion)
		case tt.semantic != "" && (d.SemanticVersion == nil || *d.SemanticVersion != tt.semantic):
			t.Errorf("%q: semanticVersion %v, want %q", tt.version, d.SemanticVersion, tt.semantic)
		}
	}
}

func TestSARIFRuleOutsideCatalog(t *testing.T) {
	extra := *rules.Catalog[0]
	extra.ID, extra.Name = "PL9999", "test-only"
	r := &Result{Findings: []Finding{{Rule: &extra, Path: "a.inf", Start: Position{1, 1, 1}, End: Position{1, 2, 2}, Message: "m"}}}
	out := format(t, "sarif", r)
	if err := sarifcheck.Validate(out); err != nil {
		t.Fatal(err)
	}
	run := decodeSARIF(t, out).Runs[0]
	if idx := run.Results[0].RuleIndex; idx != len(rules.Catalog) || run.Tool.Driver.Rules[idx].ID != "PL9999" {
		t.Errorf("ruleIndex %d", idx)
	}
}

func TestSARIFPaths(t *testing.T) {
	for _, tt := range []struct{ path, uri, base string }{
		{"gpo/GptTmpl.inf", "gpo/GptTmpl.inf", "%SRCROOT%"},
		{"my dir/a.inf", "my%20dir/a.inf", "%SRCROOT%"},
		{"c:odd/a.inf", "c%3Aodd/a.inf", "%SRCROOT%"},
		{"100%/Jürgen#1.ps1", "100%25/J%C3%BCrgen%231.ps1", "%SRCROOT%"},
		{"/srv/repo/a.inf", "file:///srv/repo/a.inf", ""},
		{"C:/Repo/a b.inf", "file:///C:/Repo/a%20b.inf", ""},
		{"//host/share/a.inf", "file://host/share/a.inf", ""},
	} {
		a := sarifArtifact(tt.path)
		base := ""
		if a.URIBaseID != nil {
			base = *a.URIBaseID
		}
		if *a.URI != tt.uri || base != tt.base {
			t.Errorf("sarifArtifact(%q) = %q under %q, want %q under %q", tt.path, *a.URI, base, tt.uri, tt.base)
		}
	}
}

// GitHub cannot place a file outside the repository: sarifcheck says so.
func TestSARIFAbsolutePathIsFlagged(t *testing.T) {
	r := &Result{Findings: []Finding{{Rule: rules.Catalog[0], Path: "/elsewhere/a.inf", Start: Position{1, 1, 1}, End: Position{1, 2, 2}, Message: "m"}}}
	err := sarifcheck.Validate(format(t, "sarif", r))
	if err == nil || !strings.Contains(err.Error(), "not relative") {
		t.Errorf("Validate = %v, want a complaint about the absolute uri", err)
	}
}

// TestSARIFResultLimit checks the deliberate truncation at GitHub's per-run limit.
func TestSARIFResultLimit(t *testing.T) {
	rule := rules.MustLookup(rules.BroadGroup)
	r := &Result{}
	for i := range SARIFMaxResults + 3 {
		pos := Position{Line: i + 1, Col: 1, Col16: 1}
		r.Findings = append(r.Findings, Finding{Rule: rule, Path: "a.inf", Start: pos, End: pos, Message: "m"})
	}
	var b bytes.Buffer
	if err := (SARIF{}).Format(&b, r); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), `"ruleId"`); n != SARIFMaxResults {
		t.Errorf("%d results written, want %d", n, SARIFMaxResults)
	}
	if !strings.Contains(b.String(), "3 more results were not written") {
		t.Error("no notification about the results left out")
	}
}

// TestSARIFStreamsOneLog: writing results one at a time, as privlint's own structs, gives the bytes
// of the whole log built with go-sarif (goSARIFResult) and written at once.
func TestSARIFStreamsOneLog(t *testing.T) {
	outside := *rules.Catalog[0]
	outside.ID = "PL9999"
	withOutside := sampleResult(t)
	withOutside.Findings[2].Rule = &outside
	rule := rules.MustLookup(rules.BroadGroup)
	edges := &Result{Findings: []Finding{
		{Rule: rule, Path: "a b/x.inf"}, // about the whole file: no line, nothing else set
		{Rule: rule, Path: "/abs/x.inf", Start: Position{Line: 3, Col: 5, Col16: 4}, End: Position{Line: 2, Col: 1, Col16: 1},
			Suppression: &Suppression{Kind: "external"}, Fixes: []Fix{{Description: "no edits"}, {Edits: []Edit{{Start: Position{Line: 3}, End: Position{Line: 3}}}}}},
		{Rule: rule, Level: rules.LevelNote, Path: "C:/w/x.inf", Start: Position{Line: 1, Col: 1}, End: Position{Line: 1, Col: 9, Col16: 8},
			FindingHash: "ab:1", Account: "x", Related: []Related{{Path: "/abs/y.ps1", Message: "via call of y"}, {Path: "a b/z.ps1", Start: Position{Line: 2, Col: 1}, Message: "[z]"}}},
	}}
	for name, r := range map[string]*Result{"empty": {}, "sample": sampleResult(t), "tricky": trickyResult(t), "rule outside the catalog": withOutside, "edges": edges, "related": relatedResult(t)} {
		log, run, findings := sarifLog(r)
		for i := range findings {
			goSARIFResult(run, &findings[i])
		}
		raw, err := json.Marshal(log)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := writeTidyJSON(&want, raw); err != nil {
			t.Fatal(err)
		}
		if got := format(t, "sarif", r); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s: streamed\n%s\nwant\n%s", name, got, want.Bytes())
		}
	}
}

// goSARIFResult adds the result for f to the run, whose driver already lists f's rule, with go-sarif:
// what sarifResultOf must encode to once tidied.
func goSARIFResult(run *sarif.Run, f *Finding) {
	res := run.CreateResultForRule(f.Rule.ID).
		WithLevel(string(f.level())).
		WithMessage(sarif.NewTextMessage(sarifMessageText(f))).
		AddLocation(sarif.NewLocation().WithPhysicalLocation(sarif.NewPhysicalLocation().
			WithArtifactLocation(sarifArtifact(f.Path)).
			WithRegion(goSARIFRegion(f.Start, f.End))))
	fps := map[string]string{}
	if f.Fingerprint != "" {
		fps["primaryLocationLineHash"] = f.Fingerprint
	}
	if f.FindingHash != "" {
		fps[FindingHashKey] = f.FindingHash
	}
	if len(fps) > 0 {
		res.WithPartialFingerprints(fps)
	}
	for i, r := range f.Related {
		res.AddRelatedLocation(sarif.NewLocation().WithID(i + 1).WithMessage(sarif.NewTextMessage(r.Message)).
			WithPhysicalLocation(sarif.NewPhysicalLocation().
				WithArtifactLocation(sarifArtifact(r.Path)).
				WithRegion(goSARIFRegion(r.Start, r.End))))
	}
	props := sarif.NewPropertyBag()
	for _, p := range []struct{ key, value string }{
		{"privilege", f.Privilege},
		{"account", f.Account},
		{"sid", f.SID},
		{"class", f.Class},
		{"operation", f.Operation},
	} {
		if p.value != "" {
			props.Add(p.key, p.value)
		}
	}
	res.WithProperties(props)
	if f.Suppression != nil {
		res.WithSuppressions([]*sarif.Suppression{sarif.NewSuppression().
			WithKind(f.Suppression.Kind).WithStatus("accepted").WithJustification(f.Suppression.Justification)})
	}
	for _, fix := range f.Fixes {
		if len(fix.Edits) == 0 {
			continue // SARIF requires at least one change
		}
		change := sarif.NewArtifactChange().WithArtifactLocation(sarifArtifact(f.Path))
		for _, e := range fix.Edits {
			// insertedContent is always written, its text possibly empty: reviewdog reads it
			// without checking that it is there.
			change.AddReplacement(sarif.NewReplacement().
				WithDeletedRegion(goSARIFRegion(e.Start, e.End)).
				WithInsertedContent(sarif.NewArtifactContent().WithText(e.New)))
		}
		res.AddFixe(sarif.NewFix().
			WithDescription(sarif.NewTextMessage(fix.Description)).
			AddArtifactChange(change))
	}
}

// goSARIFRegion is the region from start to end (exclusive) with UTF-16 columns. A start line below 1
// (a finding about the whole file) becomes line 1, as GitHub reads a missing region; an end before
// the start, or a column that is not known, is left out.
func goSARIFRegion(start, end Position) *sarif.Region {
	reg := sarif.NewRegion().WithStartLine(max(start.Line, 1))
	if start.Line < 1 {
		return reg
	}
	if start.Col16 > 0 {
		reg.WithStartColumn(start.Col16)
	}
	if end.Line > start.Line || (end.Line == start.Line && end.Col16 >= start.Col16) {
		reg.WithEndLine(end.Line)
		if end.Col16 > 0 && start.Col16 > 0 {
			reg.WithEndColumn(end.Col16)
		}
	}
	return reg
}
