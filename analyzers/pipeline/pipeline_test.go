package pipeline

import (
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

func TestShellLang(t *testing.T) {
	for _, tt := range []struct {
		shell string
		want  source.Lang
		ok    bool
	}{
		{"pwsh", source.LangPowerShell, true},
		{"powershell -command \". '{0}'\"", source.LangPowerShell, true},
		{"cmd", source.LangBatch, true},
		{"bash --noprofile --norc -eo pipefail {0}", source.LangShell, true},
		{"/usr/bin/sh", source.LangShell, true},
		{"C:\\Windows\\System32\\cmd.exe /c {0}", source.LangBatch, true},
		{"ps", source.LangPowerShell, true}, // Azure CLI's scriptType
		{"python", source.LangNone, false},
		{"", source.LangNone, false},
	} {
		if got, ok := shellLang(tt.shell); got != tt.want || ok != tt.ok {
			t.Errorf("shellLang(%q) = %v, %v; want %v, %v", tt.shell, got, ok, tt.want, tt.ok)
		}
	}
}

func TestWindowsRunner(t *testing.T) {
	for _, tt := range []struct {
		yaml string
		want bool
	}{
		{"windows-latest", true},
		{"[self-hosted, Windows, x64]", true},
		{"{group: build, labels: [win-2022]}", true},
		{"mcr.microsoft.com/windows/servercore:ltsc2022", true},
		{"ubuntu-latest", false},
		{"[linux, docker]", false},
		{"darwin", false}, // "win" inside a word is no Windows
	} {
		y, errs := yamlpos.Parse([]byte("k: " + tt.yaml + "\n"))
		if len(errs) > 0 {
			t.Fatalf("%q: %v", tt.yaml, errs[0])
		}
		root := y.Docs[0].Content[0]
		if got := mentionsWindows(y, y.Lookup(root, "k")); got != tt.want {
			t.Errorf("mentionsWindows(%s) = %v, want %v", tt.yaml, got, tt.want)
		}
	}
}

func TestRuntimeExpressions(t *testing.T) {
	src := `run: ntrights -u CONTOSO\${{ inputs.user }} +r X`
	t0 := value.Source([]byte(src), 0)
	got := runtime(t0, githubExprs)
	if got.Len() != t0.Len() {
		t.Fatalf("length %d, want %d", got.Len(), t0.Len())
	}
	i := len(`run: ntrights -u CONTOSO\`)
	if got.UnresolvedAt(i-1) || !got.UnresolvedAt(i) || !got.UnresolvedAt(i+len("${{ inputs.user }}")-1) || got.UnresolvedAt(i+len("${{ inputs.user }}")) {
		t.Errorf("run-time bytes %v, want exactly the expression", got.Runtime())
	}
	if lo, hi := got.Span(i, i+len("${{ inputs.user }}")); src[lo:hi] != "${{ inputs.user }}" {
		t.Errorf("the expression maps to %q", src[lo:hi])
	}
}
