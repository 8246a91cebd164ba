package gpreport

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

func testFile(text string) *source.File {
	return checktest.NewFile("gpreport.xml", source.LangXML, text)
}

const ns = `xmlns:q1="http://www.microsoft.com/GroupPolicy/Settings/Security"`

// extractTests are reports and their assignments as render writes them: each account as written
// at its position, and the scope. They also seed FuzzGPReport.
var extractTests = []struct {
	name, src, want string
}{
	{"sid and name", `<GPO><q1:UserRightsAssignment ` + ns + `><q1:Name>SeImpersonatePrivilege</q1:Name>` +
		`<q1:Member><SID>S-1-5-19</SID><Name>NT AUTHORITY\LOCAL SERVICE</Name></q1:Member>` +
		`<q1:Member><Name> CONTOSO\svc </Name></q1:Member></q1:UserRightsAssignment></GPO>`,
		`set SeImpersonatePrivilege [S-1-5-19 CONTOSO\svc] gpo@0`},
	{"any prefix", `<r><x:UserRightsAssignment xmlns:x="urn:x" xmlns:t="urn:t"><x:Name>SeAssignPrimaryTokenPrivilege</x:Name>` +
		`<x:Member><t:SID>S-1-5-20</t:SID></x:Member></x:UserRightsAssignment></r>`,
		`set SeAssignPrimaryTokenPrivilege [S-1-5-20] gporeport`},
	{"empty members and other elements", `<GPO><UserRightsAssignment><Name>SeImpersonatePrivilege</Name><Member/>` +
		`<Member><SID></SID><Name/></Member><Other><Name>x</Name></Other></UserRightsAssignment></GPO>`,
		`set SeImpersonatePrivilege [] gpo@0`},
	{"no right", `<UserRightsAssignment><Member><SID>S-1-1-0</SID></Member></UserRightsAssignment>`, ``},
	{"entities", `<UserRightsAssignment><Name>SeImpersonatePrivilege</Name><Member><Name>R&amp;D</Name></Member></UserRightsAssignment>`,
		`set SeImpersonatePrivilege [R&D@R&amp;D] gporeport`},
	{"utf-16 declaration", `<?xml version="1.0" encoding="utf-16"?>` + "\r\n" + `<UserRightsAssignment><Name>SeImpersonatePrivilege</Name>` +
		`<Member><SID>S-1-5-6</SID></Member></UserRightsAssignment>`,
		`set SeImpersonatePrivilege [S-1-5-6] gporeport`},
}

// render writes assignments compactly: an account whose position does not hold its text exactly
// shows what its position holds after @.
func render(f *source.File, text string) string {
	var out []string
	for _, a := range Extract(f) {
		var accs []string
		for _, acc := range a.Accounts {
			at := text[int(acc.Pos)-f.Tok.Base() : int(acc.End)-f.Tok.Base()]
			if at != acc.Text {
				accs = append(accs, acc.Text+"@"+at)
			} else {
				accs = append(accs, acc.Text)
			}
		}
		right := text[int(a.Pos)-f.Tok.Base() : int(a.End)-f.Tok.Base()]
		out = append(out, fmt.Sprintf("%s %s [%s] %s", a.Op, right, strings.Join(accs, " "), a.Scope))
	}
	return strings.Join(out, "; ")
}

func TestExtract(t *testing.T) {
	for _, tt := range extractTests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFile(tt.src)
			if got := render(f, tt.src); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if len(f.Problems) > 0 {
				t.Errorf("problems: %v", f.Problems)
			}
		})
	}
}

func TestProblems(t *testing.T) {
	// Not a report: not read, so broken XML is no problem of privlint's.
	if f := testFile("<a><b></a>"); len(Extract(f)) > 0 || len(f.Problems) > 0 {
		t.Errorf("an XML file without UserRightsAssignment was read: %v", f.Problems)
	}
	src := "<GPO><UserRightsAssignment><Name>SeImpersonatePrivilege</Name><Member><SID>S-1-1-0</SID></Member></UserRightsAssignment>\r<UserRightsAssignment><Name>x</GPO>"
	f := testFile(src)
	if got := render(f, src); got != "set SeImpersonatePrivilege [S-1-1-0] gpo@0" {
		t.Errorf("what was read before the error: %s", got)
	}
	if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, "element <Name> closed by </GPO>") {
		t.Fatalf("problems %v", f.Problems)
	}
	if line := f.Tok.Position(f.Problems[0].Pos).Line; line != 2 {
		t.Errorf("problem on line %d, want 2 (after a bare CR)", line)
	}
}
