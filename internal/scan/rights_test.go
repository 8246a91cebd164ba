package scan

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/config"
	"github.com/privlint/privlint/rules"
)

// frobnicate is a right privlint does not know, defined the way a team would in .privlint.yml.
// None of its names holds the word privilege, so the keyword prefilter finds its files by its own
// names only.
const frobnicate = `custom-rights:
  - constant: SeFrobnicateRight
    names: [Frobnicate the widget, Frobnicate_the_widget]
    csp: FrobnicateTheWidget
    safe: [Administrators]
    level: error
`

// frobnicateFiles grant SeFrobnicateRight to Administrators (its safe set) and to CONTOSO\app, in
// every input language: one file per language of source.Languages, and the files of the
// languages that run inside others (a CI workflow's steps).
var frobnicateFiles = map[string]string{
	"GptTmpl.inf": "[Privilege Rights]\nSeFrobnicateRight = *S-1-5-32-544,CONTOSO\\app\n",
	"grant.ps1":   "Grant-CPrivilege -Identity 'CONTOSO\\app' -Privilege SeFrobnicateRight\n",
	"grant.cmd":   "@echo off\r\nntrights +r SeFrobnicateRight -u Administrators\r\nntrights +r SeFrobnicateRight -u CONTOSO\\app\r\n",
	"grant.sh":    "#!/bin/sh\nntrights +r SeFrobnicateRight -u 'CONTOSO\\app'\n",
	"Dockerfile":  "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN ntrights +r SeFrobnicateRight -u CONTOSO\\app\n",
	"tasks/main.yml": "- name: frobnicate\n  ansible.windows.win_user_right:\n    name: SeFrobnicateRight\n" +
		"    users: [Administrators, 'CONTOSO\\app']\n    action: set\n",
	// A script a playbook runs, whose only keyword is the right's name: the check that skips
	// embedded scripts without a keyword asks the scan's rights.
	"tasks/edit.yml": "- name: edit the template\n  ansible.windows.win_shell: |\n" +
		"    Add-Content -Path C:\\secpol.inf -Value 'SeFrobnicateRight = CONTOSO\\app'\n",
	"policy.sls": "frobnicate:\n  lgpo.set:\n    - computer_policy:\n        Frobnicate the widget:\n" +
		"          - Administrators\n          - CONTOSO\\app\n",
	"default.rb": "windows_user_privilege 'CONTOSO\\app' do\n  privilege 'SeFrobnicateRight'\nend\n",
	"init.pp": "local_security_policy { 'Frobnicate the widget':\n  ensure => present,\n  policy_setting => 'SeFrobnicateRight',\n" +
		"  policy_type => 'Privilege Rights',\n  policy_value => '*S-1-5-32-544,CONTOSO\\app',\n}\n",
	"localhost.mof": "instance of MSFT_UserRightsAssignment as $MSFT_UserRightsAssignment1ref\n{\n" +
		" Identity = {\"*S-1-5-32-544\", \"CONTOSO\\\\app\"};\n ResourceID = \"[UserRightsAssignment]Frob\";\n" +
		" Policy = \"Frobnicate_the_widget\";\n ModuleName = \"SecurityPolicyDsc\";\n};\n",
	"gpreport.xml": `<?xml version="1.0" encoding="utf-8"?>
<report xmlns="http://www.microsoft.com/GroupPolicy/Settings"><GPO><Computer><ExtensionData>
<Extension xmlns:q1="http://www.microsoft.com/GroupPolicy/Settings/Security">
<q1:UserRightsAssignment><q1:Name>SeFrobnicateRight</q1:Name>
<q1:Member><SID xmlns="http://www.microsoft.com/GroupPolicy/Types">S-1-5-32-544</SID></q1:Member>
<q1:Member><Name xmlns="http://www.microsoft.com/GroupPolicy/Types">CONTOSO\app</Name></q1:Member>
</q1:UserRightsAssignment></Extension></ExtensionData></Computer></GPO></report>
`,
	"baseline.PolicyRules": "<PolicyRules>\n  <SecurityTemplate Section=\"Privilege Rights\">\n" +
		"    <LineItem>SeFrobnicateRight = *S-1-5-32-544,CONTOSO\\app</LineItem>\n  </SecurityTemplate>\n</PolicyRules>\n",
	"intune.json": `{"settings": [{"settingInstance": {
  "settingDefinitionId": "device_vendor_msft_policy_config_userrights_frobnicatethewidget",
  "simpleSettingCollectionValue": [{"value": "*S-1-5-32-544"}, {"value": "CONTOSO\\app"}]}}]}
`,
	".github/workflows/harden.yml": "on: push\njobs:\n  harden:\n    runs-on: windows-latest\n    steps:\n" +
		"      - run: ntrights +r SeFrobnicateRight -u CONTOSO\\app\n        shell: cmd\n",
}

// TestCustomRightInEveryLanguage adds a right through the configuration and finds its grant to an
// account outside its safe set in every input language, at the level the configuration gives; a
// scan without the definition reports nothing in the same files.
func TestCustomRightInEveryLanguage(t *testing.T) {
	dir := t.TempDir()
	langs := map[source.Lang]bool{}
	for name, text := range frobnicateFiles {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		langs[source.LangOf(name)] = true
	}
	for _, l := range source.Languages {
		if !langs[l.Lang] {
			t.Errorf("no file of language %s", l.Lang)
		}
	}
	cfg, err := config.Parse(filepath.Join(dir, config.FileName), []byte(frobnicate))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		cfg  *config.Config
		want int // findings per file
	}{{"defined", cfg, 1}, {"not defined", nil, 0}} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run(context.Background(), Options{Paths: []string{dir}, Config: tt.cfg})
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range res.Notifications {
				t.Errorf("notification: %s: %s", n.Path, n.Message)
			}
			per := map[string]int{}
			for _, f := range res.Findings {
				rel, _ := filepath.Rel(dir, f.Path)
				per[filepath.ToSlash(rel)]++
				if f.Rule.ID != rules.CustomOutsideSafeSet || f.Level != rules.LevelError || f.Privilege != "SeFrobnicateRight" ||
					!strings.Contains(f.Message, `CONTOSO\app`) {
					t.Errorf("%s:%d: %s %s %s: %s", rel, f.Start.Line, f.Rule.ID, f.Level, f.Privilege, f.Message)
				}
			}
			names := make([]string, 0, len(frobnicateFiles))
			for name := range frobnicateFiles {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				if per[name] != tt.want {
					t.Errorf("%s: %d findings, want %d", name, per[name], tt.want)
				}
			}
		})
	}
}
