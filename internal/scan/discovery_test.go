package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiscovery checks which files a scan reads: an extensionless script by its shebang, found in a
// walk and named alone; a file named on the command line that mentions a right in no language
// privlint can tell is reported, and the same file found by a walk is not (a walk reads a .txt file
// only in case it is a secedit export).
func TestDiscovery(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"ssh-host-config": "#!/usr/bin/env bash\neditrights -a SeAssignPrimaryTokenPrivilege -u cyg_server\n",
		"grant":           "#!/usr/bin/env -S pwsh -NoProfile\nGrant-CPrivilege -Identity CONTOSO\\web -Privilege SeImpersonatePrivilege\n",
		"notes.txt":       "SeImpersonatePrivilege = Everyone\n",
		"export.txt":      "[Unicode]\nUnicode=yes\n[Privilege Rights]\nSeImpersonatePrivilege = Everyone\n",
		"script.py":       "#!/bin/sh\nntrights +r SeImpersonatePrivilege -u 'CONTOSO\\py'\n",
		"README":          "SeImpersonatePrivilege is dangerous.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	scan := func(paths ...string) (accounts, notes []string) {
		t.Helper()
		res, err := Run(context.Background(), Options{Paths: paths})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			accounts = append(accounts, filepath.Base(f.Path)+":"+f.Account)
		}
		for _, n := range res.Notifications {
			notes = append(notes, filepath.Base(n.Path)+": "+n.Message)
		}
		return accounts, notes
	}
	accounts, notes := scan(dir)
	if got, want := strings.Join(accounts, " "), `export.txt:Everyone grant:CONTOSO\web ssh-host-config:cyg_server`; got != want {
		t.Errorf("walk found %s, want %s", got, want)
	}
	if len(notes) != 0 {
		t.Errorf("walk reported %q", notes)
	}
	// A walk does not read script.py; named, its shebang decides, as it does when it runs.
	for _, name := range []string{"ssh-host-config", "grant", "export.txt", "script.py"} {
		if accounts, _ := scan(filepath.Join(dir, name)); len(accounts) != 1 {
			t.Errorf("%s named alone: %v", name, accounts)
		}
	}
	for _, name := range []string{"notes.txt", "README"} {
		accounts, notes := scan(filepath.Join(dir, name))
		if len(accounts) != 0 || len(notes) != 1 || !strings.Contains(notes[0], "cannot tell this file's language") {
			t.Errorf("%s named alone: findings %v, notifications %q", name, accounts, notes)
		}
	}
}
