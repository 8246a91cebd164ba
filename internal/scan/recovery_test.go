package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadConstructHidesNothing checks, for every parser, that a construct it cannot read is
// reported on its line and that a grant written after it is still found.
func TestBadConstructHidesNothing(t *testing.T) {
	tests := []struct {
		name string
		text string
		bad  int    // the line the warning names
		want string // what the warning says
		line int    // the line of the later grant, to CONTOSO\later
	}{
		{"GptTmpl.inf", "[Privilege Rights]\nthis line has no equals sign\nSeImpersonatePrivilege = CONTOSO\\later\n",
			2, "expected `Right = accounts`", 3},
		{"grant.ps1", "$x = (1]\nGrant-CPrivilege -Identity CONTOSO\\later -Privilege SeImpersonatePrivilege\n",
			1, "parenthesis is not closed", 2},
		{"grant.cmd", "for %%a in do echo\r\nntrights -u CONTOSO\\later +r SeImpersonatePrivilege\r\n",
			1, "FOR command not understood", 2},
		{"grant.sh", "if then fi\nntrights -u 'CONTOSO\\later' +r SeImpersonatePrivilege\n",
			1, "does not parse", 2},
		{"Dockerfile", "FROM x\nRUN if then fi\nRUN ntrights -u 'CONTOSO\\later' +r SeImpersonatePrivilege\n",
			2, "does not parse", 3},
		{"site.yml", "- hosts: all\n  tasks:\n  - debug: {msg: [}\n  - win_user_right:\n      name: SeImpersonatePrivilege\n      users: [CONTOSO\\later]\n",
			3, "not valid YAML, so line 3 is not analyzed", 6},
		{"rights.sls", "bad:\n  lgpo.set: {a: [}\ngood:\n  lgpo.set:\n    - computer_policy:\n        SeImpersonatePrivilege: [CONTOSO\\later]\n",
			2, "not valid YAML", 6},
		{"recipe.rb", "x = foo(1]\nwindows_user_privilege 'CONTOSO\\later' do\n  privilege 'SeImpersonatePrivilege'\nend\n",
			1, "never closed", 2},
		{"site.pp", "$x = [1}\nlocal_security_policy { 'Impersonate a client after authentication':\n  ensure => present,\n  policy_value => 'CONTOSO\\later',\n}\n",
			1, "nothing here opened it", 4},
		{"localhost.mof", "instance of MSFT_UserRightsAssignment as $a\n{\n  Policy = \"Impersonate_a_client_after_authentication\";\n  Identity = {\"x\",;\n};\n" +
			"instance of MSFT_UserRightsAssignment as $b\n{\n  Policy = \"Impersonate_a_client_after_authentication\";\n  Identity = {\"CONTOSO\\\\later\"};\n  ResourceID = \"x\";\n};\n",
			4, "expected a value", 9},
		{"gpreport.xml", "<GPO>\n<UserRightsAssignment><Name>SeImpersonatePrivilege</Name><Member><Name>x</Member></UserRightsAssignment>\n" +
			"<UserRightsAssignment><Name>SeAssignPrimaryTokenPrivilege</Name><Member><Name>CONTOSO\\later</Name></Member></UserRightsAssignment>\n</GPO>\n",
			2, "reading resumes", 3},
		{"baseline.PolicyRules", "<PolicyRules>\n<SecurityTemplate Section=\"Privilege Rights\"><LineItem>x</Bad></SecurityTemplate>\n" +
			"<SecurityTemplate Section=\"Privilege Rights\">\n<LineItem>SeImpersonatePrivilege = CONTOSO\\later</LineItem>\n</SecurityTemplate>\n</PolicyRules>\n",
			2, "reading resumes", 4},
		{"settings.json", "{\n  \"a\": [},\n  \"b\": {\"omaUri\": \"./Device/Vendor/MSFT/Policy/Config/UserRights/ImpersonateClient\", \"value\": \"CONTOSO\\\\later\"}\n}\n",
			2, "not valid JSON, so line 2 is not analyzed", 3},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		if err := os.WriteFile(filepath.Join(dir, tt.name), []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	res, err := Run(context.Background(), Options{Paths: []string{"."}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		var found, warned []string
		for _, f := range res.Findings {
			if f.Path == tt.name && f.Account == `CONTOSO\later` && f.Start.Line == tt.line {
				found = append(found, f.Message)
			}
		}
		for _, n := range res.Notifications {
			if n.Path == tt.name && n.Line == tt.bad && strings.Contains(n.Message, tt.want) {
				warned = append(warned, n.Message)
			}
		}
		if len(found) != 1 || len(warned) == 0 {
			t.Errorf("%s: later grant found %d times on line %d (want once), warning %q on line %d %d times\nfindings: %+v\nnotifications: %+v",
				tt.name, len(found), tt.line, tt.want, tt.bad, len(warned), res.Findings, res.Notifications)
		}
	}
}
