package langs_test

import (
	"context"
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/langs"
	"github.com/privlint/privlint/analyzers/source"
)

// TestEveryLanguage checks that every described language has its analyzer, and that the language
// of every interpreter program has an extractor for the command strings handed to it: without
// one, text after cmd /c or sh -c would silently give nothing.
func TestEveryLanguage(t *testing.T) {
	if len(langs.Analyzers) != len(source.Languages) {
		t.Errorf("%d analyzers for %d languages", len(langs.Analyzers), len(source.Languages))
	}
	names := map[string]bool{}
	nested := langs.Interpreters()
	for _, d := range source.Languages {
		a := langs.Analyzer(d.Lang)
		if a == nil {
			t.Errorf("%s: no analyzer", d.Lang)
			continue
		}
		if names[a.Name] {
			t.Errorf("%s: analyzer name %s used twice", d.Lang, a.Name)
		}
		names[a.Name] = true
		if got, want := nested.Analyzes(d.Lang), len(d.Programs) > 0; got != want {
			t.Errorf("%s: interpreted by %q; its command strings analyzed: %v", d.Lang, d.Programs, got)
		}
	}
	if len(nested) != len(langs.Interpreters()) {
		t.Error("Interpreters holds a language twice")
	}
}

// TestNestedThroughAnalyzer runs a batch file through its analyzer, as the checker does: the
// PowerShell handed to powershell -Command, and the batch handed back to cmd /c, are analyzed.
func TestNestedThroughAnalyzer(t *testing.T) {
	text := "cmd /c powershell -Command \"cmd /c ntrights +r SeImpersonatePrivilege -u CONTOSO\\svc\"\r\n"
	a := langs.Analyzer(source.LangBatch)
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{a},
		driver.ReadFile(func(string) ([]byte, error) { return []byte(text), nil }))
	if err != nil {
		t.Fatal(err)
	}
	var res *driver.Result
	if err := d.Run(context.Background(), []string{"x.cmd"}, func(r *driver.Result) { res = r }); err != nil {
		t.Fatal(err)
	}
	as := res.Results[a].(*assign.Result).Assignments
	if len(as) != 1 || len(as[0].Accounts) != 1 || as[0].Accounts[0].Text != `CONTOSO\svc` {
		t.Errorf("assignments %+v, errors %v; want the grant to CONTOSO\\svc", as, res.Errors)
	}
}

// TestKubernetesNotParsed: a Kubernetes manifest whose only keyword is privileged is not parsed: its
// syntax error is not even seen, where the same file naming a right is parsed and reports it.
func TestKubernetesNotParsed(t *testing.T) {
	broken := "spec:\n  containers:\n  - securityContext: {privileged: true\n"
	for _, tt := range []struct {
		text     string
		problems int
	}{
		{broken, 0},
		{broken + "# SeImpersonatePrivilege\n", 1},
	} {
		a := langs.Analyzer(source.LangYAML)
		d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{a},
			driver.ReadFile(func(string) ([]byte, error) { return []byte(tt.text), nil }))
		if err != nil {
			t.Fatal(err)
		}
		r := d.Analyze("deploy.yaml")
		if f := r.Results[source.Analyzer].(*source.File); len(f.Problems) != tt.problems {
			t.Errorf("%q: %d problems, want %d", tt.text, len(f.Problems), tt.problems)
		}
	}
}
