package config

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/privlint/privlint/rules"
)

const example = `# privlint configuration
exceptions: [iis, SQL]
allow:
  - account: CONTOSO\svc-web
    rights: [SeImpersonatePrivilege]
    paths: ["web/**"]
    reason: The web farm's app pool identity; tracked in SEC-1234.
    expires: 2027-01-31
  - account: "*S-1-5-21-1-2-3-1104"
    reason: Legacy build agent.
exclude:
  - vendor/**
  - "*.bak.inf"
rules:
  PL2003: off
  PL1004: error
  duplicate-assignment: {level: note}
`

func TestParse(t *testing.T) {
	c, err := Parse("/repo/.privlint.yml", []byte(example))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Exceptions, ",") != "iis,sql" || len(c.Allow) != 2 || len(c.Exclude) != 2 {
		t.Fatalf("parsed %+v", c)
	}
	a := c.Allow[0]
	if a.Account != `CONTOSO\svc-web` || len(a.Rights) != 1 || a.Rights[0] != rules.Impersonate || a.Line != 4 ||
		a.Expires.Format(time.DateOnly) != "2027-01-31" || !strings.HasPrefix(a.Reason, "The web farm") {
		t.Errorf("allow[0] = %+v", a)
	}
	want := map[string]RuleSetting{"PL2003": {Off: true}, "PL1004": {Level: rules.LevelError}, "PL2004": {Level: rules.LevelNote}}
	if len(c.Rules) != len(want) {
		t.Errorf("rules = %+v", c.Rules)
	}
	for id, w := range want {
		if c.Rules[id] != w {
			t.Errorf("rules[%s] = %+v, want %+v", id, c.Rules[id], w)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"exceptons: [iis]\n", `x.yml:1:1: the configuration: unknown key "exceptons" (known: allow, custom-rights, exceptions, exclude, rights, rules)`},
		{"exceptions: [iis, exchange]\n", `x.yml:1:19: exceptions: unknown component "exchange" (known: iis, sql)`},
		{"allow:\n  - account: x\n", `x.yml:2:5: allow entry for "x" has no reason`},
		{"allow:\n  - reason: r\n", `x.yml:2:5: allow entry has no account`},
		{"allow:\n  - account: x\n    reason: r\n    rights: [SeFooPrivilege]\n", `x.yml:4:14: allow: rights: "SeFooPrivilege" is not a right privlint knows`},
		{"rights: [token, dangerrous]\n", `x.yml:1:17: rights: "dangerrous" is neither a pack (token, dangerous, all) nor a right`},
		{"rights: {a: b}\n", `x.yml:1:9: rights: want a string or a list of strings`},
		{"custom-rights: SeX\n", `x.yml:1:16: custom-rights: want a list of rights`},
		{"custom-rights:\n  - safe: [Administrators]\n", `x.yml:2:5: custom-rights entry has no constant`},
		{"custom-rights:\n  - constant: Batch logon\n", `x.yml:2:15: custom-rights: "Batch logon" is not a right's constant name`},
		{"custom-rights:\n  - constant: SeDebugPrivilege\n", `x.yml:2:15: custom-rights: "SeDebugPrivilege" is the built-in right SeDebugPrivilege: enable it with rights: dangerous`},
		{"custom-rights:\n  - constant: SeBatchLogonRight\n    names: [Debug programs]\n", `x.yml:2:15: custom-rights: "Debug programs" is the built-in right SeDebugPrivilege`},
		{"custom-rights:\n  - constant: SeBatchLogonRight\n    safe: [CONTOSO\\batch]\n", `x.yml:3:12: custom-rights: safe: "CONTOSO\\batch" is not an account privlint knows the SID of`},
		{"custom-rights:\n  - constant: SeBatchLogonRight\n    names: [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q]\n", `x.yml:2:15: custom-rights: more than 16 names for SeBatchLogonRight`},
		{"custom-rights:\n  - constant: SeBatchLogonRight\n    names: [batch]\n", `x.yml:2:15: custom-rights: "batch": a right's name must hold 6 to 200 characters`},
		{"custom-rights:\n  - constant: SeBatchLogonRight\n    level: loud\n", `x.yml:3:12: custom-rights: level: want error, warning or note, not "loud"`},
		{"custom-rights:\n  - constant: SeBatchLogonRight\n    shade: red\n", `x.yml:3:5: custom-rights entry: unknown key "shade"`},
		{"custom-rights:\n  - constant: SeBatchLogonRight\n  - constant: sebatchlogonright\n", `x.yml:3:15: custom-rights: sebatchlogonright is defined twice`},
		{"allow:\n  - account: x\n    reason: r\n    expires: next year\n", `x.yml:4:14: allow: expires: want a date`},
		{"allow:\n  - account: x\n    reason: r\n    user: y\n", `x.yml:4:5: allow entry: unknown key "user"`},
		{"allow: x\n", `x.yml:1:8: allow: want a list`},
		{"rules:\n  PL9999: off\n", `x.yml:2:3: rules: unknown rule "PL9999"`},
		{"rules:\n  PL1001: loud\n", `x.yml:2:11: rules: PL1001: want error, warning, note or off, not "loud"`},
		{"exclude: ['[']\n", `x.yml:1:11: exclude: syntax error in pattern`},
		{"exceptions: [iis]\nexceptions: [sql]\n", `x.yml:2:1: the configuration: key "exceptions" given twice`},
		{"- a\n", `x.yml:1:1: the configuration: want a mapping`},
		{"a: [\n", `x.yml: not valid YAML`},
	}
	for _, tt := range tests {
		_, err := Parse("x.yml", []byte(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v, want %q", tt.text, err, tt.want)
		}
	}
	if c, err := Parse("x.yml", nil); err != nil || c == nil {
		t.Errorf("empty file: %v", err)
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		glob, name string
		want       bool
	}{
		{"vendor/**", "vendor/a/b.inf", true},
		{"vendor/**", "src/vendor/a.inf", false},
		{"**/vendor/**", "src/vendor/a.inf", true},
		{"*.bak.inf", "a/b/c.bak.inf", true},
		{"*.bak.inf", "c.inf", false},
		{"web/*.inf", "web/a.inf", true},
		{"web/*.inf", "web/x/a.inf", false},
		{"web", "web/x/a.inf", true},
		{"./web/**/*.ps1", "web/a/b/c.ps1", true},
		{"web/**/*.ps1", "web/c.ps1", true},
	}
	for _, tt := range tests {
		if got := Match(tt.glob, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v", tt.glob, tt.name, got)
		}
	}
}

func TestAllowed(t *testing.T) {
	dir := t.TempDir()
	c, err := Parse(filepath.Join(dir, ".privlint.yml"), []byte(example))
	if err != nil {
		t.Fatal(err)
	}
	before := time.Date(2027, 1, 31, 12, 0, 0, 0, time.UTC)
	after := time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)
	web := filepath.Join(dir, "web", "GptTmpl.inf")
	tests := []struct {
		path               string
		right              rules.Right
		account, sid, name string
		now                time.Time
		want               bool
	}{
		{web, rules.Impersonate, `contoso\SVC-WEB`, "", "", before, true},
		{web, rules.Impersonate, `CONTOSO\svc-web`, "", "", after, false},                           // expired
		{web, rules.AssignPrimaryToken, `CONTOSO\svc-web`, "", "", before, false},                   // other right
		{filepath.Join(dir, "db.inf"), rules.Impersonate, `CONTOSO\svc-web`, "", "", before, false}, // other path
		{filepath.Join(dir, "x.inf"), rules.AssignPrimaryToken, "*S-1-5-21-1-2-3-1104", "S-1-5-21-1-2-3-1104", "", after, true},
		{filepath.Join(dir, "x.inf"), rules.Impersonate, "S-1-5-21-1-2-3-1104", "S-1-5-21-1-2-3-1104", "", after, true},
		{filepath.Join(dir, "x.inf"), rules.Impersonate, "CONTOSO\\someone", "", "", after, false},
	}
	for i, tt := range tests {
		_, got := c.Allowed(tt.path, tt.right, tt.account, tt.sid, tt.name, tt.now)
		if got != tt.want {
			t.Errorf("case %d: Allowed = %v, want %v", i, got, tt.want)
		}
	}
	if got := c.Expired(after); len(got) != 1 || got[0].Line != 4 {
		t.Errorf("Expired = %+v", got)
	}
	if !c.Excluded(filepath.Join(dir, "vendor", "x.inf")) || c.Excluded(filepath.Join(dir, "x.inf")) || c.Excluded("/elsewhere/vendor/x.inf") {
		t.Error("Excluded is wrong")
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := mkdirWrite(sub, filepath.Join(dir, FileName)); err != nil {
		t.Fatal(err)
	}
	if got := Find(sub); got != filepath.Join(dir, FileName) {
		t.Errorf("Find = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(example))
	f.Add([]byte("rules: {PL1001: {level: {a: b}}}\nallow: [{account: [x]}]\n"))
	f.Add([]byte("exclude: '**/**/**'\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.yml", data)
		if err == nil && c == nil {
			t.Fatal("no configuration and no error")
		}
		if err == nil {
			for _, g := range c.Exclude {
				Match(g, "a/b/c.inf")
			}
		}
	})
}

// TestShippedExample keeps the commented example configuration valid.
func TestShippedExample(t *testing.T) {
	c, err := Load("../../docs/privlint.example.yml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Allow) != 1 || len(c.Exceptions) != 1 || len(c.Exclude) != 2 || len(c.Rules) != 2 {
		t.Errorf("example parsed as %+v", c)
	}
}

// TestRights: rights: selects packs and built-in rights, custom-rights: defines rights with their
// safe sets and levels, and the command line's selection replaces rights: but keeps the defined ones.
func TestRights(t *testing.T) {
	c, err := Parse("x.yml", []byte(`rights: [token, SeDebugPrivilege]
custom-rights:
  - constant: SeBatchLogonRight
    names: [Log on as a batch job]
    safe: [Administrators, '*S-1-5-32-551']
    level: error
allow:
  - account: CONTOSO\batch
    rights: [Log on as a batch job, SeDebugPrivilege]
    reason: the nightly job
`))
	if err != nil {
		t.Fatal(err)
	}
	names := func(s *rules.Set) string { return strings.Join(s.Constants(), " ") }
	if got, want := names(c.RightSet(nil)), "SeImpersonatePrivilege SeAssignPrimaryTokenPrivilege SeDebugPrivilege SeBatchLogonRight"; got != want {
		t.Errorf("RightSet(nil) = %s, want %s", got, want)
	}
	if got, want := names(c.RightSet([]rules.Right{rules.Backup})), "SeBackupPrivilege SeBatchLogonRight"; got != want {
		t.Errorf("RightSet(Backup) = %s, want %s", got, want)
	}
	batch, ok := c.RightSet(nil).Lookup("log on as a batch job")
	if !ok || batch.Level() != rules.LevelError || strings.Join(rules.SafeSet(batch), " ") != "S-1-5-32-544 S-1-5-32-551" {
		t.Fatalf("the defined right: %v %v %q %v", batch, ok, batch.Level(), rules.SafeSet(batch))
	}
	if a := c.Allow[0]; len(a.Rights) != 2 || a.Rights[0] != batch || a.Rights[1] != rules.Debug {
		t.Errorf("allow rights = %v", a.Rights)
	}
	if got := names((&Config{}).RightSet(nil)); got != "SeImpersonatePrivilege SeAssignPrimaryTokenPrivilege" {
		t.Errorf("no configuration checks %s", got)
	}
	all, _ := Parse("x.yml", []byte("rights: all\n"))
	if got := len(all.RightSet(nil).Rights()); got != len(rules.Builtin) {
		t.Errorf("rights: all checks %d rights", got)
	}
}
