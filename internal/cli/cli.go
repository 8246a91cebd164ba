// Package cli implements the privlint command line: scanning, the rule catalog and its explanations.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/privlint/privlint/rules"

	"github.com/privlint/privlint/internal/escape"
)

// Exit statuses.
const (
	ExitClean    = 0 // nothing at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitUsage    = 2 // usage or configuration error
)

var usage = `usage: privlint [flags] [path ...]     scan files and directories (default .)
       privlint [flags] - [--stdin-filename NAME]   scan standard input as the file NAME (editors)
       privlint rules [--format text|markdown|json]
       privlint explain RULE
       privlint version
       privlint lsp                                 a language server for editors, on standard input and output
       privlint help [TOPIC]

privlint reports ` + rules.Token.ConstantsText("and") + ` (and, with
--rights, the other rights that give control of a computer) given to accounts outside the documented
safe set. Exit status: 0 clean, 1 findings at or above --fail-on,
2 usage or configuration error. To scan a path named like a subcommand, write ./help.

flags:
`

// Env is what a run of privlint reads and writes besides its arguments.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Build          Build // what `privlint version` prints, and SARIF's tool version
}

// Main runs privlint with args (without the program name), the process's standard input and the
// binary's build information, and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	return Run(args, Env{Stdin: os.Stdin, Stdout: stdout, Stderr: stderr, Build: ReadBuild()})
}

// Run runs privlint with args (without the program name) in env and returns the exit status.
func Run(args []string, env Env) int {
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return rulesCmd(args[1:], env.Stdout, env.Stderr)
		case "explain":
			return explainCmd(args[1:], env.Stdout, env.Stderr)
		case "version":
			if len(args) == 2 && isHelp(args[1]) {
				fmt.Fprint(env.Stdout, versionUsage)
				return ExitClean
			}
			if len(args) > 1 {
				fmt.Fprintln(env.Stderr, "privlint: version takes no arguments")
				return ExitUsage
			}
			fmt.Fprintln(env.Stdout, env.Build)
			return ExitClean
		case "lsp":
			return lspCmd(args[1:], env)
		case "help":
			return helpCmd(args[1:], env, scanUsage)
		}
	}
	return scanCmd(args, env)
}

// parseInterspersed parses flags that may come before, between or after positional arguments, as
// users of linters expect (`privlint templates --format sarif`). A lone `--` ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	var positional []string
	for {
		if err := parseFlags(fs, args, stdout); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// newFlagSet returns a flag set whose usage, `Usage of name:` and the flags, goes to the flag set's
// output; parse it with parseFlags.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage of %s:\n", name)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args with fs. -h and --help print the usage on stdout, as golangci-lint and
// staticcheck do, and the error is flag.ErrHelp (exit status 0). The flag package would print its
// errors with the argument as given, and an argument can be a file name starting with a dash
// (pre-commit passes the names of the staged files): its errors are printed here, escaped, before
// the usage, on fs's output (standard error).
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	usage, stderr := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		fs.SetOutput(stderr)
		return err
	}
	fs.SetOutput(stderr)
	if err != nil {
		fmt.Fprintln(stderr, escape.Human(err.Error()))
		fs.Usage()
	}
	return err
}

// printError writes err to stderr as `privlint: prefix message`, escaped by escape.Human: its text
// can quote a configuration file or name a file. Each error that err joins (the problems of a
// configuration file) is a line of its own.
func printError(stderr io.Writer, prefix string, err error) {
	errs := []error{err}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs = joined.Unwrap()
	}
	for i, e := range errs {
		if i == 0 {
			fmt.Fprintf(stderr, "privlint: %s\n", escape.Human(prefix+e.Error()))
		} else {
			fmt.Fprintln(stderr, escape.Human(e.Error()))
		}
	}
}

// flagError turns a flag parsing error into an exit status.
func flagError(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitClean
	}
	return ExitUsage
}

// oneOf validates a flag value against a list.
func oneOf(name, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return fmt.Errorf("--%s must be one of %s, not %q", name, strings.Join(allowed, ", "), value)
}
