package source

import (
	"strings"
	"testing"
)

// TestLanguages checks the table of languages: one entry per language, each titled, and no file
// name, program or sniffed extension claimed twice, so that LangOf, Interpreter and Sniff are
// functions of the table.
func TestLanguages(t *testing.T) {
	all := []Lang{LangINF, LangPowerShell, LangBatch, LangShell, LangDockerfile, LangYAML, LangSalt,
		LangRuby, LangPuppet, LangMOF, LangXML, LangPolicyRules, LangJSON}
	if len(Languages) != len(all) {
		t.Errorf("%d languages described, want %d", len(Languages), len(all))
	}
	for _, l := range all {
		if d, ok := Describe(l); !ok || d.Title == "" {
			t.Errorf("%s: described %v, title %q", l, ok, d.Title)
		}
	}
	if _, ok := Describe(LangNone); ok {
		t.Error("LangNone is described")
	}
	claimed := map[string]Lang{}
	claim := func(kind, key string, l Lang) {
		key = kind + " " + strings.ToLower(key)
		if other, ok := claimed[key]; ok && other != l {
			t.Errorf("%s is claimed by %s and %s", key, other, l)
		}
		claimed[key] = l
	}
	for _, d := range Languages {
		if len(d.Extensions)+len(d.Names)+len(d.Prefixes) == 0 {
			t.Errorf("%s: no file name implies it", d.Lang)
		}
		if len(d.LineComments)+len(d.BlockComments) == 0 {
			t.Errorf("%s: no comment syntax for suppressions and fixtures", d.Lang)
		}
		for _, e := range d.Extensions {
			claim("extension", e, d.Lang)
			if !strings.HasPrefix(e, ".") || LangOf("dir/x"+strings.ToUpper(e)) != d.Lang || MaySniff("x"+e) {
				t.Errorf("%s: extension %q: LangOf %q, MaySniff %v", d.Lang, e, LangOf("x"+e), MaySniff("x"+e))
			}
		}
		for _, n := range d.Names {
			claim("name", n, d.Lang)
			if LangOf("dir/"+strings.ToUpper(n)) != d.Lang {
				t.Errorf("%s: name %q: LangOf %q", d.Lang, n, LangOf(n))
			}
		}
		for _, p := range d.Prefixes {
			claim("prefix", p, d.Lang)
			if LangOf(p+"windows") != d.Lang {
				t.Errorf("%s: prefix %q: LangOf %q", d.Lang, p, LangOf(p+"windows"))
			}
		}
		for _, p := range d.Programs {
			claim("program", p, d.Lang)
			if p != strings.ToLower(p) || Interpreter(p) != d.Lang {
				t.Errorf("%s: program %q: Interpreter %q", d.Lang, p, Interpreter(p))
			}
		}
		for _, e := range d.Sniffed {
			if LangOf("x"+e) != LangNone || !MaySniff("x"+e) {
				t.Errorf("%s: sniffed extension %q: LangOf %q, MaySniff %v", d.Lang, e, LangOf("x"+e), MaySniff("x"+e))
			}
		}
		if (len(d.Markers) > 0 || d.Shebang) != (len(d.Sniffed) > 0) {
			t.Errorf("%s: sniffed under %q, with markers %q or a shebang %v: want both or neither", d.Lang, d.Sniffed, d.Markers, d.Shebang)
		}
		if d.Shebang && len(d.Programs) == 0 {
			t.Errorf("%s: a shebang names no program", d.Lang)
		}
	}
}
