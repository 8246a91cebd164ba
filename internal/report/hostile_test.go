package report

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/privlint/privlint/internal/escape/ghrunner"
	"github.com/privlint/privlint/internal/report/sarifcheck"
	"github.com/privlint/privlint/rules"
)

// Hostile text as a scanned repository can hold it: a path with a line break, a workflow command
// and bytes that are not UTF-8, an account with terminal escapes and a legacy command.
const (
	hostilePath    = "x\n::error file=README.md,line=1::pwned\xff.inf"
	hostileAccount = "CONTOSO\\evil\x1b[1A\x1b[2K##[error]\u2028\u202e"
	hostileReason  = "ok\r::warning::forged"
	// A related location's path and message: a line break before a workflow command, a terminal
	// hyperlink, a legacy command and a forged SARIF link.
	hostileRelatedPath = "y\r\n::warning file=a.ps1::x.ps1"
	hostileRelated     = "via call of \x1b]8;;https://evil.example\x07Grant\n::error::forged ##[warning]x](9)"
)

func hostileResult() *Result {
	return &Result{
		Findings: []Finding{{
			Rule: rules.MustLookup(rules.ImpersonateOutsideSafeSet), Level: rules.LevelError, Path: hostilePath,
			Start: Position{Line: 2, Col: 5, Col16: 5}, End: Position{Line: 2, Col: 9, Col16: 9},
			Message:   "SeImpersonatePrivilege is given to " + hostileAccount + ", outside the safe set",
			Privilege: "SeImpersonatePrivilege", Account: hostileAccount, Class: "specific", Operation: "set",
		}, {
			Rule: rules.MustLookup(rules.ImpersonateOutsideSafeSet), Level: rules.LevelError, Path: hostilePath,
			Start: Position{Line: 3, Col: 5, Col16: 5}, End: Position{Line: 3, Col: 9, Col16: 9},
			Message: "suppressed", Account: "a", Suppression: &Suppression{Kind: "inSource", Justification: hostileReason},
		}, {
			Rule: rules.MustLookup(rules.ImpersonateOutsideSafeSet), Level: rules.LevelError, Path: hostilePath,
			Start: Position{Line: 5, Col: 1, Col16: 1}, End: Position{Line: 5, Col: 4, Col16: 4},
			Message: "reached", Account: "b",
			Related: []Related{{Path: hostileRelatedPath, Start: Position{Line: 7, Col: 3, Col16: 3}, End: Position{Line: 7, Col: 9, Col16: 9}, Message: hostileRelated}},
		}},
		Notifications: []Notification{{Path: hostilePath, Line: 4, Col: 1, Message: `expected "x` + "\x1b]0;title\x07" + `"`}},
	}
}

func TestTextEscapes(t *testing.T) {
	got := string(format(t, "text", hostileResult()))
	want := `x\n::error file=README.md,line=1::pwned\xff.inf:2:5: error: SeImpersonatePrivilege is given to CONTOSO\evil\x1b[1A\x1b[2K##\x5berror]\u2028\u202e, outside the safe set [PL1001]` + "\n" +
		`x\n::error file=README.md,line=1::pwned\xff.inf:3:5: error: suppressed [PL1001] (suppressed: ok\r::warning::forged)` + "\n" +
		`x\n::error file=README.md,line=1::pwned\xff.inf:5:1: error: reached (via call of \x1b]8;;https://evil.example\aGrant\n::error::forged ##\x5bwarning]x](9) at y\r\n::warning file=a.ps1::x.ps1:7:3) [PL1001]` + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	n := hostileResult().Notifications[0]
	if got, want := n.TextLine(), `x\n::error file=README.md,line=1::pwned\xff.inf:4:1: warning: expected "x\x1b]0;title\a"`; got != want {
		t.Errorf("TextLine = %s, want %s", got, want)
	}
}

// TestOutputsAreSafe: in every format, no line holds a control character or a workflow command that
// privlint did not mean, and the machine formats keep the exact text.
func TestOutputsAreSafe(t *testing.T) {
	r := hostileResult()
	for name := range Formatters {
		out := format(t, name, r)
		for _, line := range ghrunner.Lines(string(out)) {
			c, ok := ghrunner.Parse(line)
			if !ok {
				if !utf8.ValidString(line) || strings.IndexFunc(line, func(r rune) bool { return !strconv.IsPrint(r) }) >= 0 {
					t.Errorf("%s: a character that is not printable in %q", name, line)
				}
				continue
			}
			// The github format annotates the finding and the notification (the suppressed finding is
			// a plain line) with the exact path, which is what file= holds.
			if name != "github" || c.Legacy || c.Props["file"] != hostilePath || strings.Contains(c.Data, "##[") ||
				strings.IndexFunc(c.Data, func(r rune) bool { return !strconv.IsPrint(r) }) >= 0 {
				t.Errorf("%s: %q reads as the command %+v", name, line, c)
			}
		}
	}

	// What the JSON formats hold: the exact text, but each byte that is not UTF-8 is U+FFFD.
	valid := func(s string) string { return strings.ReplaceAll(s, "\xff", "\ufffd") }
	var doc struct {
		Findings []struct {
			Path, Account, Message string
			Suppression            *Suppression
			Related                []struct{ Path, Message string }
		}
		Notifications []struct{ Path, Message string }
	}
	if err := json.Unmarshal(format(t, "json", r), &doc); err != nil {
		t.Fatal(err)
	}
	f := doc.Findings[0]
	if f.Path != valid(hostilePath) || f.Account != hostileAccount || f.Message != r.Findings[0].Message ||
		doc.Findings[1].Suppression.Justification != hostileReason || doc.Notifications[0].Message != r.Notifications[0].Message {
		t.Errorf("json does not hold the text: %+v", doc)
	}
	if rel := doc.Findings[2].Related; len(rel) != 1 || rel[0].Path != hostileRelatedPath || rel[0].Message != hostileRelated {
		t.Errorf("json does not hold the related location's text: %+v", rel)
	}

	var rd struct {
		Message  string
		Location struct{ Path string }
	}
	if err := json.Unmarshal(bytes.SplitN(format(t, "rdjsonl", r), []byte("\n"), 2)[0], &rd); err != nil {
		t.Fatal(err)
	}
	if rd.Location.Path != valid(hostilePath) || rd.Message != r.Findings[0].Message {
		t.Errorf("rdjsonl does not hold the text: %+v", rd)
	}

	var log struct {
		Runs []struct {
			Results []struct {
				Message    struct{ Text string }
				Properties map[string]string
				Locations  []struct {
					PhysicalLocation struct{ ArtifactLocation struct{ URI string } }
				}
			}
		}
	}
	if err := json.Unmarshal(format(t, "sarif", r), &log); err != nil {
		t.Fatal(err)
	}
	sarifOut := format(t, "sarif", r)
	if err := sarifcheck.Validate(sarifOut); err != nil {
		t.Errorf("invalid SARIF: %v", err)
	}
	var related struct {
		Runs []struct {
			Results []struct {
				Message          struct{ Text string }
				RelatedLocations []struct{ Message struct{ Text string } }
			}
		}
	}
	if err := json.Unmarshal(sarifOut, &related); err != nil {
		t.Fatal(err)
	}
	// The link's text keeps the related message, its brackets escaped: it forges no link to (9).
	if res := related.Runs[0].Results[2]; res.Message.Text != "reached ([via call of \x1b\\]8;;https://evil.example\x07Grant\n::error::forged ##\\[warning\\]x\\](9)](1))" ||
		len(res.RelatedLocations) != 1 || res.RelatedLocations[0].Message.Text != hostileRelated {
		t.Errorf("sarif related location: %+v", res)
	}
	res := log.Runs[0].Results[0]
	uri, err := url.PathUnescape(res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	if err != nil || uri != hostilePath || res.Properties["account"] != hostileAccount || res.Message.Text != r.Findings[0].Message {
		t.Errorf("sarif does not hold the text (%v): %q %+v", err, uri, res)
	}
}
