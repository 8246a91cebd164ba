// Package batch extracts privilege assignments from cmd.exe batch files (.cmd, .bat): ntrights
// calls, and command strings handed to other interpreters (cmd /c, powershell -Command, ssh, ...),
// with cmd.exe's own rules for lines, carets, quotes, blocks, variables and FOR loops.
package batch

import (
	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// Extract reads f.Text as batch code and returns its assignments, with positions in f; problems are
// recorded on f. For text handed to cmd /c (see cmdline.Nest) it reads the text as a command line.
func Extract(f *source.File) []assign.Assignment {
	m, done := newMachine(f)
	defer done()
	m.runAll()
	return m.out
}

// newMachine prepares the analysis of f; done ends it.
func newMachine(f *source.File) (m *machine, done func()) {
	md := fileMode
	if cmdline.Of(f).CommandLine {
		md = lineMode
	}
	src := cmdline.SourceText(f)
	m = &machine{f: f, vars: newEnv(), budget: f.Budget(), refused: map[int]bool{}}
	if md == fileMode {
		m.labels = scanLabels(src.S)
	}
	m.p = &parser{r: &reader{src: src, mode: md, f: f, refused: m.refused}, vars: m.vars, f: f}
	return m, func() {}
}

// runAll parses and runs one statement at a time: cmd.exe expands a statement's variables (a whole
// parenthesized block) before it runs any of its commands. After a statement that jumps, the lines
// up to a label a GOTO or CALL may reach are never read.
func (m *machine) runAll() {
	for m.p.next() {
		jumped := false
		for _, n := range m.p.list() {
			m.exec(n, nil)
			if c, ok := n.(*command); ok && c.top && m.jumps(c.text) {
				jumped = true
			}
		}
		if jumped {
			m.p.r.skipTo(m.labels.reachable)
		}
		clear(m.refused)
	}
}
