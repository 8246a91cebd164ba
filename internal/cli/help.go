package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/privlint/privlint/rules"
)

// helpTopic is one topic of `privlint help TOPIC`.
type helpTopic struct {
	name, summary string
	text          func(w io.Writer)
}

// helpTopics are the topics of `privlint help`, in the order it lists them. The scan's topic prints
// its flags, so it is filled in by helpTopicList.
func helpTopicList(scanUsage func(io.Writer)) []helpTopic {
	return []helpTopic{
		{"scan", "scanning files and its flags (privlint --help)", scanUsage},
		{"rules", "the rule catalog", text(rulesUsage)},
		{"explain", "one rule's documentation; `privlint help RULE` is the same", text(explainUsage)},
		{"lsp", "the language server for editors", lspHelp},
		{"version", "the version privlint was built from", text(versionUsage)},
		{"formats", "the output formats", text(formatsHelp)},
		{"config", "the configuration file", text(configHelp)},
		{"ignore", "privlint:ignore comments", text(ignoreHelp)},
		{"baseline", "reporting only new findings", text(baselineHelp)},
		{"exit-status", "what the exit status means", text(exitHelp)},
	}
}

func text(s string) func(io.Writer) { return func(w io.Writer) { fmt.Fprint(w, s) } }

// helpCmd prints the usage (no argument), a topic's text, or a rule's documentation, on stdout.
func helpCmd(args []string, env Env, scanUsage func(io.Writer)) int {
	topics := helpTopicList(scanUsage)
	if len(args) == 0 {
		scanUsage(env.Stdout)
		fmt.Fprintln(env.Stdout, "\nhelp topics (privlint help TOPIC):")
		for _, t := range topics {
			fmt.Fprintf(env.Stdout, "  %-12s %s\n", t.name, t.summary)
		}
		return ExitClean
	}
	if len(args) > 1 {
		fmt.Fprintln(env.Stderr, "usage: privlint help [TOPIC]")
		return ExitUsage
	}
	for _, t := range topics {
		if strings.EqualFold(args[0], t.name) {
			t.text(env.Stdout)
			return ExitClean
		}
	}
	if r, ok := rules.Lookup(args[0]); ok {
		fmt.Fprint(env.Stdout, r.Help())
		return ExitClean
	}
	names := make([]string, len(topics))
	for i, t := range topics {
		names[i] = t.name
	}
	printError(env.Stderr, "", fmt.Errorf("no help topic %q; topics: %s, or a rule (privlint rules)", args[0], strings.Join(names, ", ")))
	return ExitUsage
}

// isHelp reports whether arg asks for help as a flag.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "--h":
		return true
	}
	return false
}

const rulesUsage = `usage: privlint rules [--format text|markdown|json]

Lists every rule: its ID, level, name and title. markdown is the README's table; json adds each
rule's description, remediation and documentation link.
`

const explainUsage = `usage: privlint explain RULE

Prints a rule's documentation: what it finds, why it matters, how to fix it, a bad and a good
example and references. RULE is an ID (PL1001) or a name (impersonate-outside-safe-set).
`

const versionUsage = `usage: privlint version   (or privlint --version, privlint -v)

Prints the version privlint was built from, the Go version that built it, and, for a build from a
git checkout, the commit, whether the working tree had changes, and the commit's date:

  privlint v0.1.0 built with go1.26.0 from 2d60263a1b2c (modified) on 2026-06-13T06:29:24Z
`

const formatsHelp = `Output formats (--format):

  text     path:line:col: level: message [RULE], one finding a line (columns count bytes)
  sarif    SARIF 2.1.0 for GitHub code scanning (columns count UTF-16 code units)
  json     a stable document for scripts
  github   GitHub Actions annotations (::error file=...::message)
  rdjsonl  reviewdog's diagnostic format, one JSON object a line

--output FILE writes to FILE, replaced atomically; --output - (the default) writes to standard
output. Problems reading files go to standard error in text, and into the output in the others.
`

const configHelp = `Configuration: .privlint.yml in the current directory or the nearest parent, or --config FILE.

  rights: [token, dangerous]  packs (token, dangerous, all) or rights; default token; --rights replaces it
  custom-rights:              rights privlint does not check by itself, reported as PL1100
    - constant: SeBatchLogonRight
      names: [Log on as a batch job]     other spellings; csp: the Intune Policy CSP name
      safe: [Administrators, Backup Operators]   well-known names or SIDs
      level: warning          error, warning or note
  exceptions: [iis]           documented component exceptions to allow: iis, sql
  allow:                      accept one account, with a reason, optionally until a date
    - account: CONTOSO\svc-web
      rights: [SeImpersonatePrivilege]   default: every checked right
      paths: ["web/**"]       globs relative to the file; default: everywhere
      reason: The shop's app pool identity; SEC-1234.
      expires: 2027-01-31
  exclude: ["vendor/**"]      files never scanned
  rules:
    PL2003: off               or a level: error, warning, note

An allow entry that expired, or that accepts no finding in a scan of its file's whole directory, is
reported as a warning. Errors name the file, line and key (exit status 2).
`

const ignoreHelp = `Inline suppressions: a comment on the finding's line or the line above, in the file's own comment
syntax, naming the rules and a reason after -- (an em dash or en dash is read as --):

  ; privlint:ignore PL1001 -- the build agent needs it until SEC-99 is done
  # privlint:ignore PL1001,PL1005 -- reason

A directive without a reason, with an unknown rule, or that matches no finding is reported as a
warning. --no-inline-ignores reports everything; --show-suppressed lists suppressed findings.
`

const baselineHelp = `Baselines: --baseline earlier.sarif reports only the findings that an earlier run's SARIF does not
hold, matched by rule, file and the finding's line text, so that moving lines keeps them known:

  privlint --format sarif --output baseline.sarif .   # once, on the state you accept
  privlint --baseline baseline.sarif .                # from then on: only new findings

Entries that match no finding in the files scanned (fixed since) are counted on standard error;
write the baseline again to drop them. To review only what a pull request adds, scan its base into
a baseline: see docs/integrations.md (reviewdog).
`

const exitHelp = `Exit status:

  0  nothing at or above --fail-on (default warning)
  1  findings at or above --fail-on, or a file privlint could not fully read; with --diff, something to fix
  2  usage or configuration error, an --output, --config or --baseline file privlint refuses, or a
     fix that could not be written
`
