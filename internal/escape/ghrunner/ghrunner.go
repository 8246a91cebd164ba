// Package ghrunner reads a step's output as the GitHub Actions runner does (actions/runner,
// ActionCommand.TryParseV2 and TryParse), so that tests can prove that privlint prints no workflow
// command it did not mean to.
package ghrunner

import (
	"strings"
	"unicode"
)

// Command is a line the runner reads as a workflow command.
type Command struct {
	Legacy bool              // the ##[name props]data syntax, rather than ::name props::data
	Name   string            // the command, such as error
	Props  map[string]string // properties, unescaped
	Data   string            // the message, unescaped
}

// Lines splits output into lines where the runner does: at LF, CR and CRLF.
func Lines(output string) []string {
	output = strings.ReplaceAll(output, "\r\n", "\n")
	output = strings.ReplaceAll(output, "\r", "\n")
	return strings.Split(strings.TrimSuffix(output, "\n"), "\n")
}

// Parse reads line as the runner does, first in the current syntax (after leading white space,
// "::", the command info, "::", the message), then in the legacy one ("##[" anywhere). It is
// stricter than the runner in two ways: any command name counts, registered or not, and a "##["
// without a closing "]" counts too.
func Parse(line string) (Command, bool) {
	if trimmed := strings.TrimLeftFunc(line, isSpace); strings.HasPrefix(trimmed, "::") {
		if end := strings.Index(trimmed[2:], "::"); end >= 0 {
			info, data := trimmed[2:2+end], trimmed[2+end+2:]
			c := Command{Props: map[string]string{}, Data: unescapeData.Replace(data)}
			c.Name, info, _ = strings.Cut(info, " ")
			for _, kv := range strings.Split(strings.TrimSpace(info), ",") {
				if k, v, ok := strings.Cut(kv, "="); ok && k != "" && v != "" {
					c.Props[k] = unescapeProperty.Replace(v)
				}
			}
			return c, true
		}
	}
	if i := strings.Index(line, "##["); i >= 0 {
		c := Command{Legacy: true, Props: map[string]string{}}
		info, data, _ := strings.Cut(line[i+3:], "]")
		c.Name, _, _ = strings.Cut(info, " ")
		c.Data = data
		return c, true
	}
	return Command{}, false
}

// isSpace is what .NET's string.TrimStart trims, and a little more (U+001C to U+001F).
func isSpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

var (
	unescapeData     = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%")
	unescapeProperty = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
)
