package suppress

import (
	"fmt"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		text string
		want string // "line:col rules reason problem" per directive, joined by |
	}{
		{"; privlint:ignore PL1001 -- app pool", "1:3 PL1001 app pool "},
		{"x = 1 # privlint:ignore PL1001,PL1005 -- two rules", "1:9 PL1001,PL1005 two rules "},
		{"REM privlint:ignore impersonate-outside-safe-set -- by name", "1:5 PL1001 by name "},
		{":: privlint:ignore PL1003 PL1001 -- spaces", "1:4 PL1003,PL1001 spaces "},
		{"<# privlint:ignore PL1001 -- block #>", "1:4 PL1001 block "},
		{"a\r\nb\r\n// privlint:ignore PL2004 -- crlf", "3:4 PL2004 crlf "},
		{"a\rb\r# privlint:ignore PL2004 -- bare cr", "3:3 PL2004 bare cr "},
		{"; privlint:ignore PL1001 \u2014 em dash", "1:3 PL1001 em dash "},
		{"; privlint:ignore PL1001\u2014em dash, no spaces", "1:3 PL1001 em dash, no spaces "},
		{"; privlint:ignore PL1001,PL1005 \u2013 en dash -- and more", "1:3 PL1001,PL1005 en dash -- and more "},
		{"; privlint:ignore PL1001 -- a \u2014 in the reason", "1:3 PL1001 a \u2014 in the reason "},
		{"; privlint:ignore PL1001 \u2014", "1:3 PL1001  privlint:ignore PL1001 has no reason: add -- and say why the finding is acceptable"},
		{"; privlint:ignore PL1001", "1:3 PL1001  privlint:ignore PL1001 has no reason: add -- and say why the finding is acceptable"},
		{"; privlint:ignore PL1001 --  ", "1:3 PL1001  privlint:ignore PL1001 has no reason: add -- and say why the finding is acceptable"},
		{"; privlint:ignore PL9999 -- x", `1:3   privlint:ignore names unknown rule "PL9999" (see privlint rules)`},
		{"; privlint:ignore -- x", "1:3  x privlint:ignore names no rule: write privlint:ignore PL1001 -- reason"},
		{"; privlint:ignoreX PL1001 -- x", "1:3   privlint:ignore must be followed by a rule ID"},
		{"Write-Host 'privlint:ignore PL1001 -- not a comment'", ""},
		{"", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range Parse([]byte(tt.text)) {
			got = append(got, fmt.Sprintf("%d:%d %s %s %s", d.Line, d.Col, strings.Join(d.Rules, ","), d.Reason, d.Problem))
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("Parse(%q)\n got %q\nwant %q", tt.text, g, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	ds := Parse([]byte("; privlint:ignore PL1001 -- r\nX\nY\n; privlint:ignore PL1003\nZ\n"))
	if _, ok := Match(ds, "PL1001", 1); !ok {
		t.Error("same line")
	}
	if _, ok := Match(ds, "PL1001", 2); !ok {
		t.Error("line below")
	}
	if _, ok := Match(ds, "PL1001", 3); ok {
		t.Error("two lines below")
	}
	if _, ok := Match(ds, "PL1002", 2); ok {
		t.Error("other rule")
	}
	if _, ok := Match(ds, "PL1003", 5); ok {
		t.Error("a directive without a reason suppresses")
	}
	if !ds[0].Used || ds[1].Used {
		t.Error("Used marks")
	}
}

func FuzzParse(f *testing.F) {
	f.Add("; privlint:ignore PL1001,PL1002 -- r\r\n# privlint:ignore x")
	f.Add("privlint:ignore")
	f.Fuzz(func(t *testing.T, s string) {
		for _, d := range Parse([]byte(s)) {
			if d.Line < 1 || d.Col < 1 || (d.Problem == "" && (len(d.Rules) == 0 || d.Reason == "")) {
				t.Fatalf("bad directive %+v", d)
			}
		}
	})
}
