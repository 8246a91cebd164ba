package puppet

import (
	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"

	// The extractors of the languages exec commands run register themselves with package cmdline.
	_ "github.com/privlint/privlint/analyzers/batch"
	_ "github.com/privlint/privlint/analyzers/powershell"
)

// Analyzer extracts the assignments of Puppet manifests. It reports nothing.
var Analyzer = assign.Extractor("puppet",
	"puppet extracts the user rights that Puppet manifests set with local_security_policy "+
		"resources, and those that the commands of exec resources assign.",
	source.LangPuppet, Extract)
