package scan

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/privlint/privlint/internal/bench/shapes"
	"github.com/privlint/privlint/internal/report"
)

// BenchmarkScan scans a tree of 2,000 small files, 1% of them granting a right, the rest without any
// keyword: the shape of a configuration repository, where the prefilter decides most files.
func BenchmarkScan(b *testing.B) {
	dir := b.TempDir()
	var size int64
	for i := range 2000 {
		text := fmt.Sprintf("# task %d\n- name: configure service %d\n  win_service:\n    name: svc%d\n    start_mode: auto\n", i, i, i)
		name := filepath.Join(dir, fmt.Sprintf("d%02d", i%50), fmt.Sprintf("f%d.yml", i))
		if i%100 == 0 {
			text = "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\\web\n"
			name = filepath.Join(dir, fmt.Sprintf("d%02d", i%50), fmt.Sprintf("f%d.inf", i))
		}
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		size += int64(len(text))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		res, err := Run(context.Background(), Options{Paths: []string{dir}})
		if err != nil || len(res.Findings) != 20 {
			b.Fatalf("%v, %d findings", err, len(res.Findings))
		}
	}
}

// BenchmarkShape scans each shape of the complexity test at 4n and writes the result in every
// format.
func BenchmarkShape(b *testing.B) {
	for _, row := range shapeRows {
		b.Run(row.name, func(b *testing.B) {
			content := shapes.Named(row.name).Gen(4 * row.n)
			path := filepath.Join(b.TempDir(), row.name)
			if err := os.WriteFile(path, content, 0o644); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(content)))
			b.ReportAllocs()
			for b.Loop() {
				res, err := Run(context.Background(), Options{Paths: []string{path}, Workers: 1})
				if err != nil {
					b.Fatal(err)
				}
				for _, format := range []string{"text", "json", "sarif"} {
					if err := report.Formatters[format].Format(io.Discard, res); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
