package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/privlint/privlint/internal/discover"
	"github.com/privlint/privlint/internal/lsp"
)

const lspUsage = `usage: privlint lsp [--max-size BYTES]

Runs privlint as a language server on standard input and output (JSON-RPC 2.0 with Content-Length
framing), for editors: each document opened or changed is analyzed as a scan would analyze the
file, with the .privlint.yml found from its directory up to its workspace folder, and its findings
are published as diagnostics; their fixes are offered as quick fixes. Nothing outside the workspace
folders the editor names is read, but the documents themselves. See the README's Editors section.

flags:
`

// newLSPFlags returns the flag set of `privlint lsp`, its errors going to stderr.
func newLSPFlags(stderr io.Writer) (*flag.FlagSet, *int64) {
	fs := newFlagSet("privlint lsp", stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), lspUsage)
		fs.PrintDefaults()
	}
	return fs, fs.Int64("max-size", discover.DefaultMaxSize, "leave documents larger than this many `bytes` unanalyzed (and say so)")
}

// lspHelp writes the usage of `privlint lsp` and its flags to w.
func lspHelp(w io.Writer) {
	fs, _ := newLSPFlags(w)
	fs.Usage()
}

// lspCmd runs the language server until the client sends exit or closes standard input.
func lspCmd(args []string, env Env) int {
	fs, maxSize := newLSPFlags(env.Stderr)
	if err := parseFlags(fs, args, env.Stdout); err != nil {
		return flagError(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "privlint: lsp takes no arguments")
		return ExitUsage
	}
	status, err := lsp.Serve(env.Stdin, env.Stdout, lsp.Options{MaxSize: *maxSize, Version: env.Build.Version, Log: env.Stderr})
	if err != nil {
		printError(env.Stderr, "lsp: ", err)
	}
	return status
}
