package scan

import "bytes"

// encodeUTF16 encodes ASCII text as UTF-16 in either byte order.
func encodeUTF16(s string, bigEndian bool) []byte {
	var b []byte
	for _, r := range s {
		if bigEndian {
			b = append(b, byte(r>>8), byte(r))
		} else {
			b = append(b, byte(r), byte(r>>8))
		}
	}
	return b
}

func concat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
