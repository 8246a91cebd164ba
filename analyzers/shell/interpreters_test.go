package shell

import (
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// testInterpreters hands the command strings of this package's test files to the extractors of
// their languages, as langs.Interpreters does in a scan. langs imports this package, so its tests
// list the extractors they need themselves.
var testInterpreters = cmdline.Interpreters{
	source.LangShell: Extract,
}

// newFile is checktest.NewFile, with the command strings the file hands to an interpreter analyzed.
func newFile(name string, lang source.Lang, text string) *source.File {
	return checktest.NestedFile(name, lang, text, testInterpreters)
}
