package cmdline

import (
	"sync"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
)

// MaxDepth bounds how deep command strings are followed: cmd /c powershell -c "cmd /c ..." counts
// one level per interpreter.
const MaxDepth = 8

// Extractor returns the assignments of one file of its language.
type Extractor func(f *source.File) []assign.Assignment

// Interpreters maps a language to the extractor of the text handed to its interpreter: batch for
// cmd /c, PowerShell for powershell -Command, shell for sh -c. Package langs builds the one table
// of them and sets it as source.File.Nested, so that cmdline need not import the extractors that
// import it.
type Interpreters map[source.Lang]Extractor

// Analyzes reports whether text in lang is analyzed.
func (t Interpreters) Analyzes(lang source.Lang) bool { return t[lang] != nil }

var nestings sync.Map // *source.File -> Nesting, while the embedded file is being analyzed

// extractor returns the extractor f's Nested holds for lang, or nil.
func extractor(f *source.File, lang source.Lang) Extractor {
	t, _ := f.Nested.(Interpreters)
	return t[lang]
}

// Nesting tells an extractor how the file it analyzes came to be.
type Nesting struct {
	Depth int // 0 for a file read from disk
	// CommandLine is set for batch text handed to cmd /c or /k, which cmd.exe reads as a command
	// line: %% is not collapsed and an undefined %VAR% stays as written.
	CommandLine bool
	text        value.Text
}

// Of returns how f came to be: the zero Nesting for a file read from disk.
func Of(f *source.File) Nesting {
	if n, ok := nestings.Load(f); ok {
		return n.(Nesting)
	}
	return Nesting{}
}

// SourceText returns f.Text as a value.Text mapped onto itself. For an embedded file, the bytes that the
// outer language knew only at run time (a variable it could not resolve) are marked unresolved.
func SourceText(f *source.File) value.Text {
	if n := Of(f); n.text.S == string(f.Text) {
		return n.text
	}
	return value.Source(f.Text, 0)
}

// Nest analyzes text, written in lang inside f, with the extractor for lang that f.Nested holds;
// without one the text is not analyzed. Positions and problems of the embedded text land in f
// through text's mapping. The analysis is charged to f's budget (TextCost); text past
// value.MaxValue or the budget is not followed.
func Nest(f *source.File, lang source.Lang, text value.Text, commandLine bool) []assign.Assignment {
	fn := extractor(f, lang)
	if fn == nil || text.Len() == 0 {
		return nil
	}
	parent := Of(f)
	depth := parent.Depth + 1
	if depth > MaxDepth {
		f.Problemf(text.Offset(0), "command strings are nested more than %d levels deep here; the innermost %s text is not analyzed", MaxDepth, lang)
		return nil
	}
	// The text is a value built (at most value.MaxValue) and analyzed once more: its cost is charged.
	if at := text.Offset(0); text.Len() > value.MaxValue {
		f.Charge(at, text.Len()) // reports the limit
		return nil
	} else if !Spend(f, at, TextCost(text.S)) {
		return nil
	}
	sub := f.EmbedText(text, lang)
	nestings.Store(sub, Nesting{Depth: depth, CommandLine: commandLine, text: text.Reanchor(0)})
	defer nestings.Delete(sub)
	return fn(sub)
}
