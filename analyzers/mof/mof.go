package mof

import (
	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"

	// The PowerShell extractor registers itself with package cmdline for Script resources.
	_ "github.com/privlint/privlint/analyzers/powershell"
)

// Analyzer extracts the assignments of compiled DSC configurations. It reports nothing.
var Analyzer = assign.Extractor("mof",
	"mof extracts the user rights that compiled DSC configurations (MOF) assign with "+
		"UserRightsAssignment, Carbon_Privilege and Script resources.",
	source.LangMOF, Extract)
