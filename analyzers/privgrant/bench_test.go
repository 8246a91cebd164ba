package privgrant_test

import (
	"go/token"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/privgrant"
)

// benchInputs are representative snippets of each language, repeated to about 256 KB: a few grants
// among ordinary configuration code, as real files are.
var benchInputs = []struct {
	name, file, head, unit string
}{
	{"inf", "GptTmpl.inf", "[Unicode]\nUnicode=yes\n[Privilege Rights]\n",
		"SeBackupPrivilege = *S-1-5-32-544,*S-1-5-32-551\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\\web\n"},
	{"powershell", "x.ps1", "",
		"$svc = Get-Service -Name 'spooler'\nif ($svc.Status -eq 'Running') { Write-Host \"stopping $($svc.Name)\" }\nGrant-CPrivilege -Identity 'CONTOSO\\web' -Privilege SeImpersonatePrivilege\n"},
	{"batch", "x.cmd", "@echo off\r\n",
		"set ACC=CONTOSO\\web\r\nsc config spooler start= disabled\r\nif exist c:\\x (echo yes) else (echo no)\r\nntrights +r SeImpersonatePrivilege -u %ACC%\r\n"},
	{"shell", "x.sh", "#!/bin/sh\n",
		"acc='CONTOSO\\web'\nfor s in a b c; do echo \"$s\"; done\nntrights +r SeImpersonatePrivilege -u \"$acc\"\n"},
	{"ansible", "main.yml", "",
		"- name: feature\n  ansible.windows.win_feature:\n    name: Web-Server\n- name: right\n  ansible.windows.win_user_right:\n    name: SeImpersonatePrivilege\n    users: [Administrators, 'CONTOSO\\web']\n    action: add\n"},
	{"chef", "default.rb", "",
		"package 'iis' do\n  action :install\nend\nwindows_user_privilege 'CONTOSO\\web' do\n  privilege %w(SeImpersonatePrivilege)\nend\n"},
	{"puppet", "init.pp", "",
		"package { 'iis': ensure => installed }\nlocal_security_policy { 'Impersonate a client after authentication': policy_value => '*S-1-5-19,CONTOSO\\web' }\n"},
	{"mof", "localhost.mof", "",
		"instance of MSFT_UserRightsAssignment as $x\n{\n Policy = \"Impersonate_a_client_after_authentication\";\n Identity = {\"*S-1-5-19\", \"CONTOSO\\\\web\"};\n};\n"},
}

// BenchmarkExtract measures each language's whole analysis (decoding, lexing, parsing, extraction
// and checking) on an in-memory file of about 256 KB.
func BenchmarkExtract(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			var sb strings.Builder
			sb.WriteString(in.head)
			for sb.Len() < 256<<10 {
				sb.WriteString(in.unit)
			}
			content := []byte(sb.String())
			d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{privgrant.Analyzer},
				driver.ReadFile(func(string) ([]byte, error) { return content, nil }))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(content)))
			b.ReportAllocs()
			for b.Loop() {
				r := d.Analyze(in.file)
				if n := len(r.Results[privgrant.Analyzer].(*privgrant.Result).Findings); len(r.Errors) > 0 || n == 0 {
					b.Fatalf("errors %v, %d findings", r.Errors, n)
				}
			}
		})
	}
}
