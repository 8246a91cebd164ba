package intune

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	vtext "github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/internal/checktest"
)

// accounts returns the accounts of a file's assignments, an unresolved one marked with ?.
func accounts(f *source.File) map[string]bool {
	got := map[string]bool{}
	for _, a := range Extract(f) {
		for _, acc := range a.Accounts {
			if acc.Unresolved {
				got["?"+acc.Text] = true
			} else {
				got[acc.Text] = true
			}
		}
	}
	return got
}

// TestLimits checks that JSON nested deeper than the walk goes, and an anchored list (YAML syntax a
// JSON file may hold) named many times, are reported on their line, and that what follows is read.
func TestLimits(t *testing.T) {
	var deep strings.Builder
	deep.WriteString("{\"x\":\n")
	for range 100 {
		deep.WriteString("{\"a\":\n")
	}
	deep.WriteString(`{"SeImpersonatePrivilege": ["deep"]}` + strings.Repeat("}", 100) + ",\n")
	deep.WriteString("\"y\": {\"SeImpersonatePrivilege\": [\"CONTOSO\\\\later\"]}}\n")

	items := strings.TrimSuffix(strings.Repeat(`"u0000000", `, 1000), ", ")
	alias := "{\"u\": &u [" + items + "],\n" + strings.Repeat("\"r\": {\"SeAssignPrimaryTokenPrivilege\": *u},\n", 300) +
		"\"y\": {\"SeImpersonatePrivilege\": [\"CONTOSO\\\\later\"]}}\n"

	b, aliasLine := vtext.NewBudget(len(alias)), 0
	for k := range 300 { // each use costs the list's node, and each item's node and bytes
		if ok, _ := b.Charge(64 + 1000*(64+8)); !ok {
			aliasLine = 2 + k
			break
		}
	}

	tests := []struct {
		name, src string
		want      []string
		wantNot   string
		line      int // where the limit is reached: the object past 64 levels, a use of the alias
		problem   string
	}{
		{"deep", deep.String(), []string{`CONTOSO\later`}, "deep", 65, "JSON nests more than 64 levels"},
		{"alias named many times", alias, []string{"u0000000", "?*u", `CONTOSO\later`}, "", aliasLine, "budget of this file is spent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checktest.NewFile("x.json", source.LangJSON, tt.src)
			got := accounts(f)
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("account %s not found in %v", w, got)
				}
			}
			if got[tt.wantNot] {
				t.Errorf("account %s found past the limit", tt.wantNot)
			}
			if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, tt.problem) {
				t.Fatalf("want one problem %q:\n%s", tt.problem, checktest.Render(f, nil))
			}
			if line := f.Tok.Position(f.Problems[0].Pos).Line; line != tt.line || tt.line == 0 {
				t.Errorf("problem on line %d, want %d", line, tt.line)
			}
		})
	}
}

// TestLinear checks that the shapes a JSON file legitimately grows in cost work in proportion to its
// size: many keys, the same key many times (each a setting read in the object holding them all),
// long lists.
func TestLinear(t *testing.T) {
	shapes := map[string]checktest.Shape{
		"many keys": func(n int) (string, []byte) {
			var b strings.Builder
			b.WriteString("{")
			for i := range n {
				fmt.Fprintf(&b, "\"k%d\": %d, ", i, i)
			}
			b.WriteString(`"SeImpersonatePrivilege": ["a"]}`)
			return "keys.json", []byte(b.String())
		},
		"repeated setting": func(n int) (string, []byte) {
			var b strings.Builder
			b.WriteString(`{"simpleSettingCollectionValue": [{"value": "a"}], `)
			for i := range n {
				fmt.Fprintf(&b, "\"settingDefinitionId\": \"device_vendor_msft_policy_config_userrights_impersonateclient\", \"k%d\": 1, ", i)
			}
			b.WriteString(`"z": 0}`)
			return "dup.json", []byte(b.String())
		},
		"long list": func(n int) (string, []byte) {
			items := make([]string, n)
			for i := range items {
				items[i] = fmt.Sprintf("\"u%d\"", i)
			}
			return "list.json", []byte(`{"SeImpersonatePrivilege": [` + strings.Join(items, ", ") + "]}")
		},
	}
	for name, shape := range shapes {
		t.Run(name, func(t *testing.T) {
			checktest.Linear(t, 1000, shape, func(name string, content []byte) {
				Extract(checktest.NewFile(name, source.LangJSON, string(content)))
			})
		})
	}
}

// TestLongLists checks that a right given more than assign.MaxAccounts accounts, in every form a
// JSON file lists them, gives the first MaxAccounts and is Truncated, with one problem where the
// first account past those is written, and that the right given after it is still read.
func TestLongLists(t *testing.T) {
	names := make([]string, assign.MaxAccounts+5)
	quoted := make([]string, len(names))
	for i := range names {
		names[i] = fmt.Sprintf("u%d", i)
		quoted[i] = `"` + names[i] + `"`
	}
	list := "[" + strings.Join(quoted, ", ") + "]"
	objects := func(key string) string {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = fmt.Sprintf(`{%q: %q}`, key, n)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	const later = `, "y": {"SeImpersonatePrivilege": ["CONTOSO\\later"]}}`
	tests := []struct{ name, src string }{
		{"keyed by right", `{"x": {"SeAssignPrimaryTokenPrivilege": ` + list + "}" + later},
		{"a template", `{"x": {"Privilege Rights": {"SeAssignPrimaryTokenPrivilege": ` + list + "}}" + later},
		{"a settings catalog collection", `{"x": {"settingDefinitionId": "device_vendor_msft_policy_config_userrights_replaceprocessleveltoken", "simpleSettingCollectionValue": ` +
			objects("value") + "}" + later},
		{"a settings catalog collection of strings", `{"x": {"settingDefinitionId": "device_vendor_msft_policy_config_userrights_replaceprocessleveltoken", "simpleSettingCollectionValue": ` +
			list + "}" + later},
		{"an OMA-URI value", `{"x": {"omaUri": "./Device/Vendor/MSFT/Policy/Config/UserRights/ReplaceProcessLevelToken", "value": "` +
			strings.Join(names, "&#xF000;") + `"}` + later},
		{"endpoint protection", `{"x": {"userRightsReplaceProcessLevelToken": {"state": "allowed", "localUsersOrGroups": ` + objects("name") + "}}" + later},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checktest.NewFile("x.json", source.LangJSON, tt.src)
			as := Extract(f)
			if len(as) != 2 || len(as[0].Accounts) != assign.MaxAccounts || !as[0].Truncated ||
				as[0].Accounts[assign.MaxAccounts-1].Text != names[assign.MaxAccounts-1] || as[1].Accounts[0].Text != `CONTOSO\later` {
				t.Fatalf("assignments:\n%s", checktest.Render(f, as))
			}
			at := f.Pos(strings.Index(tt.src, names[assign.MaxAccounts]))
			if len(f.Problems) != 1 || f.Problems[0].Pos != at || !strings.Contains(f.Problems[0].Message, "more than 1000 accounts") {
				t.Errorf("problems:\n%swant one at %s", checktest.Render(f, nil), f.Tok.Position(at))
			}
		})
	}
}

// TestLongListCost checks that the accounts past assign.MaxAccounts cost nothing: the objects
// allocated for lists of a hundred times as many do not grow with them.
func TestLongListCost(t *testing.T) {
	for _, n := range []int{10 * assign.MaxAccounts, 100 * assign.MaxAccounts} {
		quoted := make([]string, n)
		for i := range quoted {
			quoted[i] = fmt.Sprintf(`"u%d"`, i%10)
		}
		src := `{"SeImpersonatePrivilege": [` + strings.Join(quoted, ",") + `], "x": {"omaUri": "./Device/Vendor/MSFT/Policy/Config/UserRights/ImpersonateClient", "value": "` +
			strings.Repeat("u&#xF000;", n) + `"}}`
		c := checktest.Measure(func() { Extract(checktest.NewFile("x.json", source.LangJSON, src)) })
		if c.Objects > 40*assign.MaxAccounts {
			t.Errorf("two lists of %d accounts: %s, more than %d objects", n, c, 40*assign.MaxAccounts)
		}
	}
}
