package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/privlint/privlint/internal/config"
	"github.com/privlint/privlint/internal/confine"
	"github.com/privlint/privlint/internal/discover"
	"github.com/privlint/privlint/internal/escape"
	"github.com/privlint/privlint/internal/report"
	"github.com/privlint/privlint/internal/scan"
	"github.com/privlint/privlint/rules"
)

// scanFlags are the flags of a scan.
type scanFlags struct {
	format, output, failOn, exceptions, rights, configPath, baselinePath, stdinName *string
	maxSize                                                                         *int64
	noInline, showSuppressed, fix, diff, version                                    *bool
}

// newScanFlags returns the flag set of a scan, its errors going to stderr.
func newScanFlags(stderr io.Writer) (*flag.FlagSet, *scanFlags) {
	fs := newFlagSet("privlint", stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	f := &scanFlags{
		format:     fs.String("format", "text", "output format: "+strings.Join(formatNames(), ", ")),
		output:     fs.String("output", "", "write the output to `file` instead of standard output (-: standard output)"),
		failOn:     fs.String("fail-on", "warning", "lowest `level` that makes the exit status 1: error, warning, note or never"),
		exceptions: fs.String("exceptions", "", "comma-separated documented component exceptions to allow: "+strings.Join(rules.ExceptionNames(), ", ")),
		rights: fs.String("rights", "", "comma-separated `rights` to check: packs ("+strings.Join(rules.PackNames(), ", ")+
			") or rights by name (default: rights: in the configuration, else token)"),
		maxSize:        fs.Int64("max-size", discover.DefaultMaxSize, "skip (and report) files larger than this many `bytes`"),
		configPath:     fs.String("config", "", "configuration `file` (default: "+config.FileName+" in the current directory or the nearest parent)"),
		noInline:       fs.Bool("no-inline-ignores", false, "ignore privlint:ignore comments (for audits)"),
		showSuppressed: fs.Bool("show-suppressed", false, "also list suppressed findings, marked as such"),
		baselinePath:   fs.String("baseline", "", "report only findings that are not in this earlier SARIF `file`"),
		fix:            fs.Bool("fix", false, "apply the suggested fixes to the files, keeping their encoding and line endings"),
		diff:           fs.Bool("diff", false, "print the suggested fixes as a patch for git apply instead of applying them (not with --fix)"),
		stdinName:      fs.String("stdin-filename", "", "with the path -, the `name` of the file standard input holds: its language, and where findings are"),
		version:        fs.Bool("version", false, "print privlint's version and exit"),
	}
	fs.BoolVar(f.version, "v", false, "print privlint's version and exit (as --version)")
	return fs, f
}

// formatNames are the --format values, sorted.
func formatNames() []string {
	var formats []string
	for name := range report.Formatters {
		formats = append(formats, name)
	}
	sort.Strings(formats)
	return formats
}

// scanUsage writes a scan's usage and flags to w: what --help and `privlint help` print.
func scanUsage(w io.Writer) {
	fs, _ := newScanFlags(w)
	fs.Usage()
}

func scanCmd(args []string, env Env) int {
	stdout, stderr := env.Stdout, env.Stderr
	fs, flags := newScanFlags(stderr)
	format, output, failOn, exceptions, maxSize := flags.format, flags.output, flags.failOn, flags.exceptions, flags.maxSize
	configPath, noInline, showSuppressed, baselinePath := flags.configPath, flags.noInline, flags.showSuppressed, flags.baselinePath
	fix, diff := flags.fix, flags.diff
	paths, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return flagError(err)
	}
	if *flags.version {
		fmt.Fprintln(stdout, env.Build)
		return ExitClean
	}
	fail := func(err error) int {
		printError(stderr, "", err)
		return ExitUsage
	}
	formatter, ok := report.Formatters[*format]
	if !ok {
		return fail(oneOf("format", *format, formatNames()...))
	}
	if *fix && *diff {
		return fail(errors.New("--fix and --diff do not go together: --diff prints the fixes without applying them, --fix applies them"))
	}
	if err := oneOf("fail-on", *failOn, "error", "warning", "note", "never"); err != nil {
		return fail(err)
	}
	stdin := slices.Contains(paths, "-")
	switch {
	case stdin && len(paths) > 1:
		return fail(errors.New("- (standard input) is the only path of a scan that reads it"))
	case stdin && *fix:
		return fail(errors.New("--fix cannot rewrite standard input; use --diff"))
	case !stdin && *flags.stdinName != "":
		return fail(errors.New("--stdin-filename names what standard input holds: scan it with the path -"))
	}
	opts := scan.Options{Paths: paths, MaxSize: *maxSize, NoInlineIgnores: *noInline, ShowSuppressed: *showSuppressed, Version: env.Build.Version}
	for _, e := range strings.Split(*exceptions, ",") {
		if e = strings.TrimSpace(strings.ToLower(e)); e == "" {
			continue
		}
		if _, ok := rules.Exceptions[e]; !ok {
			return fail(fmt.Errorf("--exceptions: unknown component %q (known: %s)", e, strings.Join(rules.ExceptionNames(), ", ")))
		}
		opts.Exceptions = append(opts.Exceptions, e)
	}
	if opts.Rights, err = selectRights(*flags.rights); err != nil {
		return fail(err)
	}
	if *configPath == "" {
		*configPath = config.Find(".")
	}
	if *configPath != "" {
		if opts.Config, err = config.Load(*configPath); err != nil {
			printError(stderr, "configuration: ", err)
			return ExitUsage
		}
	}
	if *baselinePath != "" {
		if opts.Baseline, err = scan.LoadBaseline(*baselinePath); err != nil {
			return fail(err)
		}
	}
	if stdin {
		if opts.Stdin, err = readStdin(env.Stdin, *flags.stdinName, *maxSize); err != nil {
			return fail(err)
		}
	}
	// The output file is opened before anything else, so that a bad --output fails before a scan
	// or a fix; it replaces the target only once the whole output is written.
	out := stdout
	if *output != "" && *output != "-" {
		w, err := createOutput(*output)
		if err != nil {
			return fail(err)
		}
		defer w.Abort() // nothing once committed
		out = w
	}
	if *diff {
		fixed, err := scan.Fix(context.Background(), opts, stdout)
		if err != nil {
			return fail(err)
		}
		printNotifications(stderr, fixed.Notifications)
		for _, p := range fixed.Binary {
			fmt.Fprintf(stderr, "privlint: %s is not UTF-8 text with LF line ends: its fixes are a GIT binary patch, which git apply applies\n", escape.Human(filepath.ToSlash(p)))
		}
		if len(fixed.Changed) > 0 {
			return ExitFindings // like diff(1): there are differences
		}
		return ExitClean
	}
	fixFailed := false
	if *fix {
		fixed, err := scan.Fix(context.Background(), opts, nil)
		if err != nil {
			return fail(err)
		}
		for _, p := range fixed.Changed {
			fmt.Fprintf(stderr, "privlint: fixed %s\n", escape.Human(filepath.ToSlash(p)))
		}
		for _, f := range fixed.Failed {
			fmt.Fprintf(stderr, "privlint: not fixed %s: %s\n", escape.Human(filepath.ToSlash(f.Path)), escape.Human(f.Err.Error()))
		}
		fixFailed = len(fixed.Failed) > 0
	}
	res, err := scan.Run(context.Background(), opts)
	if err != nil {
		return fail(err)
	}
	w := bufio.NewWriter(out)
	err = formatter.Format(w, res)
	if err == nil {
		err = w.Flush()
	}
	if r, ok := out.(*confine.Replacement); ok && err == nil {
		err = r.Commit()
	}
	if err != nil {
		return fail(err)
	}
	printNotifications(stderr, res.Notifications)
	if n := res.BaselineUnmatched; n > 0 {
		fmt.Fprintf(stderr, "privlint: baseline %s: %d %s no finding in the files scanned (fixed, or their line changed); write the baseline again to drop %s\n",
			escape.Human(opts.Baseline.Path), n, plural(n, "entry matches", "entries match"), plural(n, "it", "them"))
	}
	if fixFailed {
		return ExitUsage // a fix that could not be written is a failure, as an unwritable --output
	}
	return exitStatus(res, *failOn)
}

// readStdin reads standard input for a scan of the file name ("-" when not named): at most
// maxSize bytes of it are kept, and the rest only counted, so that text over the limit is reported
// as a file on disk over it is.
func readStdin(r io.Reader, name string, maxSize int64) (*scan.Stdin, error) {
	if name == "" {
		name = "-"
	}
	if maxSize <= 0 {
		maxSize = discover.DefaultMaxSize
	}
	data, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %w", err)
	}
	size := int64(len(data))
	if size > maxSize {
		n, err := io.Copy(io.Discard, r)
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		data, size = nil, size+n
	}
	return &scan.Stdin{Name: name, Data: data, Size: size}, nil
}

// createOutput starts writing --output path: through a temporary file in the same directory,
// renamed over path once the output is complete. A symbolic link at path, or at a directory of a
// relative path below the current directory, is refused, never followed or replaced: the GitHub
// action writes its output inside the checked-out pull request, whose links an attacker chooses.
func createOutput(path string) (*confine.Replacement, error) {
	w, err := confine.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--output %s: %w", path, err)
	}
	return w, nil
}

// printNotifications writes problems reading files to stderr, one a line, escaped for a terminal
// and a CI log (Notification.TextLine).
func printNotifications(stderr io.Writer, notes []report.Notification) {
	for i := range notes {
		fmt.Fprintf(stderr, "privlint: %s\n", notes[i].TextLine())
	}
}

// plural is one when n is 1, and many otherwise.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// exitStatus is 1 when a finding or a notification (a file privlint could not fully read) is at or
// above the --fail-on level.
func exitStatus(res *report.Result, failOn string) int {
	if failOn == "never" {
		return ExitClean
	}
	threshold := rules.Level(failOn).Rank()
	for _, f := range res.Findings {
		if f.Suppression == nil && f.Level.Rank() >= threshold {
			return ExitFindings
		}
	}
	for _, n := range res.Notifications {
		if n.Level.Rank() >= threshold {
			return ExitFindings
		}
	}
	return ExitClean
}

// selectRights reads --rights: comma-separated packs and rights, nil when the flag is not given.
func selectRights(flag string) ([]rules.Right, error) {
	if strings.TrimSpace(flag) == "" {
		return nil, nil
	}
	var out []rules.Right
	for w := range strings.SplitSeq(flag, ",") {
		if w = strings.TrimSpace(w); w == "" {
			continue
		}
		rs, ok := rules.Select(w)
		if !ok {
			return nil, fmt.Errorf("--rights: %q is neither a pack (%s) nor a right privlint knows; define other rights under custom-rights: in %s",
				w, strings.Join(rules.PackNames(), ", "), config.FileName)
		}
		out = append(out, rs...)
	}
	return out, nil
}
