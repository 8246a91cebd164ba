package policyrules

import (
	"fmt"
	"go/token"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

func testFile(text string) *source.File {
	return checktest.NewFile("baseline.PolicyRules", source.LangPolicyRules, text)
}

// entityItem is a line item with an entity reference: every byte of it maps to the whole item.
const entityItem = `SeImpersonatePrivilege = *S-1-5-19,R&amp;D`

// extractTests are rule files and their assignments as render writes them. They also seed
// FuzzPolicyRules.
var extractTests = []struct {
	name, src, want string
}{
	{"line items", `<PolicyRules><SecurityTemplate Section="Privilege Rights">` +
		`<LineItem>SeImpersonatePrivilege = *S-1-5-19,CONTOSO\svc</LineItem>` +
		`<LineItem>SeAssignPrimaryTokenPrivilege =</LineItem></SecurityTemplate></PolicyRules>`,
		`set SeImpersonatePrivilege [*S-1-5-19 -*S-1-5-19, | CONTOSO\svc -,CONTOSO\svc]; set SeAssignPrimaryTokenPrivilege []`},
	{"other sections", `<PolicyRules><SecurityTemplate Section="System Access"><LineItem>SeImpersonatePrivilege = x</LineItem></SecurityTemplate>` +
		`<SecurityTemplate><LineItem>SeImpersonatePrivilege = y</LineItem></SecurityTemplate></PolicyRules>`, ``},
	{"blank line item", `<PolicyRules><SecurityTemplate Section=" privilege rights "><LineItem>` + "\r\n  " + `</LineItem></SecurityTemplate></PolicyRules>`, ``},
	{"entities point at the item", `<PolicyRules><SecurityTemplate Section="Privilege Rights">` +
		`<LineItem>` + entityItem + `</LineItem></SecurityTemplate></PolicyRules>`,
		`set SeImpersonatePrivilege@` + entityItem + ` [*S-1-5-19@` + entityItem + ` | R&D@` + entityItem + `]`},
	{"a line over lines", "<PolicyRules><SecurityTemplate Section=\"Privilege Rights\"><LineItem>\r\n  SeImpersonatePrivilege = *S-1-5-6\r\n</LineItem></SecurityTemplate></PolicyRules>",
		`set SeImpersonatePrivilege [*S-1-5-6 -*S-1-5-6]`},
}

// render writes each assignment with what its positions hold (after @ when that is not the text
// itself) and each removal edit as -what it removes.
func render(f *source.File, text string) string {
	at := func(p, e token.Pos) string {
		return text[int(p)-f.Tok.Base() : int(e)-f.Tok.Base()]
	}
	var out []string
	for _, a := range Extract(f) {
		right := a.Right
		if w := at(a.Pos, a.End); w != right {
			right += "@" + w
		}
		var accs []string
		for _, acc := range a.Accounts {
			s := acc.Text
			if w := at(acc.Pos, acc.End); w != s {
				s += "@" + w
			}
			for _, e := range acc.Remove {
				s += " -" + at(e.Pos, e.End)
			}
			accs = append(accs, s)
		}
		out = append(out, fmt.Sprintf("%s %s [%s]", a.Op, right, strings.Join(accs, " | ")))
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

func TestScope(t *testing.T) {
	src := `<PolicyRules><SecurityTemplate Section="Privilege Rights"><LineItem>SeImpersonatePrivilege = *S-1-5-6</LineItem></SecurityTemplate>` +
		`<SecurityTemplate Section="Privilege Rights"><LineItem>SeImpersonatePrivilege = *S-1-5-19</LineItem></SecurityTemplate></PolicyRules>`
	as := Extract(testFile(src))
	if len(as) != 2 || as[0].Scope == "" || as[0].Scope != as[1].Scope {
		t.Errorf("the line items of one file must share a scope: %+v", as)
	}
}

func TestProblems(t *testing.T) {
	src := "<PolicyRules><SecurityTemplate Section=\"Privilege Rights\">\n<LineItem>SeImpersonatePrivilege = a & b</LineItem>"
	f := testFile(src)
	Extract(f)
	if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, "not well-formed XML") || f.Tok.Position(f.Problems[0].Pos).Line != 2 {
		t.Errorf("problems %v", f.Problems)
	}
}
