//go:build ignore

// gen writes a synthetic configuration repository for benchmarks: tens of thousands of files of every
// kind privlint reads plus unrelated YAML, JSON and Markdown, a small share of them granting one of
// the two rights, UTF-16 templates among them. The same seed gives the same tree.
//
//	go run internal/bench/gen.go -out /tmp/repo -files 20000
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

func main() {
	out := flag.String("out", "", "directory to write (must not exist)")
	files := flag.Int("files", 20000, "number of files")
	grants := flag.Float64("grants", 0.01, "share of files that grant a right")
	seed := flag.Int64("seed", 1, "random seed")
	shape := flag.String("shape", "synthetic", "synthetic: every kind of file in turn; real: a tree shaped like a configuration repository (many directories, YAML-heavy, Kubernetes manifests with a securityContext)")
	flag.Parse()
	if *out == "" {
		log.Fatal("-out is required")
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("%s exists", *out)
	}
	rng := rand.New(rand.NewSource(*seed))
	words := strings.Fields("service account deploy configure install windows server registry value path " +
		"name role task handler template feature firewall rule port enable disable group policy audit log " +
		"backup restore schedule update patch cluster node network share printer driver certificate")
	para := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(words[rng.Intn(len(words))])
			if i%12 == 11 {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	account := func(bad bool) string {
		if bad {
			return fmt.Sprintf(`CONTOSO\svc-%04d`, rng.Intn(10000))
		}
		return `NT AUTHORITY\NETWORK SERVICE`
	}
	kinds := []struct {
		path  string
		body  func(grant bool) string
		utf16 bool
	}{
		{"gpo/%d/Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf", func(g bool) string {
			s := "[Unicode]\r\nUnicode=yes\r\n[System Access]\r\nMinimumPasswordAge = 1\r\n[Privilege Rights]\r\nSeBackupPrivilege = *S-1-5-32-544\r\n"
			if g {
				s += "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6," + account(true) + "\r\n"
			}
			return s + "[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n"
		}, true},
		{"scripts/%d.ps1", func(g bool) string {
			s := "# " + para(40) + "\nparam([string]$Name)\nWrite-Host 'configuring'\n"
			if g {
				s += "Grant-CPrivilege -Identity '" + account(true) + "' -Privilege SeImpersonatePrivilege\n"
			}
			return s + "Set-Service -Name $Name -StartupType Automatic\n"
		}, false},
		{"scripts/%d.cmd", func(g bool) string {
			s := "@echo off\r\nREM " + para(20) + "\r\nsc config spooler start= disabled\r\n"
			if g {
				s += "ntrights +r SeAssignPrimaryTokenPrivilege -u " + account(true) + "\r\n"
			}
			return s
		}, false},
		{"provision/%d.sh", func(g bool) string {
			s := "#!/bin/sh\n# " + para(20) + "\nset -eu\necho provisioning\n"
			if g {
				s += "ntrights +r SeImpersonatePrivilege -u '" + account(true) + "'\n"
			}
			return s
		}, false},
		{"roles/r%d/tasks/main.yml", func(g bool) string {
			s := "- name: " + para(6) + "\n  ansible.windows.win_feature:\n    name: Web-Server\n"
			if g {
				s += "- name: rights\n  ansible.windows.win_user_right:\n    name: SeImpersonatePrivilege\n    users: ['" + account(true) + "']\n    action: add\n"
			}
			return s
		}, false},
		{"docs/%d.md", func(bool) string { return "# Notes\n\n" + para(200) }, false},
		{"config/%d.json", func(bool) string { return fmt.Sprintf(`{"name": %q, "values": [1, 2, 3]}`, para(5)) }, false},
		{"k8s/%d.yaml", func(bool) string { return "apiVersion: v1\nkind: ConfigMap\ndata:\n  note: " + para(10) + "\n" }, false},
		{"apps/a%d/overlays/prod/deployment.yaml", func(bool) string {
			var b strings.Builder
			fmt.Fprintf(&b, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: registry.example.com/app:1\n        env:\n", words[rng.Intn(len(words))])
			for j := 0; j < 20; j++ {
				fmt.Fprintf(&b, "        - {name: VAR_%d, value: %q}\n", j, words[rng.Intn(len(words))])
			}
			b.WriteString("        securityContext:\n          privileged: false\n          allowPrivilegeEscalation: false\n")
			return b.String()
		}, false},
	}
	// order lists the kinds in the proportions of the shape, by index in kinds.
	order := []int{0, 1, 2, 3, 4, 5, 6, 7} // synthetic: every kind in turn (the deployment below is real's)
	if *shape == "real" {
		order = []int{8, 8, 8, 8, 4, 4, 4, 7, 7, 5, 6, 1, 0, 2, 3, 8}
	} else if *shape != "synthetic" {
		log.Fatalf("-shape: %q is neither synthetic nor real", *shape)
	}
	for i := 0; i < *files; i++ {
		k := kinds[order[i%len(order)]]
		grant := rng.Float64() < *grants
		if !grant && order[i%len(order)] == 0 {
			account(false) // keep the stream of random numbers independent of the share
		}
		p := filepath.Join(*out, fmt.Sprintf(k.path, i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		data := []byte(k.body(grant))
		if k.utf16 {
			u := utf16.Encode([]rune(string(data)))
			data = []byte{0xFF, 0xFE}
			for _, c := range u {
				data = append(data, byte(c), byte(c>>8))
			}
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
