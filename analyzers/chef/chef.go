package chef

import (
	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"

	// The extractors of the languages recipes embed register themselves with package cmdline.
	_ "github.com/privlint/privlint/analyzers/batch"
	_ "github.com/privlint/privlint/analyzers/powershell"
)

// Analyzer extracts the assignments of Chef recipes. It reports nothing.
var Analyzer = assign.Extractor("chef",
	"chef extracts the grants, sets and revokes of user rights that Chef recipes write: "+
		"windows_user_privilege and dsc_resource resources, and the code of powershell_script, "+
		"dsc_script, batch and execute resources.",
	source.LangRuby, Extract)
