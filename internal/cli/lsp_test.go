package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privlint/privlint/internal/cli"
)

// TestLSP runs `privlint lsp` on a whole session written in advance: the diagnostics of the
// document opened are on standard output, framed, and exit after shutdown is status 0.
func TestLSP(t *testing.T) {
	ws := t.TempDir()
	path := filepath.Join(ws, "GptTmpl.inf")
	text := "[Privilege Rights]\nSeAssignPrimaryTokenPrivilege = *S-1-5-19,*S-1-5-20,Everyone\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := "file://" + filepath.ToSlash(path)
	var in bytes.Buffer
	for _, m := range []map[string]any{
		{"id": 1, "method": "initialize", "params": map[string]any{"rootUri": "file://" + filepath.ToSlash(ws), "capabilities": map[string]any{}}},
		{"method": "initialized", "params": map[string]any{}},
		{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "ini", "version": 1, "text": text}}},
		{"id": 2, "method": "shutdown"},
		{"method": "exit"},
	} {
		m["jsonrpc"] = "2.0"
		body, _ := json.Marshal(m)
		fmt.Fprintf(&in, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	var stdout, stderr bytes.Buffer
	code := cli.Run([]string{"lsp"}, cli.Env{Stdin: &in, Stdout: &stdout, Stderr: &stderr, Build: cli.Build{Version: "v9.9.9"}})
	out := stdout.String()
	if code != cli.ExitClean || stderr.Len() != 0 {
		t.Errorf("status %d, stderr %q", code, stderr.String())
	}
	for _, want := range []string{`"serverInfo":{"name":"privlint","version":"v9.9.9"}`, `"method":"textDocument/publishDiagnostics"`, `"code":"PL1003"`, `"id":2,"result":null`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in the output:\n%s", want, out)
		}
	}
}

// TestLSPUsage: --help on standard output, status 0; an argument is a usage error.
func TestLSPUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := cli.Run([]string{"lsp", "--help"}, cli.Env{Stdout: &stdout, Stderr: &stderr}); code != cli.ExitClean || !strings.HasPrefix(stdout.String(), "usage: privlint lsp") {
		t.Errorf("--help: status %d, stdout %q", code, stdout.String())
	}
	stdout.Reset()
	if code := cli.Run([]string{"lsp", "file.inf"}, cli.Env{Stdout: &stdout, Stderr: &stderr}); code != cli.ExitUsage || stdout.Len() != 0 {
		t.Errorf("an argument: status %d, stdout %q", code, stdout.String())
	}
}
