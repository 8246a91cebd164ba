package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/privlint/privlint/internal/discover"
	"github.com/privlint/privlint/internal/report"
	"github.com/privlint/privlint/internal/scan"
	"github.com/privlint/privlint/rules"
)

func scanCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("privlint", stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	var formats []string
	for name := range report.Formatters {
		formats = append(formats, name)
	}
	sort.Strings(formats)
	format := fs.String("format", "text", "output format: "+strings.Join(formats, ", "))
	output := fs.String("output", "", "write the output to `file` instead of standard output")
	failOn := fs.String("fail-on", "warning", "lowest `level` that makes the exit status 1: error, warning, note or never")
	exceptions := fs.String("exceptions", "", "comma-separated documented component exceptions to allow: "+strings.Join(rules.ExceptionNames(), ", "))
	maxSize := fs.Int64("max-size", discover.DefaultMaxSize, "skip (and report) files larger than this many `bytes`")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError(err)
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "privlint: %v\n", err)
		return ExitUsage
	}
	formatter, ok := report.Formatters[*format]
	if !ok {
		return fail(oneOf("format", *format, formats...))
	}
	if err := oneOf("fail-on", *failOn, "error", "warning", "note", "never"); err != nil {
		return fail(err)
	}
	var policy rules.Policy
	for _, e := range strings.Split(*exceptions, ",") {
		if e = strings.TrimSpace(strings.ToLower(e)); e == "" {
			continue
		}
		if _, ok := rules.Exceptions[e]; !ok {
			return fail(fmt.Errorf("--exceptions: unknown component %q (known: %s)", e, strings.Join(rules.ExceptionNames(), ", ")))
		}
		policy.Exceptions = append(policy.Exceptions, e)
	}
	res, err := scan.Run(context.Background(), scan.Options{Paths: paths, Policy: policy, MaxSize: *maxSize, Version: Version()})
	if err != nil {
		return fail(err)
	}
	out := stdout
	var file *os.File
	if *output != "" {
		if file, err = os.Create(*output); err != nil {
			return fail(err)
		}
		out = file
	}
	w := bufio.NewWriter(out)
	err = formatter.Format(w, res)
	if err == nil {
		err = w.Flush()
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fail(err)
	}
	for _, n := range res.Notifications {
		loc := n.Path
		if n.Line > 0 {
			loc = fmt.Sprintf("%s:%d:%d", n.Path, n.Line, n.Col)
		}
		fmt.Fprintf(stderr, "privlint: %s: %s: %s\n", loc, n.Level, n.Message)
	}
	return exitStatus(res, *failOn)
}

// exitStatus is 1 when a finding or a notification (a file privlint could not fully read) is at or
// above the --fail-on level.
func exitStatus(res *report.Result, failOn string) int {
	if failOn == "never" {
		return ExitClean
	}
	threshold := rules.Level(failOn).Rank()
	for _, f := range res.Findings {
		if f.Level.Rank() >= threshold {
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
