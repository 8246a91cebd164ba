package lsp

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain serves the protocol on standard input and output when the test binary is started as the
// language server of an editor (TestNeovim), and runs the tests otherwise.
func TestMain(m *testing.M) {
	if os.Getenv("PRIVLINT_LSP_SERVE") == "1" {
		status, _ := Serve(os.Stdin, os.Stdout, Options{})
		os.Exit(status)
	}
	os.Exit(m.Run())
}

// TestNeovim has Neovim's own LSP client (testdata/nvim_client.lua) open a template with a grant,
// take the quick fix, and see the diagnostics cleared. It is skipped where nvim is not installed.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed")
	}
	server, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "nvim_client.lua"))
	if err != nil {
		t.Fatal(err)
	}
	ws, home := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(ws, "GptTmpl.inf"), grant)
	out := filepath.Join(t.TempDir(), "out.txt")
	cmd := exec.CommandContext(context.Background(), nvim, "--headless", "--clean", "-u", "NONE", "-c", "luafile "+script)
	cmd.Env = append(os.Environ(), "WS="+ws, "SERVER="+server, "OUT="+out, "HOME="+home, "XDG_STATE_HOME="+home, "XDG_CACHE_HOME="+home, "XDG_DATA_HOME="+home)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want := `PL1003 3:59-3:67 1 https://github.com/privlint/privlint/blob/main/docs/rules.md#pl1003
shown 1
quickfix: Remove Everyone from SeImpersonatePrivilege
SeImpersonatePrivilege = SERVICE RÉSEAU,*S-1-5-19,*S-1-5-6
after the fix 0
`
	if string(b) != want {
		t.Errorf("Neovim saw:\n%s\nwant:\n%s", b, want)
	}
}
