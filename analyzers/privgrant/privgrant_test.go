package privgrant_test

import (
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/rules"
)

// FuzzCheck runs the whole analysis (decoding, every extractor, the checker) over arbitrary bytes in
// every language privlint reads: it must never fail or panic, and every finding must lie in the file.
func FuzzCheck(f *testing.F) {
	f.Add("x.inf", []byte("\xff\xfe[\x00P\x00"))
	f.Add("x.inf", []byte("[Privilege Rights]\nSeImpersonatePrivilege = *S-1-1-0,,\"a,b\nSeImpersonatePrivilege=\n"))
	f.Add("secpol.cfg", []byte("[Unicode]\r[Privilege Rights]\rSeAssignPrimaryTokenPrivlege=*\r"))
	f.Add("x.ps1", []byte("Grant-CPrivilege -Identity $x -Privilege SeImpersonatePrivilege"))
	f.Add("x.cmd", []byte("ntrights +r SeImpersonatePrivilege -u %USER%"))
	f.Add("x.sh", []byte("ntrights +r SeImpersonatePrivilege -u \"$U\""))
	f.Add("main.yml", []byte("- win_user_right:\n    name: SeImpersonatePrivilege\n    users: ['{{ u }}', Everyone]\n"))
	f.Add("init.sls", []byte("p:\n  lgpo.set:\n    - computer_policy:\n        Impersonate a client after authentication: [x]\n"))
	f.Add("intune.json", []byte(`{"omaUri": "./Device/Vendor/MSFT/Policy/Config/UserRights/ImpersonateClient", "value": "*S-1-1-0\uf000x"}`))
	f.Add("default.rb", []byte("windows_user_privilege 'x' do\n  privilege %w[SeImpersonatePrivilege]\nend\npowershell_script 'p' do\n  code <<~EOS\n    ntrights +r SeImpersonatePrivilege -u y\n  EOS\nend\n"))
	f.Add("init.pp", []byte("local_security_policy { 'Impersonate a client after authentication': policy_value => 'set: *S-1-1-0', }"))
	f.Add("localhost.mof", []byte("instance of MSFT_UserRightsAssignment { Policy = \"Impersonate_a_client_after_authentication\"; Identity = {\"x\"}; Force = True; };"))
	f.Add("gpreport.xml", []byte(`<q1:UserRightsAssignment xmlns:q1="x"><q1:Name>SeImpersonatePrivilege</q1:Name><q1:Member><SID>S-1-1-0</SID></q1:Member></q1:UserRightsAssignment>`))
	f.Add("b.PolicyRules", []byte(`<SecurityTemplate Section="Privilege Rights"><LineItem>SeImpersonatePrivilege = *S-1-1-0</LineItem></SecurityTemplate>`))
	f.Add("Dockerfile", []byte("FROM mcr.microsoft.com/windows/servercore\nSHELL [\"powershell\", \"-Command\"]\nRUN Grant-CPrivilege -Identity x -Privilege SeImpersonatePrivilege\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		name = filepath.Base(name)
		if name == "." || name == "/" {
			return
		}
		fset := token.NewFileSet()
		d, err := driver.New(fset, []*analysis.Analyzer{privgrant.Analyzer}, driver.ReadFile(func(string) ([]byte, error) { return data, nil }))
		if err != nil {
			t.Fatal(err)
		}
		r := d.Analyze(name)
		for _, err := range r.Errors {
			t.Fatalf("%s: %v", name, err)
		}
		for _, diag := range r.Results[privgrant.Analyzer].(*privgrant.Result).Diagnostics() {
			if tf := fset.File(diag.Pos); tf == nil || diag.End < diag.Pos || int(diag.End) > tf.Base()+tf.Size() {
				t.Fatalf("diagnostic outside the file: %+v", diag)
			}
		}
	})
}

// analyze runs the checker on text as the file name and returns its result.
func analyze(t *testing.T, name, text string) *privgrant.Result {
	t.Helper()
	d, err := driver.New(nil, []*analysis.Analyzer{privgrant.Analyzer}, driver.ReadFile(func(string) ([]byte, error) { return []byte(text), nil }))
	if err != nil {
		t.Fatal(err)
	}
	r := d.Analyze(name)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if len(r.Diagnostics) > 0 {
		t.Fatalf("the checker reported %d diagnostics through the pass: its result is its one channel", len(r.Diagnostics))
	}
	return r.Results[privgrant.Analyzer].(*privgrant.Result)
}

// TestMaxFindings: past MaxFindings a file's findings are counted, not kept or reported, whatever
// rule they are of.
func TestMaxFindings(t *testing.T) {
	// Eleven lines of assign.MaxAccounts accounts each, every line after the first a duplicate.
	var b strings.Builder
	var written []string // the accounts in the order they are written
	b.WriteString("[Privilege Rights]\n")
	for line := range 11 {
		var accounts []string
		for i := range assign.MaxAccounts {
			accounts = append(accounts, fmt.Sprintf("u%d_%d", line, i))
		}
		written = append(written, accounts...)
		b.WriteString("SeImpersonatePrivilege = " + strings.Join(accounts, ",") + "\n")
	}
	res := analyze(t, "many.inf", b.String())
	if all := len(written) + 10; len(res.Findings) != privgrant.MaxFindings || res.Omitted != all-privgrant.MaxFindings {
		t.Errorf("long lines: %d findings, %d omitted; want %d, %d", len(res.Findings), res.Omitted, privgrant.MaxFindings, all-privgrant.MaxFindings)
	}
	var kept []string
	for _, f := range res.Findings {
		if f.Account != "" {
			kept = append(kept, f.Account)
		}
	}
	if len(kept) > len(written) || !slices.Equal(kept, written[:len(kept)]) {
		t.Errorf("the findings kept are not the first accounts in order")
	}

	// Every line after the first is a duplicate (PL2004) and an account outside the safe set (PL1001).
	b.Reset()
	b.WriteString("[Privilege Rights]\n")
	for i := range privgrant.MaxFindings {
		fmt.Fprintf(&b, "SeImpersonatePrivilege = u%d\n", i)
	}
	res = analyze(t, "many.inf", b.String())
	if len(res.Findings) != privgrant.MaxFindings || res.Omitted != privgrant.MaxFindings-1 {
		t.Errorf("many lines: %d findings, %d omitted; want %d, %d", len(res.Findings), res.Omitted, privgrant.MaxFindings, privgrant.MaxFindings-1)
	}
}

// TestTruncatedSet: a set whose list is Truncated (longer than assign.MaxAccounts) may hold the
// accounts Windows needs past the accounts read, so it gets no SetDropsRequiredAccount finding;
// the same set read whole does.
func TestTruncatedSet(t *testing.T) {
	admins := strings.Repeat("*S-1-5-32-544,", assign.MaxAccounts) // safe accounts: no finding of their own
	for _, tt := range []struct {
		name, value string
		drops       bool
	}{
		{"read whole", strings.TrimSuffix(admins, ","), true},
		{"truncated", admins + "*S-1-5-19,*S-1-5-20,*S-1-5-6", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := analyze(t, "x.inf", "[Privilege Rights]\nSeImpersonatePrivilege = "+tt.value+"\n")
			drops := 0
			for _, f := range res.Findings {
				if f.Rule.ID == rules.SetDropsRequiredAccount {
					drops++
				}
			}
			if len(res.Findings) != drops || (drops == 1) != tt.drops {
				t.Errorf("%d findings, %d of them %s; want no other, and one %s: %v", len(res.Findings), drops, rules.SetDropsRequiredAccount, rules.SetDropsRequiredAccount, tt.drops)
			}
		})
	}
}

// TestRepeatedFindings: the same statement run by a loop whose body does not depend on the loop
// variable yields each of its findings once, in every language, and is no duplicate assignment of
// itself; statements that differ keep a finding each.
func TestRepeatedFindings(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "rule account" of each finding, in order
	}{
		{"loop.cmd", "for %%a in (1 2 3) do ntrights -u X\\y +r SeImpersonatePrivilege\n",
			[]string{"PL1001 X\\y"}},
		{"loop.cmd", "for %%a in (1 2) do for %%b in (1 2) do ntrights -u X\\y +r SeImpersonatePrivilege\n" +
			"ntrights -u X\\y +r SeImpersonatePrivilege\n",
			[]string{"PL1001 X\\y", "PL1001 X\\y"}}, // two statements: two findings
		{"loop.cmd", "for %%u in (a b a) do ntrights -u X\\%%u +r SeImpersonatePrivilege\n",
			[]string{"PL1001 X\\a", "PL1001 X\\b"}},
		{"loop.sh", "for i in 1 2 3; do ntrights -u 'X\\y' +r SeAssignPrimaryTokenPrivilege; done\n",
			[]string{"PL1002 X\\y"}},
		{"loop.sh", "for i in 1 2; do cat > a.inf <<E\n[Privilege Rights]\nSeImpersonatePrivilege =\nE\ndone\n",
			[]string{"PL2003 "}},
		{"default.rb", "[1, 2].each do |i|\n  windows_user_privilege 'x' do\n    privilege 'SeImpersonatePrivilege'\n" +
			"    users ['X\\y']\n    action :set\n  end\nend\n",
			[]string{"PL1001 X\\y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := analyze(t, tt.name, tt.text)
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.Rule.ID+" "+f.Account)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
}
