package cmdline

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/source"
)

// powershell follows powershell.exe and pwsh: -Command (any prefix, -c) takes the rest of the
// arguments joined by spaces as PowerShell text; -EncodedCommand (-e, -ec, -enc, ...) takes base64
// of UTF-16LE text. Without either, powershell.exe reads its first non-parameter argument and the
// rest as a command, pwsh as a script file.
func (r *runner) powershell(args []Arg, pwsh bool) {
	for k := 0; k < len(args); k++ {
		v := args[k].Value.S
		if v == "" || (v[0] != '-' && v[0] != '/') {
			if !pwsh {
				r.nest(source.LangPowerShell, Join(args[k:]), false)
			}
			return
		}
		name := strings.ToLower(strings.TrimLeft(v[1:], "-"))
		switch {
		case name == "":
			return // "-": the command comes on standard input
		case isPrefix(name, "command", 1):
			if k+1 < len(args) && args[k+1].Value.S != "-" {
				r.nest(source.LangPowerShell, Join(args[k+1:]), false)
			}
			return
		case name == "ec" || isPrefix(name, "encodedcommand", 1):
			if k+1 >= len(args) {
				r.f.Problemf(args[k].Start(), "powershell %s has no payload", v)
				return
			}
			r.encoded(args[k+1])
			return
		case isPrefix(name, "file", 1):
			if k+1 < len(args) && IsScript(args[k+1].Value.S) {
				r.call(args[k+1], args[k+2:])
			}
			return
		case takesValue(name):
			k++
		}
	}
}

// encoded decodes an -EncodedCommand payload and analyzes it. Every position in the decoded text
// maps to the payload argument.
func (r *runner) encoded(a Arg) {
	if a.Unresolved() {
		return
	}
	text, err := DecodeEncodedCommand(a.Value.S)
	if err != nil {
		r.f.Problemf(a.Start(), "powershell -EncodedCommand payload cannot be decoded (%v); it is not analyzed", err)
		return
	}
	r.nest(source.LangPowerShell, value.Spread(text, a.Start(), a.End(), false), false)
}

// DecodeEncodedCommand decodes a powershell -EncodedCommand payload: base64 (standard alphabet,
// padded; blanks ignored) of UTF-16LE text, an optional byte-order mark first.
func DecodeEncodedCommand(payload string) (string, error) {
	clean := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, payload)
	if clean == "" {
		return "", errors.New("the payload is empty")
	}
	raw, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		var ce base64.CorruptInputError
		if errors.As(err, &ce) {
			return "", fmt.Errorf("not base64: bad character or length at byte %d", int64(ce))
		}
		return "", fmt.Errorf("not base64: %w", err)
	}
	if len(raw)%2 != 0 {
		return "", fmt.Errorf("not UTF-16LE: %d bytes is an odd length", len(raw))
	}
	units := make([]uint16, 0, len(raw)/2)
	for i := 0; i+1 < len(raw); i += 2 {
		units = append(units, uint16(raw[i])|uint16(raw[i+1])<<8)
	}
	if len(units) > 0 && units[0] == 0xFEFF {
		units = units[1:]
	}
	for _, u := range units {
		if u == 0 {
			return "", errors.New("not UTF-16LE text: it holds NUL characters (was it encoded from UTF-8?)")
		}
	}
	return string(utf16.Decode(units)), nil
}

// isPrefix reports whether name is a prefix of full at least min bytes long: PowerShell accepts
// any unambiguous prefix of a parameter name.
func isPrefix(name, full string, min int) bool {
	return len(name) >= min && strings.HasPrefix(full, name)
}

// takesValue reports whether a powershell.exe or pwsh parameter takes a value.
func takesValue(name string) bool {
	for _, p := range []struct {
		full string
		min  int
	}{
		{"executionpolicy", 2}, {"ep", 2}, {"windowstyle", 1}, {"version", 1}, {"inputformat", 3}, {"if", 2},
		{"outputformat", 1}, {"of", 2}, {"configurationname", 4}, {"psconsolefile", 2}, {"workingdirectory", 2},
		{"wd", 2}, {"settingsfile", 2}, {"custompipename", 2}, {"encodedarguments", 8}, {"ea", 2},
		{"configurationfile", 7},
	} {
		if isPrefix(name, p.full, p.min) {
			return true
		}
	}
	return false
}
