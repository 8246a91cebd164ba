package source

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Lang is the input language of a file.
type Lang string

// Languages privlint reads. An extractor handles files of its language only. Each has one entry in
// Languages.
const (
	LangNone        Lang = ""
	LangINF         Lang = "inf"
	LangPowerShell  Lang = "powershell"
	LangBatch       Lang = "batch"
	LangShell       Lang = "shell"
	LangDockerfile  Lang = "dockerfile"
	LangYAML        Lang = "yaml"   // Ansible playbooks, roles and task files
	LangSalt        Lang = "salt"   // Salt states (YAML with Jinja)
	LangRuby        Lang = "ruby"   // Chef recipes
	LangPuppet      Lang = "puppet" // Puppet manifests
	LangMOF         Lang = "mof"    // compiled DSC configurations
	LangXML         Lang = "xml"    // GPO reports (gpreport.xml)
	LangPolicyRules Lang = "policyrules"
	LangJSON        Lang = "json" // Intune settings catalog exports, templates as JSON
)

// Language describes one input language: the file names that are written in it, the content that
// gives it away when the name does not, the programs that run text written in it, and its comments.
// File discovery, the pre-commit hooks' file pattern, shebang lines, the dispatch of command strings
// handed to an interpreter, inline suppressions, test fixtures and the README's table of inputs all
// read it from Languages.
type Language struct {
	Lang  Lang
	Title string // what the files are, for the docs: "Batch files"

	// Names: extensions with their dot (".ps1"), exact base names ("Dockerfile") and base-name
	// prefixes ("Dockerfile."), as the docs write them; names are compared in any case.
	Extensions, Names, Prefixes []string

	// Sniffed lists the extensions ("" for none) under which a file whose name implies no language
	// may be of this one by its content: a secedit export saved as secpol.cfg, a script without an
	// extension that has a shebang line. Content decides (Sniff), whatever the extension.
	Sniffed []string
	// Markers are texts (compared in any case) whose presence in the first 4 KiB of such a file makes
	// it of this language.
	Markers []string
	// Shebang is set when such a file is of this language if its #! line names one of Programs.
	Shebang bool

	// Programs are the interpreters (lower case, without directory or .exe) that run text in this
	// language: a shebang line or a command line naming one hands them text of this language.
	Programs []string

	// LineComments start a comment that runs to the end of the line. A leader made of letters (REM)
	// is a word: it stands at the start of a line or after a blank and is followed by a blank.
	LineComments []string
	// BlockComments are the comments with an opening and a closing mark.
	BlockComments []Block
}

// Block is a comment form with an opening and a closing mark, such as <# #>.
type Block struct{ Open, Close string }

// Languages describes every language privlint reads, one entry per Lang, in the order the docs list
// them.
var Languages = []Language{
	{
		Lang:       LangINF,
		Title:      "Security templates, GPO `GptTmpl.inf`, `secedit /export` output",
		Extensions: []string{".inf"},
		// secedit exports are saved as secpol.cfg, *.txt, *.ini or templates, or without an extension.
		Sniffed:      []string{"", ".cfg", ".txt", ".ini", ".tmpl", ".template"},
		Markers:      []string{"[Unicode]", "[Privilege Rights]", "[Version]"},
		LineComments: []string{";"},
	},
	{
		Lang:          LangPowerShell,
		Title:         "PowerShell scripts, modules, DSC configurations",
		Extensions:    []string{".ps1", ".psm1", ".psd1"},
		Sniffed:       []string{""},
		Shebang:       true,
		Programs:      []string{"powershell", "pwsh"},
		LineComments:  []string{"#"},
		BlockComments: []Block{{"<#", "#>"}},
	},
	{
		Lang:         LangBatch,
		Title:        "Batch files",
		Extensions:   []string{".cmd", ".bat"},
		Programs:     []string{"cmd"},
		LineComments: []string{"REM", "::"},
	},
	{
		Lang:         LangShell,
		Title:        "Shell scripts (parsed with mvdan.cc/sh)",
		Extensions:   []string{".sh", ".bash"},
		Sniffed:      []string{""},
		Shebang:      true,
		Programs:     []string{"sh", "bash", "dash", "ksh", "zsh", "ash", "mksh"},
		LineComments: []string{"#"},
	},
	{
		Lang:         LangDockerfile,
		Title:        "Dockerfiles",
		Names:        []string{"Dockerfile", "Containerfile"},
		Prefixes:     []string{"Dockerfile."},
		Extensions:   []string{".dockerfile"},
		LineComments: []string{"#"},
	},
	{
		Lang:         LangYAML,
		Title:        "Ansible playbooks, task files, roles; CI pipelines",
		Extensions:   []string{".yml", ".yaml"},
		LineComments: []string{"#"},
	},
	{
		Lang:         LangSalt,
		Title:        "Salt states",
		Extensions:   []string{".sls"},
		LineComments: []string{"#"},
	},
	{
		Lang:       LangJSON,
		Title:      "Intune exports and templates as JSON; provisioning manifests",
		Extensions: []string{".json"},
		// JSON has no comments, but it is read as YAML, whose comments it then accepts.
		LineComments: []string{"#"},
	},
	{
		Lang:         LangRuby,
		Title:        "Chef recipes",
		Extensions:   []string{".rb"},
		LineComments: []string{"#"},
	},
	{
		Lang:          LangPuppet,
		Title:         "Puppet manifests",
		Extensions:    []string{".pp"},
		LineComments:  []string{"#"},
		BlockComments: []Block{{"/*", "*/"}},
	},
	{
		Lang:          LangMOF,
		Title:         "Compiled DSC",
		Extensions:    []string{".mof"},
		LineComments:  []string{"//"},
		BlockComments: []Block{{"/*", "*/"}},
	},
	{
		Lang:          LangXML,
		Title:         "GPO reports (`Get-GPOReport -ReportType Xml`, often UTF-16)",
		Extensions:    []string{".xml"},
		BlockComments: []Block{{"<!--", "-->"}},
	},
	{
		Lang:          LangPolicyRules,
		Title:         "Policy Analyzer rules",
		Extensions:    []string{".PolicyRules"},
		BlockComments: []Block{{"<!--", "-->"}},
	},
}

// Describe returns the description of lang; ok is false for LangNone and unknown languages.
func Describe(lang Lang) (d Language, ok bool) {
	for _, d := range Languages {
		if d.Lang == lang {
			return d, true
		}
	}
	return Language{}, false
}

// LangOf returns the language a file name implies, or LangNone when the name says nothing.
func LangOf(name string) Lang {
	idx := nameIndex()
	base := strings.ToLower(filepath.Base(name))
	if l, ok := idx.names[base]; ok {
		return l
	}
	for _, p := range idx.prefixes {
		if strings.HasPrefix(base, p.prefix) {
			return p.lang
		}
	}
	return idx.exts[strings.ToLower(filepath.Ext(name))]
}

// nameIndex returns Languages' file names in lower case, for LangOf, which runs on every file of a
// walk. It is built once.
var nameIndex = sync.OnceValue(func() names {
	idx := names{names: map[string]Lang{}, exts: map[string]Lang{}}
	for _, d := range Languages {
		for _, n := range d.Names {
			idx.names[strings.ToLower(n)] = d.Lang
		}
		for _, p := range d.Prefixes {
			idx.prefixes = append(idx.prefixes, namePrefix{strings.ToLower(p), d.Lang})
		}
		for _, e := range d.Extensions {
			idx.exts[strings.ToLower(e)] = d.Lang
		}
	}
	return idx
})

// names maps lower-case base names and extensions to their language.
type names struct {
	names, exts map[string]Lang
	prefixes    []namePrefix
}

type namePrefix struct {
	prefix string
	lang   Lang
}

// MaySniff reports whether a file whose name implies no language may still be one by its content: a
// secedit export is often saved as secpol.cfg, *.txt or without an extension, and a script without
// an extension has a shebang line (Sniff). It is the union of the languages' Sniffed extensions.
func MaySniff(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, d := range Languages {
		for _, e := range d.Sniffed {
			if ext == strings.ToLower(e) {
				return true
			}
		}
	}
	return false
}

// Interpreter returns the language of the text a program of this name runs (the name in lower
// case, without directory or .exe): a POSIX shell, PowerShell or cmd; LangNone for other programs.
// It decides shebang lines and the command strings handed to an interpreter.
func Interpreter(name string) Lang {
	for _, d := range Languages {
		if slices.Contains(d.Programs, name) {
			return d.Lang
		}
	}
	return LangNone
}

// LineComments returns the line-comment leaders of every language, each once, in the order of
// Languages. Inline suppressions and test fixtures, which do not depend on the file's language,
// read them.
func LineComments() []string {
	var out []string
	for _, d := range Languages {
		for _, c := range d.LineComments {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// BlockComments returns the block comment forms of every language, each once, in the order of
// Languages.
func BlockComments() []Block {
	var out []Block
	for _, d := range Languages {
		for _, b := range d.BlockComments {
			if !slices.Contains(out, b) {
				out = append(out, b)
			}
		}
	}
	return out
}

// IsWord reports whether a comment leader is a word (REM), which stands apart from the text around
// it, rather than punctuation (#, ;, //).
func IsWord(leader string) bool {
	return leader != "" && strings.Trim(leader, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}
