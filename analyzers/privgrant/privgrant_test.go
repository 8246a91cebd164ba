package privgrant_test

import (
	"fmt"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/internal/checktest"
)

func TestFixtures(t *testing.T) {
	checktest.Run(t, "testdata", privgrant.Analyzer)
}

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
		for _, diag := range r.Diagnostics {
			if tf := fset.File(diag.Pos); tf == nil || diag.End < diag.Pos || int(diag.End) > tf.Base()+tf.Size() {
				t.Fatalf("diagnostic outside the file: %+v", diag)
			}
		}
	})
}

// TestMaxFindings: past MaxFindings a file's findings are counted, not kept or reported, whatever
// rule they are of.
func TestMaxFindings(t *testing.T) {
	analyze := func(text string) (*privgrant.Result, int) {
		t.Helper()
		d, err := driver.New(nil, []*analysis.Analyzer{privgrant.Analyzer}, driver.ReadFile(func(string) ([]byte, error) { return []byte(text), nil }))
		if err != nil {
			t.Fatal(err)
		}
		r := d.Analyze("many.inf")
		if len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
		return r.Results[privgrant.Analyzer].(*privgrant.Result), len(r.Diagnostics)
	}
	var b strings.Builder
	b.WriteString("[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-19")
	for i := range privgrant.MaxFindings + 7 {
		fmt.Fprintf(&b, ",u%d", i)
	}
	res, reported := analyze(b.String() + "\n")
	if len(res.Findings) != privgrant.MaxFindings || reported != privgrant.MaxFindings || res.Omitted != 7 {
		t.Errorf("one line: %d findings, %d reported, %d omitted; want %d, %d, 7", len(res.Findings), reported, res.Omitted, privgrant.MaxFindings, privgrant.MaxFindings)
	}
	if last := res.Findings[len(res.Findings)-1]; last.Account != fmt.Sprint("u", privgrant.MaxFindings-1) {
		t.Errorf("the last finding kept is for %s, want the accounts in order", last.Account)
	}

	// Every line after the first is a duplicate (PL2004) and an account outside the safe set (PL1001).
	b.Reset()
	b.WriteString("[Privilege Rights]\n")
	for i := range privgrant.MaxFindings {
		fmt.Fprintf(&b, "SeImpersonatePrivilege = u%d\n", i)
	}
	res, _ = analyze(b.String())
	if len(res.Findings) != privgrant.MaxFindings || res.Omitted != privgrant.MaxFindings-1 {
		t.Errorf("many lines: %d findings, %d omitted; want %d, %d", len(res.Findings), res.Omitted, privgrant.MaxFindings, privgrant.MaxFindings-1)
	}
}
