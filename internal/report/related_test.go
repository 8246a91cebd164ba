package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/privlint/privlint/internal/report/sarifcheck"
	"github.com/privlint/privlint/rules"
)

// The files behind the related sample: a script whose function grants the right to its parameter,
// called by the script with its own parameter, which a script in another file passes; and a
// template that assigns a right twice.
const (
	relatedGrant = "param($Name)\nfunction Grant-Rights([string]$Account) {\n" +
		"    ntrights.exe +r SeImpersonatePrivilege -u $Account\n}\n<# 𝒜 #> Grant-Rights -Account $Name\n"
	relatedInstall = "& .\\scripts\\grant.ps1 -Name 'CONTOSO\\svc-web'\n"
	relatedINF     = "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n" +
		"SeImpersonatePrivilege = *S-1-5-32-544\n"
)

// relatedResult is a scan's result whose findings have related locations: a grant reached through
// two calls, the outer one in another file, and a duplicate assignment with its first assignment.
func relatedResult(t *testing.T) *Result {
	t.Helper()
	accStart, accEnd, _, _ := span(t, relatedGrant, 3, "$Account")
	callStart, callEnd, _, _ := span(t, relatedGrant, 5, "Grant-Rights -Account $Name")
	outerStart, outerEnd, _, _ := span(t, relatedInstall, 1, `& .\scripts\grant.ps1 -Name 'CONTOSO\svc-web'`)
	dupStart, dupEnd, _, _ := span(t, relatedINF, 3, "SeImpersonatePrivilege")
	firstStart, firstEnd, _, _ := span(t, relatedINF, 2, "SeImpersonatePrivilege")
	r := &Result{
		FilesScanned: 3,
		Version:      "1.2.3",
		Findings: []Finding{
			{
				Rule: rules.MustLookup(rules.ImpersonateOutsideSafeSet), Path: "scripts/grant.ps1",
				Start: accStart, End: accEnd,
				Message:   `SeImpersonatePrivilege is given to CONTOSO\svc-web, outside the safe set`,
				Privilege: "SeImpersonatePrivilege", Account: `CONTOSO\svc-web`, Class: "specific", Operation: "grant",
				Fingerprint: LineHashes([]byte(relatedGrant))[2],
				Related: []Related{
					{Path: "install.ps1", Start: outerStart, End: outerEnd, Message: "via call of scripts/grant.ps1"},
					{Path: "scripts/grant.ps1", Start: callStart, End: callEnd, Message: "via call of Grant-Rights"},
				},
			},
			{
				Rule: rules.MustLookup(rules.DuplicateAssignment), Path: "gpo/GptTmpl.inf",
				Start: dupStart, End: dupEnd,
				Message:   "SeImpersonatePrivilege is assigned again (first on line 2); only one of the assignments takes effect",
				Privilege: "SeImpersonatePrivilege", Operation: "set",
				Fingerprint: LineHashes([]byte(relatedINF))[2],
				Related:     []Related{{Path: "gpo/GptTmpl.inf", Start: firstStart, End: firstEnd, Message: "first assignment"}},
			},
		},
	}
	r.Sort()
	return r
}

// TestRelatedGolden: every format shows the related locations, and the SARIF log passes the schema
// and GitHub's rules with them.
func TestRelatedGolden(t *testing.T) {
	for _, tt := range []struct{ format, file string }{
		{"text", "related.txt"},
		{"json", "related.json"},
		{"sarif", "related.sarif"},
		{"github", "related.github"},
		{"rdjsonl", "related.rdjsonl"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			out := format(t, tt.format, relatedResult(t))
			switch tt.format {
			case "sarif":
				if err := sarifcheck.Validate(out); err != nil {
					t.Errorf("invalid SARIF: %v", err)
				}
			case "rdjsonl":
				validateRDJSONL(t, out)
			case "github":
				for _, line := range lines(out) {
					if _, ok := parseWorkflowCommand(t, line); !ok {
						t.Errorf("not a workflow command: %q", line)
					}
				}
			}
			golden(t, tt.file, out)
		})
	}
}

// TestRelatedText: the text format names each related location after the message, outermost first.
func TestRelatedText(t *testing.T) {
	got := lines(format(t, "text", relatedResult(t)))
	want := []string{
		"gpo/GptTmpl.inf:3:1: warning: SeImpersonatePrivilege is assigned again (first on line 2); only one of the assignments takes effect" +
			" (first assignment at gpo/GptTmpl.inf:2:1) [PL2004]",
		`scripts/grant.ps1:3:47: error: SeImpersonatePrivilege is given to CONTOSO\svc-web, outside the safe set` +
			` (via call of scripts/grant.ps1 at install.ps1:1:1) (via call of Grant-Rights at scripts/grant.ps1:5:12) [PL1001]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRelatedPositions: a related location without a line shows only its path, one without a
// column its line.
func TestRelatedPositions(t *testing.T) {
	f := Finding{Related: []Related{
		{Path: "a.ps1", Message: "via call of A"},
		{Path: "b.ps1", Start: Position{Line: 4}, Message: "via call of B"},
	}}
	if got, want := f.relatedText(), " (via call of A at a.ps1) (via call of B at b.ps1:4)"; got != want {
		t.Errorf("relatedText = %q, want %q", got, want)
	}
}

// TestRelatedSARIF: each related location has its id, message and UTF-16 region, in its own file,
// and the message links to it; the JSON format holds the same locations exactly.
func TestRelatedSARIF(t *testing.T) {
	r := relatedResult(t)
	var log struct {
		Runs []struct {
			Results []struct {
				Message          struct{ Text string }
				RelatedLocations []struct {
					ID               int
					Message          struct{ Text string }
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(format(t, "sarif", r), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results[1]
	if want := `SeImpersonatePrivilege is given to CONTOSO\svc-web, outside the safe set ([via call of scripts/grant.ps1](1)) ([via call of Grant-Rights](2))`; res.Message.Text != want {
		t.Errorf("message %q, want %q", res.Message.Text, want)
	}
	if len(res.RelatedLocations) != 2 {
		t.Fatalf("%d related locations, want 2", len(res.RelatedLocations))
	}
	for i, rel := range res.RelatedLocations {
		w := r.Findings[1].Related[i]
		pl := rel.PhysicalLocation
		if rel.ID != i+1 || rel.Message.Text != w.Message || pl.ArtifactLocation.URI != w.Path || pl.ArtifactLocation.URIBaseID != SARIFSourceRoot ||
			pl.Region.StartLine != w.Start.Line || pl.Region.StartColumn != w.Start.Col16 || pl.Region.EndLine != w.End.Line || pl.Region.EndColumn != w.End.Col16 {
			t.Errorf("related location %d is %+v, want %+v", i, rel, w)
		}
	}
	// The call follows a character of two UTF-16 code units and four bytes: the columns differ.
	if c := r.Findings[1].Related[1]; c.Start.Col16 == c.Start.Col {
		t.Errorf("the sample call has equal byte and UTF-16 columns")
	}

	var doc struct {
		Findings []struct {
			Related []struct {
				Path       string
				Start, End struct{ Line, Column, ColumnUTF16 int }
				Message    string
			}
		}
	}
	if err := json.Unmarshal(format(t, "json", r), &doc); err != nil {
		t.Fatal(err)
	}
	for i, f := range doc.Findings {
		if len(f.Related) != len(r.Findings[i].Related) {
			t.Fatalf("finding %d: %d related in json, want %d", i, len(f.Related), len(r.Findings[i].Related))
		}
		for k, rel := range f.Related {
			w := r.Findings[i].Related[k]
			if rel.Path != w.Path || rel.Message != w.Message || rel.Start.Line != w.Start.Line || rel.Start.Column != w.Start.Col ||
				rel.End.Line != w.End.Line || rel.End.Column != w.End.Col {
				t.Errorf("json related %d.%d is %+v, want %+v", i, k, rel, w)
			}
		}
	}
}

// TestSARIFLinkEscapes: brackets in a message with links, and in a link's text, are escaped, so that
// text from a file can neither end a link early nor forge one; a message without links is exact.
func TestSARIFLinkEscapes(t *testing.T) {
	tests := []struct {
		message string
		related []string
		want    string
	}{
		{"given to [x](1)", nil, "given to [x](1)"},
		{"given to [x](1)", []string{"via call of f"}, `given to \[x\](1) ([via call of f](1))`},
		{"m", []string{"via call of a]b[c"}, `m ([via call of a\]b\[c](1))`},
		{"m", []string{`via call of a\`}, `m ([via call of a\\](1))`},
		{`CONTOSO\svc`, []string{`via call of a\[b`}, `CONTOSO\svc ([via call of a\\\[b](1))`},
	}
	for _, tt := range tests {
		f := Finding{Message: tt.message}
		for _, m := range tt.related {
			f.Related = append(f.Related, Related{Path: "a.ps1", Start: Position{Line: 1}, Message: m})
		}
		if got := sarifMessageText(&f); got != tt.want {
			t.Errorf("sarifMessageText(%q, %q) = %q, want %q", tt.message, tt.related, got, tt.want)
		}
	}
}
