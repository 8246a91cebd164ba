// Package batch extracts privilege assignments from cmd.exe batch files (.cmd, .bat): ntrights
// calls, and command strings handed to other interpreters (cmd /c, powershell -Command, ssh, ...),
// with cmd.exe's own rules for lines, carets, quotes, blocks, variables and FOR loops.
package batch

import (
	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
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
	m.r = &reader{src: src, mode: md, f: f, refused: m.refused, flows: &assign.Flows{}, buf: &value.Builder{}}
	if md == fileMode {
		m.labels = scanLabels(src.S)
		if len(m.labels.bodies) > 0 { // the file calls its labels: their lines are read again
			m.r.kept = &kept{parsed: map[int][]*parsed{}, lines: map[int]lineInfo{}}
		}
	}
	m.p = &parser{r: m.r, vars: m.vars, f: f, buf: &value.Builder{}}
	return m, func() {}
}

// runAll runs the script's own flow.
func (m *machine) runAll() { m.read(m.p) }

// read parses and runs one statement at a time with p: cmd.exe expands a statement's variables (a
// whole parenthesized block) before it runs any of its commands. After a statement that jumps, the
// lines up to a label a GOTO names are never read; in a called label, EXIT and GOTO :EOF return.
func (m *machine) read(p *parser) {
	for {
		nodes, st, ok := p.statement()
		if !ok {
			return
		}
		if st != nil {
			st.busy = true
		}
		jumped, target := noJump, ""
		for _, n := range nodes {
			m.exec(n, nil)
			if c, ok := n.(*command); ok && c.top {
				if j, t := m.jumps(c.text); j > jumped {
					jumped, target = j, t
				}
			}
		}
		if st != nil {
			st.busy = false
		}
		clear(m.refused)
		p.r.flows.Reset()
		switch {
		case jumped == leave && p.r.frame != nil:
			return
		case jumped == goTo && p.r.frame != nil && m.loop(p.r, target):
		case jumped != noJump:
			p.r.skipTo(m.labels.resumes)
		}
	}
}
