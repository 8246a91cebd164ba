package forms_test

import (
	"fmt"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/ansible"
	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/chef"
	"github.com/privlint/privlint/analyzers/mof"
	"github.com/privlint/privlint/analyzers/powershell"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// raw is a value written differently in each language, by language name; a language without one
// cannot write the case (MOF has no value known only at run time).
type raw map[string]string

// prop is one property of a case: a string, a []string, a bool or a raw.
type prop struct {
	name string
	v    any
}

// language writes a resource with its properties in one language and extracts its assignments.
type language struct {
	name    string
	lang    source.Lang
	file    string
	write   func(resource string, props []string) string
	str     func(s string) string
	list    func(items []string) string
	boolean func(b bool) string
	prop    func(name, value string) string
	extract func(f *source.File) []assign.Assignment
}

var languages = []language{
	{
		name: "powershell", lang: source.LangPowerShell, file: "c.ps1",
		write: func(res string, props []string) string {
			return "Configuration C {\n  Node localhost {\n    " + res + " R {\n" + strings.Join(props, "") + "    }\n  }\n}\n"
		},
		str:     func(s string) string { return "'" + s + "'" },
		list:    func(items []string) string { return "@(" + strings.Join(items, ", ") + ")" },
		boolean: func(b bool) string { return map[bool]string{true: "$true", false: "$false"}[b] },
		prop:    func(n, v string) string { return "      " + n + " = " + v + "\n" },
		extract: powershell.ExtractFile,
	},
	{
		name: "mof", lang: source.LangMOF, file: "c.mof",
		write: func(res string, props []string) string {
			if res == "UserRightsAssignment" {
				res = "MSFT_UserRightsAssignment"
			}
			return "instance of " + res + " as $R1ref\n{\n" + strings.Join(props, "") + "};\n"
		},
		str:     func(s string) string { return `"` + strings.ReplaceAll(s, `\`, `\\`) + `"` },
		list:    func(items []string) string { return "{" + strings.Join(items, ", ") + "}" },
		boolean: func(b bool) string { return map[bool]string{true: "True", false: "False"}[b] },
		prop:    func(n, v string) string { return " " + n + " = " + v + ";\n" },
		extract: mof.Extract,
	},
	{
		name: "chef", lang: source.LangRuby, file: "c.rb",
		write: func(res string, props []string) string {
			return "dsc_resource 'r' do\n  resource :" + res + "\n" + strings.Join(props, "") + "end\n"
		},
		str:     func(s string) string { return "'" + s + "'" },
		list:    func(items []string) string { return "[" + strings.Join(items, ", ") + "]" },
		boolean: func(b bool) string { return fmt.Sprint(b) },
		prop:    func(n, v string) string { return "  property :" + n + ", " + v + "\n" },
		extract: chef.Extract,
	},
	{
		name: "ansible", lang: source.LangYAML, file: "c.yml",
		write: func(res string, props []string) string {
			return "- win_dsc:\n    resource_name: " + res + "\n" + strings.Join(props, "")
		},
		str:     func(s string) string { return "'" + s + "'" },
		list:    func(items []string) string { return "[" + strings.Join(items, ", ") + "]" },
		boolean: func(b bool) string { return fmt.Sprint(b) },
		prop:    func(n, v string) string { return "    " + n + ": " + v + "\n" },
		extract: ansible.Extract,
	},
}

// text writes the case's resource in l, or reports false when l cannot write one of its values.
func (l language) text(resource string, props []prop) (string, bool) {
	var out []string
	for _, p := range props {
		var v string
		switch x := p.v.(type) {
		case string:
			v = l.str(x)
		case []string:
			var items []string
			for _, s := range x {
				items = append(items, l.str(s))
			}
			v = l.list(items)
		case bool:
			v = l.boolean(x)
		case raw:
			var ok bool
			if v, ok = x[l.name]; !ok {
				return "", false
			}
		}
		out = append(out, l.prop(p.name, v))
	}
	return l.write(resource, out), true
}

const impersonate = "Impersonate_a_client_after_authentication"

// cases run one DSC resource through every language: want renders the assignments as describe
// does, the same for all.
var cases = []struct {
	name, resource string
	props          []prop
	want           string
}{
	{"adds without Force", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", []string{`CONTOSO\svc-a`, "Everyone"}}},
		`grant Impersonate_a_client_after_authentication [-CONTOSO\svc-a -Everyone]`},
	{"Force true sets", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", []string{`CONTOSO\svc-a`}}, {"Force", true}},
		`set Impersonate_a_client_after_authentication [CONTOSO\svc-a]`},
	{"Force false adds", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", []string{`CONTOSO\svc-a`}}, {"Force", false}},
		`grant Impersonate_a_client_after_authentication [CONTOSO\svc-a]`},
	{"Force the string true sets", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", []string{`CONTOSO\svc-a`}}, {"Force", "true"}},
		`set Impersonate_a_client_after_authentication [CONTOSO\svc-a]`},
	{"Force True and 1 set", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", `CONTOSO\svc-a`},
			{"Force", raw{"powershell": "1", "chef": "1", "ansible": `"True"`, "mof": "TRUE"}}},
		`set Impersonate_a_client_after_authentication [CONTOSO\svc-a]`},
	{"Force yes sets", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", `CONTOSO\svc-a`},
			{"Force", raw{"powershell": "'yes'", "chef": "'yes'", "ansible": "yes", "mof": `"yes"`}}},
		`set Impersonate_a_client_after_authentication [CONTOSO\svc-a]`},
	{"Force known at run time adds", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", `CONTOSO\svc-a`},
			{"Force", raw{"powershell": "$force", "chef": "node['force']", "ansible": `"{{ force }}"`}}},
		`grant Impersonate_a_client_after_authentication [CONTOSO\svc-a]`},
	{"Ensure Absent revokes, Force or not", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", []string{`CONTOSO\svc-a`, "Everyone"}}, {"Force", true}, {"Ensure", "Absent"}},
		`revoke Impersonate_a_client_after_authentication [-CONTOSO\svc-a -Everyone]`},
	{"Ensure known at run time grants", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", `CONTOSO\svc-a`},
			{"Ensure", raw{"powershell": "$ensure", "chef": "node['ensure']", "ansible": `"{{ ensure }}"`}}},
		`grant Impersonate_a_client_after_authentication [CONTOSO\svc-a]`},
	{"Ensure Present grants", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", `CONTOSO\svc-a`}, {"Ensure", "present"}},
		`grant Impersonate_a_client_after_authentication [CONTOSO\svc-a]`},
	{"comma-joined Identity", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", `NT AUTHORITY\SERVICE, CONTOSO\svc-a,,Everyone`}},
		`grant Impersonate_a_client_after_authentication [-NT AUTHORITY\SERVICE -CONTOSO\svc-a -Everyone]`},
	{"empty Identity with Force sets nobody", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Identity", ""}, {"Force", true}},
		`set Impersonate_a_client_after_authentication []`},
	{"Identity known at run time", "UserRightsAssignment",
		[]prop{{"Policy", impersonate},
			{"Identity", raw{"powershell": "$accounts", "chef": "node['accounts']", "ansible": `"{{ accounts }}"`}}},
		`grant Impersonate_a_client_after_authentication [?]`},
	{"no Identity, no assignment", "UserRightsAssignment",
		[]prop{{"Policy", impersonate}, {"Force", true}}, ``},
	{"no Policy, no assignment", "UserRightsAssignment",
		[]prop{{"Identity", "Everyone"}}, ``},
	{"property names in any case", "userrightsassignment",
		[]prop{{"policy", "Replace_a_process_level_token"}, {"IDENTITY", []string{"Everyone"}}, {"force", true}},
		`set Replace_a_process_level_token [Everyone]`},
	{"Carbon_Privilege with two privileges", "Carbon_Privilege",
		[]prop{{"Identity", `CONTOSO\svc-c`}, {"Privilege", []string{"SeImpersonatePrivilege", "SeAssignPrimaryTokenPrivilege", "SeImpersonatePrivilege"}}},
		"grant SeImpersonatePrivilege [CONTOSO\\svc-c]\ngrant SeAssignPrimaryTokenPrivilege [CONTOSO\\svc-c]"},
	{"Carbon_Privilege Absent revokes", "Carbon_Privilege",
		[]prop{{"Identity", `CONTOSO\svc-c`}, {"Privilege", []string{"SeImpersonatePrivilege"}}, {"Ensure", "Absent"}},
		`revoke SeImpersonatePrivilege [CONTOSO\svc-c]`},
	{"Carbon_Privilege Force means nothing", "Carbon_Privilege",
		[]prop{{"Identity", `CONTOSO\svc-c`}, {"Privilege", "SeImpersonatePrivilege"}, {"Force", true}},
		`grant SeImpersonatePrivilege [CONTOSO\svc-c]`},
	{"other resources assign nothing", "Registry",
		[]prop{{"Key", impersonate}, {"Identity", "Everyone"}, {"Policy", impersonate}}, ``},
}

// describe renders assignments one a line: op right [accounts], an account with a removal edit
// marked -, one known only at run time shown as ?. It checks what the rendering leaves out: that
// the right and each account are found where they are written, and that each removal edit drops
// exactly its account.
func describe(t *testing.T, l language, f *source.File, as []assign.Assignment) string {
	t.Helper()
	src := func(p, e token.Pos) string {
		return string(f.Text[int(p)-f.Tok.Base() : int(e)-f.Tok.Base()])
	}
	var lines []string
	for _, a := range as {
		if got := src(a.Pos, a.End); got != a.Right {
			t.Errorf("%s: right %q is written as %q", l.name, a.Right, got)
		}
		var accs []string
		for _, acc := range a.Accounts {
			written := src(acc.Pos, acc.End)
			switch {
			case acc.Unresolved:
				if written != acc.Text {
					t.Errorf("%s: unresolved account %q is written as %q", l.name, acc.Text, written)
				}
				accs = append(accs, "?")
				continue
			case written != acc.Text && strings.ReplaceAll(written, `\\`, `\`) != acc.Text:
				t.Errorf("%s: account %q is written as %q", l.name, acc.Text, written)
			}
			s := acc.Text
			if acc.Remove != nil {
				s = "-" + s
				checkRemoval(t, l, f, acc)
			}
			accs = append(accs, s)
		}
		lines = append(lines, fmt.Sprintf("%s %s [%s]", a.Op, a.Right, strings.Join(accs, " ")))
	}
	return strings.Join(lines, "\n")
}

// checkRemoval applies acc's removal edit and checks that the file then names every account it
// named before but acc.
func checkRemoval(t *testing.T, l language, f *source.File, acc assign.Account) {
	t.Helper()
	names := func(f *source.File) []string {
		var out []string
		for _, a := range l.extract(f) {
			for _, acc := range a.Accounts {
				out = append(out, acc.Text)
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	e := acc.Remove[0]
	s, end := int(e.Pos)-f.Tok.Base(), int(e.End)-f.Tok.Base()
	edited := string(f.Text[:s]) + string(e.NewText) + string(f.Text[end:])
	want := slices.DeleteFunc(names(f), func(s string) bool { return s == acc.Text })
	if got := names(checktest.NewFile(l.file, l.lang, edited)); !slices.Equal(got, want) {
		t.Errorf("%s: removing %q leaves %q, want %q; edited:\n%s", l.name, acc.Text, got, want, edited)
	}
}

// TestLanguagesAgree runs each case through PowerShell, MOF, Chef's dsc_resource and Ansible's
// win_dsc: all give the same assignments.
func TestLanguagesAgree(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, l := range languages {
				text, ok := l.text(c.resource, c.props)
				if !ok {
					continue
				}
				f := checktest.NewFile(l.file, l.lang, text)
				got := describe(t, l, f, l.extract(f))
				if got != c.want {
					t.Errorf("%s:\n%s\ngives\n%s\nwant\n%s", l.name, text, got, c.want)
				}
				for _, p := range f.Problems {
					t.Errorf("%s: problem: %s", l.name, p.Message)
				}
			}
		})
	}
}

// TestTooManyAccounts gives an Identity of assign.MaxAccounts+1 accounts in every language: the
// first MaxAccounts are read, the assignment is Truncated, and the one left out is reported once.
func TestTooManyAccounts(t *testing.T) {
	names := make([]string, assign.MaxAccounts+1)
	for i := range names {
		names[i] = fmt.Sprintf("u%d", i)
	}
	props := []prop{{"Policy", impersonate}, {"Identity", names}}
	for _, l := range languages {
		text, _ := l.text("UserRightsAssignment", props)
		f := checktest.NewFile(l.file, l.lang, text)
		as := l.extract(f)
		if len(as) != 1 || !as[0].Truncated || len(as[0].Accounts) != assign.MaxAccounts {
			t.Errorf("%s: %d assignments, want one Truncated with %d accounts", l.name, len(as), assign.MaxAccounts)
			continue
		}
		var reports []string
		for _, p := range f.Problems {
			if strings.Contains(p.Message, "more than") {
				reports = append(reports, f.Tok.Position(p.Pos).String()+" "+p.Message)
			}
		}
		if len(reports) != 1 {
			t.Errorf("%s: %d reports of the accounts left out, want 1: %q", l.name, len(reports), reports)
		}
	}
}
