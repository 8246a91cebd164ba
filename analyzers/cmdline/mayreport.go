package cmdline

import (
	"github.com/privlint/privlint/analyzers/source"
)

// MayReport reports whether text, a script or command line that a file hands to an interpreter,
// may give its analysis anything to report: a keyword of f's prefilter (every
// text with something to report holds one), or the name of a script it may run with arguments
// (File.AddCall records calls of scripts named with one of scriptExts, in any case). A scan reads
// no file that holds neither, and text embedded in a file it reads need not be analyzed either:
// a workflow's or playbook's scripts are mostly builds and registry settings.
func MayReport(f *source.File, text string) bool {
	return source.PrefilterOf(f.Rights()).MayGrant([]byte(text)) || namesScript(text)
}

// namesScript reports whether text holds the extension of a script privlint follows calls of, in
// any case, anywhere: as the scan finds the files that may call a script (a name whose extension
// is built at run time is not found by either).
func namesScript(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] != '.' {
			continue
		}
		for _, e := range scriptExts {
			if hasFoldPrefix(text[i:], e) {
				return true
			}
		}
	}
	return false
}

// hasFoldPrefix reports whether s starts with prefix, a lower-case ASCII word, in any case.
func hasFoldPrefix(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for j := 0; j < len(prefix); j++ {
		if c := s[j]; c == prefix[j] || 'A' <= c && c <= 'Z' && c+'a'-'A' == prefix[j] {
			continue
		}
		return false
	}
	return true
}
