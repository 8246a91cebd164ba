package shell

import (
	"fmt"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"mvdan.cc/sh/v3/syntax"

	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/inf"
)

// heredocs analyzes the here-documents of a statement: one holding a [Privilege Rights] section is
// a security template; another one fed to an interpreter (ssh host, bash, cmd, powershell -Command -)
// is analyzed in that interpreter's language.
func (w *walker) heredocs(st *syntax.Stmt) {
	for _, r := range st.Redirs {
		if r.Hdoc == nil || len(r.Hdoc.Parts) == 0 || (r.Op != syntax.Hdoc && r.Op != syntax.DashHdoc) {
			continue
		}
		w.flows.Reset()
		from := len(w.out)
		w.heredoc(st, r)
		w.flows.Apply(w.f, w.out[from:]) // a value a function's call passed into the body
	}
}

// heredoc analyzes the here-document r of the statement st.
func (w *walker) heredoc(st *syntax.Stmt, r *syntax.Redirect) {
	body := w.heredocBody(r)
	if strings.Contains(strings.ToLower(body.S), "[privilege rights]") {
		w.template(body)
		return
	}
	if call, ok := st.Cmd.(*syntax.CallExpr); ok && len(call.Args) > 0 {
		if args := w.args(call, cmdline.ReadsStdin); len(args) > 0 {
			w.out = append(w.out, cmdline.Stdin(w.f, cmdline.FromArgs(args), body)...)
		}
	}
}

// heredocBody returns the body of a here-document without its closing delimiter line. With a
// quoted delimiter the body is literal; otherwise its variables are expanded.
func (w *walker) heredocBody(r *syntax.Redirect) value.Text {
	start, end := int(r.Hdoc.Pos().Offset()), int(r.Hdoc.End().Offset())
	end = min(end, w.src.Len())
	raw := w.src.S[start:end]
	if k := strings.LastIndexByte(raw, '\n'); k >= 0 && r.Word != nil && strings.TrimSpace(raw[k+1:]) == delimiter(r.Word) {
		end = start + k + 1
	} else if k < 0 && r.Word != nil && strings.TrimSpace(raw) == delimiter(r.Word) {
		end = start
	}
	if quotedWord(r.Word) {
		return w.src.Slice(start, end)
	}
	e := &expansion{w: w, end: end}
	for _, p := range r.Hdoc.Parts {
		if int(p.Pos().Offset()) >= end {
			break
		}
		if lit, ok := p.(*syntax.Lit); ok {
			e.lit(int(lit.Pos().Offset()), min(int(lit.End().Offset()), end), true)
			continue
		}
		e.part(p, true)
	}
	return e.done(start, end)
}

// delimiter returns a heredoc delimiter word without its quotes.
func delimiter(wd *syntax.Word) string {
	var b strings.Builder
	for _, p := range wd.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(strings.ReplaceAll(p.Value, `\`, ""))
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				if l, ok := q.(*syntax.Lit); ok {
					b.WriteString(l.Value)
				}
			}
		}
	}
	return b.String()
}

// quotedWord reports whether a heredoc delimiter is quoted or escaped, which makes the body literal.
func quotedWord(wd *syntax.Word) bool {
	if wd == nil {
		return false
	}
	for _, p := range wd.Parts {
		switch p := p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			return true
		case *syntax.Lit:
			if strings.Contains(p.Value, `\`) {
				return true
			}
		}
	}
	return false
}

// template extracts the assignments of a security template written from a heredoc, with its
// variables expanded (inf.ExtractText).
func (w *walker) template(body value.Text) {
	// Every account of a template becomes an assignment: three times the cost of other text.
	if !cmdline.Spend(w.f, body.Offset(0), 3*cmdline.TextCost(body.S)) {
		return // past the budget, embedded text is not followed
	}
	as := inf.ExtractText(w.f, body)
	scope := fmt.Sprintf("heredoc@%d", body.Offset(0))
	for i := range as {
		as[i].Scope = scope
	}
	w.out = append(w.out, as...)
}
