package intune

import (
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// extractTests are the table of TestExtract, and the seeds of the fuzz target.
var extractTests = []struct {
	name, text, want string
}{
	{"settings catalog collection", `{"settings": [{"settingInstance": {
  "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingCollectionInstance",
  "settingDefinitionId": "device_vendor_msft_policy_config_userrights_impersonateclient",
  "simpleSettingCollectionValue": [
    {"@odata.type": "#microsoft.graph.deviceManagementConfigurationStringSettingValue", "value": "*S-1-5-32-544"},
    {"value": "CONTOSO\\web"}
  ]}}]}`, `set SeImpersonatePrivilege@3:71 [-*S-1-5-32-544@5:99 -CONTOSO\web@6:16]`},
	{"settings catalog single value with separators", `{"settingDefinitionId": "device_vendor_msft_policy_config_userrights_replaceprocessleveltoken",
 "simpleSettingValue": {"value": "*S-1-5-19&#xF000;*S-1-5-20\uf000svc"}}`,
		`set SeAssignPrimaryTokenPrivilege@1:70 [-*S-1-5-19@2:35 -*S-1-5-20@2:52 -svc@2:67]`},
	{"definition without value", `{"settingDefinitionId": "device_vendor_msft_policy_config_userrights_impersonateclient"}`, ``},
	{"oma-uri", `{"omaSettings": [{"@odata.type": "#microsoft.graph.omaSettingString",
 "omaUri": "./Device/Vendor/MSFT/Policy/Config/UserRights/ImpersonateClient",
 "value": "<![CDATA[Administrators&#xF000;Everyone]]>"},
 {"@odata.type": "#microsoft.graph.omaSettingStringXml", "omaUri": "./Device/Vendor/MSFT/Policy/Config/UserRights/ImpersonateClient", "value": "PGE+"}]}`,
		`set SeImpersonatePrivilege@2:59 [-Administrators@3:21 -Everyone@3:43]`},
	{"endpoint protection", `{"userRightsImpersonateClient": {"state": "allowed", "localUsersOrGroups": [
  {"name": "Web", "securityIdentifier": "S-1-5-21-1-2-3-1104"}, {"name": "Administrators", "securityIdentifier": ""}]},
 "userRightsDebugPrograms": {"state": "notConfigured", "localUsersOrGroups": []}}`,
		`set SeImpersonatePrivilege@1:13 [S-1-5-21-1-2-3-1104@2:42 Administrators@2:75]`},
	{"template as json", `{"GPO": {"Privilege Rights": {
  "SeImpersonatePrivilege": "*S-1-5-6,\"CONTOSO\\a, b\"",
  "SeTcbPrivilege": "",
  "SeAssignPrimaryTokenPrivilege": ["*S-1-5-19", "svc"],
  "SeCreateTokenPrivilege": null}}}`, `set SeImpersonatePrivilege@2:4 scoped [-*S-1-5-6@2:30 -CONTOSO\a, b@2:41]
set SeTcbPrivilege@3:4 scoped []
set SeAssignPrimaryTokenPrivilege@4:4 scoped [-*S-1-5-19@4:38 -svc@4:51]
set SeCreateTokenPrivilege@5:4 scoped []`},
	{"keyed by right", `{"SeImpersonatePrivilege": ["a"], "rights": {"SeAssignPrimaryTokenPrivilege": "Replace a process level token"}}`,
		`set SeImpersonatePrivilege@1:3 [-a@1:30]`},
	{"escapes", `{"SeImpersonatePrivilege": "CONTOSO\\w\u00e9b\/x"}`, `set SeImpersonatePrivilege@1:3 [-CONTOSO\wéb/x@1:29]`},
	{"not json", "{\"a\": 1,,}", ``},
	{"bad json mentioning rights", "{\"SeImpersonatePrivilege\": [}", `problem@1:1: not valid JSON...`},
}

func TestExtract(t *testing.T) {
	for _, tt := range extractTests {
		t.Run(tt.name, func(t *testing.T) {
			f := checktest.NewFile("x.json", source.LangJSON, tt.text)
			if got := checktest.Render(f, Extract(f)); !checktest.Matches(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
