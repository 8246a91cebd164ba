package yamlpos

import (
	"strconv"
	"strings"
	"time"
)

// The tags the YAML parser gives nodes. A plain scalar's tag depends on how it reads (plainTag);
// every other scalar is a string.
const (
	nullTag      = "!!null"
	boolTag      = "!!bool"
	strTag       = "!!str"
	intTag       = "!!int"
	floatTag     = "!!float"
	timestampTag = "!!timestamp"
	seqTag       = "!!seq"
	mapTag       = "!!map"
	mergeTag     = "!!merge"
)

// plainTag returns the tag the YAML parser (yaml.v3) resolves a plain scalar to. Only a few words
// are null, booleans or special floats; a scalar starting with a digit, a sign or a dot may be a
// timestamp, an integer or a float; anything else is a string.
func plainTag(v string) string {
	if v == "" {
		return nullTag
	}
	switch v[0] {
	case '~', 'n', 'N':
		if v == "~" || v == "null" || v == "Null" || v == "NULL" {
			return nullTag
		}
	case 't', 'T':
		if v == "true" || v == "True" || v == "TRUE" {
			return boolTag
		}
	case 'f', 'F':
		if v == "false" || v == "False" || v == "FALSE" {
			return boolTag
		}
	case '<':
		if v == "<<" {
			return mergeTag
		}
	case '.':
		if specialFloat(v[1:]) {
			return floatTag
		}
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return floatTag
		}
	case '+', '-':
		if len(v) > 2 && v[1] == '.' && (v[2] == 'i' || v[2] == 'I') && specialFloat(v[2:]) { // signed infinity
			return floatTag
		}
		return numberTag(v)
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return numberTag(v)
	}
	return strTag
}

// specialFloat reports whether s, after the dot, names infinity or NaN in one of the spellings
// YAML allows.
func specialFloat(s string) bool {
	switch s {
	case "inf", "Inf", "INF", "nan", "NaN", "NAN":
		return true
	}
	return false
}

// numberTag resolves a plain scalar starting with a digit or a sign: a timestamp, then an integer
// (underscores ignored; decimal, 0x, 0o, 0b or a leading 0 for octal; signed or as large as 64 bits
// unsigned), then a float in YAML's decimal notation; otherwise a string.
func numberTag(v string) string {
	if isTimestamp(v) {
		return timestampTag
	}
	s := strings.ReplaceAll(v, "_", "")
	if isInt(s, 0) {
		return intTag
	}
	if isDecimalFloat(s) {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return floatTag
		}
	}
	for _, b := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if digits, ok := strings.CutPrefix(s, b.prefix); ok && isInt(digits, b.base) {
			return intTag
		}
		if digits, ok := strings.CutPrefix(s, "-"+b.prefix); ok && isSignedInt("-"+digits, b.base) {
			return intTag
		}
	}
	return strTag
}

func isInt(s string, base int) bool {
	if isSignedInt(s, base) {
		return true
	}
	_, err := strconv.ParseUint(s, base, 64)
	return err == nil
}

func isSignedInt(s string, base int) bool {
	_, err := strconv.ParseInt(s, base, 64)
	return err == nil
}

// isDecimalFloat reports whether s is a float as YAML writes it: an optional sign, digits with an
// optional fraction or a fraction alone, and an optional exponent.
func isDecimalFloat(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	intDigits := digitsAt(s, i)
	i += intDigits
	if i < len(s) && s[i] == '.' {
		i++
		frac := digitsAt(s, i)
		if intDigits == 0 && frac == 0 {
			return false
		}
		i += frac
	} else if intDigits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := digitsAt(s, i)
		if exp == 0 {
			return false
		}
		i += exp
	}
	return i == len(s)
}

// digitsAt counts the decimal digits in s from i.
func digitsAt(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		n++
	}
	return n
}

// timestampLayouts are the layouts the YAML parser reads timestamps in.
var timestampLayouts = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// isTimestamp reports whether v is a timestamp: four digits, a '-' and one of the layouts.
func isTimestamp(v string) bool {
	if len(v) < 5 || digitsAt(v, 0) != 4 || v[4] != '-' {
		return false
	}
	for _, layout := range timestampLayouts {
		if _, err := time.Parse(layout, v); err == nil {
			return true
		}
	}
	return false
}
