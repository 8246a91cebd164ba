package config

import "os"

func mkdirWrite(dir, file string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, []byte("exceptions: [iis]\n"), 0o644)
}
