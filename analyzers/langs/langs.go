// Package langs joins each input language to its extractor. It is the one package that imports
// them all: it builds the building-block analyzer of every language, which the checker requires,
// and the table through which text handed to an interpreter (cmd /c, powershell -Command, sh -c)
// reaches the extractor of its language. A new language is one entry in source.Languages and one
// here.
package langs

import (
	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/ansible"
	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/batch"
	"github.com/privlint/privlint/analyzers/chef"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/dockerfile"
	"github.com/privlint/privlint/analyzers/gpreport"
	"github.com/privlint/privlint/analyzers/inf"
	"github.com/privlint/privlint/analyzers/intune"
	"github.com/privlint/privlint/analyzers/mof"
	"github.com/privlint/privlint/analyzers/pipeline"
	"github.com/privlint/privlint/analyzers/policyrules"
	"github.com/privlint/privlint/analyzers/powershell"
	"github.com/privlint/privlint/analyzers/puppet"
	"github.com/privlint/privlint/analyzers/salt"
	"github.com/privlint/privlint/analyzers/shell"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

// extractor is the code that reads one language: its analyzer's name and doc, and the function
// that returns the assignments of a file (or of text embedded in one) in that language.
type extractor struct {
	lang      source.Lang
	name, doc string
	extract   cmdline.Extractor
}

// extractors holds one entry per language of source.Languages.
var extractors = []extractor{
	{source.LangINF, "inf", "inf extracts the [Privilege Rights] assignments of security templates.",
		func(f *source.File) []assign.Assignment { return inf.Extract(f, 0, len(f.Text)) }},
	{source.LangBatch, "batch", "batch extracts user-right assignments from cmd.exe batch files.",
		batch.Extract},
	{source.LangShell, "shell", "shell extracts user-right assignments from POSIX and Bash scripts.",
		shell.Extract},
	{source.LangDockerfile, "dockerfile", "dockerfile extracts user-right assignments from the RUN instructions of Dockerfiles.",
		dockerfile.Extract},
	{source.LangPowerShell, "powershell", "powershell extracts the grants, sets and revokes of user rights that PowerShell scripts, " +
		"modules and DSC configurations write.",
		powershell.ExtractFile},
	{source.LangRuby, "chef", "chef extracts the grants, sets and revokes of user rights that Chef recipes write: " +
		"windows_user_privilege and dsc_resource resources, and the code of powershell_script, " +
		"dsc_script, batch and execute resources.",
		chef.Extract},
	{source.LangPuppet, "puppet", "puppet extracts the user rights that Puppet manifests set with local_security_policy " +
		"resources, and those that the commands of exec resources assign.",
		puppet.Extract},
	{source.LangMOF, "mof", "mof extracts the user rights that compiled DSC configurations (MOF) assign with " +
		"UserRightsAssignment, Carbon_Privilege and Script resources.",
		mof.Extract},
	{source.LangXML, "gpreport", "gpreport extracts the user right assignments that Group Policy XML reports describe.",
		gpreport.Extract},
	{source.LangPolicyRules, "policyrules", "policyrules extracts the Privilege Rights line items of Policy Analyzer rule files.",
		policyrules.Extract},
	{source.LangYAML, "ansible", "ansible extracts user-right assignments from Ansible playbooks, task files and roles, " +
		"and from the scripts of CI pipelines (GitHub Actions, Azure Pipelines, GitLab CI).",
		func(f *source.File) []assign.Assignment {
			if yamlpos.KubernetesOnly(f.Text) {
				return nil
			}
			y, errs := yamlpos.Parse(f.Text) // parsed once for both readers of YAML
			yamlpos.Report(f, errs, "YAML")
			y.ChargeTo(f)
			return append(ansible.ExtractParsed(f, y), pipeline.Extract(f, y)...)
		}},
	{source.LangSalt, "salt", "salt extracts user-right assignments from Salt states (lgpo.set).",
		salt.Extract},
	{source.LangJSON, "intune", "intune extracts user-right assignments from Intune exports and security templates written as JSON, " +
		"and from the commands of provisioning manifests (Packer, AWS SSM documents, Azure VM extensions, task runners).",
		func(f *source.File) []assign.Assignment {
			y, errs := yamlpos.ParseJSON(f.Text) // parsed once for both readers of JSON
			yamlpos.Report(f, errs, "JSON")
			y.ChargeTo(f)
			return append(intune.ExtractParsed(f, y), pipeline.ExtractJSON(f, y)...)
		}},
}

// nested is the table every analyzer of Analyzers hands its files: the extractor of each language
// some program interprets (source.Language.Programs).
var nested = Interpreters()

// Interpreters returns a new table of the extractors of the languages that programs interpret, for
// source.File.Nested: batch for cmd, PowerShell for powershell and pwsh, shell for sh, bash, ...
func Interpreters() cmdline.Interpreters {
	t := cmdline.Interpreters{}
	for _, e := range extractors {
		if d, ok := source.Describe(e.lang); ok && len(d.Programs) > 0 {
			t[e.lang] = e.extract
		}
	}
	return t
}

// Analyzers are the building-block analyzers of every language, in the order of extractors: each
// runs its language's extractor over the files of that language, with Nested set to the table of
// Interpreters, and reports nothing. The checker requires them all.
var Analyzers = analyzers()

func analyzers() []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(extractors))
	for i, e := range extractors {
		out[i] = assign.Extractor(e.name, e.doc, e.lang, func(f *source.File) []assign.Assignment {
			f.Nested = nested
			return e.extract(f)
		})
	}
	return out
}

// Analyzer returns the analyzer of Analyzers that reads files in lang, or nil.
func Analyzer(lang source.Lang) *analysis.Analyzer {
	for i, e := range extractors {
		if e.lang == lang {
			return Analyzers[i]
		}
	}
	return nil
}
