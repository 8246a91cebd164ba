// Package dockerfile extracts privilege assignments from Dockerfiles: each RUN instruction runs
// with its stage's shell (cmd /S /C on Windows images, /bin/sh -c on others, or what SHELL sets),
// and its command is analyzed in that shell's language through cmdline.
package dockerfile

import (
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// stage is what a build stage runs RUN commands with.
type stage struct {
	windows bool
	shell   []cmdline.Arg // set by SHELL; nil for the default shell
}

// Extract reads f.Text as a Dockerfile and returns the assignments of its RUN instructions, with
// positions in f; problems are recorded on f.
func Extract(f *source.File) []assign.Assignment {
	src := cmdline.SourceText(f)
	escape := directiveEscape(src.S)
	var (
		out    []assign.Assignment
		cur    stage
		stages = map[string]stage{}
	)
	for _, ins := range instructions(src, escape) {
		switch ins.keyword {
		case "FROM":
			cur = from(ins.args, escape, stages)
		case "SHELL":
			if args, ok := jsonArray(ins.args); ok && len(args) > 0 {
				cur.shell = args
			} else {
				f.Problemf(ins.args.Offset(0), "SHELL needs a JSON array of strings, such as [\"powershell\", \"-Command\"]")
			}
		case "RUN":
			out = append(out, runInstruction(f, cur, ins.args)...)
		}
	}
	return out
}

// runInstruction analyzes one RUN: the exec form (a JSON array) runs its program directly, the
// shell form hands its command to the stage's shell.
func runInstruction(f *source.File, st stage, args value.Text) []assign.Assignment {
	i := 0
	for { // flags such as --mount=... and --network=none
		i = skipBlanks(args.S, i)
		if !strings.HasPrefix(args.S[i:], "--") {
			break
		}
		for i < args.Len() && args.S[i] != ' ' && args.S[i] != '\t' {
			i++
		}
	}
	args = args.Slice(i, args.Len())
	if strings.HasPrefix(args.S, "<<") {
		return nil // a BuildKit heredoc: not followed
	}
	if argv, ok := jsonArray(args); ok {
		return cmdline.Run(f, cmdline.FromArgs(argv))
	}
	shell := st.shell
	if shell == nil {
		shell = defaultShell(st.windows, args.Offset(0))
	}
	argv := append(append([]cmdline.Arg(nil), shell...), cmdline.Arg{Value: trimRight(args)})
	return cmdline.Run(f, cmdline.FromArgs(argv))
}

// from starts a build stage: FROM [--platform=...] image [AS name]. A stage is a Windows one when
// its image or platform says so, when it builds on a Windows stage, or when the file uses the
// backtick escape that Windows Dockerfiles use.
func from(args value.Text, escape byte, stages map[string]stage) stage {
	fields := strings.Fields(args.S)
	windows := escape == '`'
	var image, name string
	for k := 0; k < len(fields); k++ {
		fl := strings.ToLower(fields[k])
		switch {
		case strings.HasPrefix(fl, "--platform="):
			windows = windows || strings.Contains(fl, "windows")
		case fl == "as" && k+1 < len(fields):
			name = strings.ToLower(fields[k+1])
			k++
		case image == "":
			image = fl
		}
	}
	st := stage{windows: windows || isWindowsImage(image)}
	if prev, ok := stages[image]; ok {
		st = prev
	}
	if name != "" {
		stages[name] = st
	}
	return st
}

// isWindowsImage reports whether an image reference names a Windows base image.
func isWindowsImage(image string) bool {
	for _, s := range []string{"windows", "servercore", "nanoserver", "dotnet/framework"} {
		if strings.Contains(image, s) {
			return true
		}
	}
	return false
}

// defaultShell is the shell RUN uses without SHELL, placed at offset at.
func defaultShell(windows bool, at int) []cmdline.Arg {
	words := []string{"/bin/sh", "-c"}
	if windows {
		words = []string{"cmd", "/S", "/C"}
	}
	out := make([]cmdline.Arg, len(words))
	for i, w := range words {
		out[i] = cmdline.Arg{Value: value.Spread(w, at, at, false)}
	}
	return out
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func trimRight(t value.Text) value.Text {
	return t.Slice(0, len(strings.TrimRight(t.S, " \t\r")))
}
