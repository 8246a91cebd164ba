//go:build ignore

// throughput measures each language's full analysis (decoding, parsing, evaluation and checking,
// with the keyword prefilter off so that every file is parsed) on real files, in MB/s, with the
// allocations per file. The files are read once into memory and analyzed -rounds times by one
// worker; the language is the one the file's name implies.
//
//	go run internal/bench/throughput.go [-rounds N] [-lang powershell,batch,yaml] [-cpuprofile F] [-memprofile F] DIR...
//
// The figures are for comparing two commits on the same machine: run it on both, interleaved.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/analyzers/source"
)

func main() {
	rounds := flag.Int("rounds", 5, "times each file is analyzed; the fastest round counts")
	langs := flag.String("lang", "", "comma-separated languages to measure (default all)")
	maxSize := flag.Int64("max", 4<<20, "skip files larger than this many bytes")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the analysis rounds to this file")
	memProfile := flag.String("memprofile", "", "write an allocation profile of the analysis rounds to this file")
	flag.Parse()
	if flag.NArg() == 0 {
		log.Fatal("usage: go run internal/bench/throughput.go [-rounds N] [-lang L,...] DIR...")
	}
	want := map[string]bool{}
	for l := range strings.SplitSeq(*langs, ",") {
		if l != "" {
			want[l] = true
		}
	}
	files := map[source.Lang]map[string][]byte{}
	for _, dir := range flag.Args() {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			lang := source.LangOf(path)
			if lang == source.LangNone || len(want) > 0 && !want[string(lang)] {
				return nil
			}
			if info, err := d.Info(); err != nil || info.Size() > *maxSize {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if files[lang] == nil {
				files[lang] = map[string][]byte{}
			}
			files[lang][path] = b
			return nil
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	order := make([]source.Lang, 0, len(files))
	for l := range files {
		order = append(order, l)
	}
	slices.Sort(order)
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		runtime.MemProfileRate = 4096
		defer func() {
			f, err := os.Create(*memProfile)
			if err != nil {
				log.Fatal(err)
			}
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				log.Fatal(err)
			}
		}()
	}
	fmt.Printf("%-12s %7s %9s %9s %12s %10s\n", "language", "files", "KB", "MB/s", "allocs/file", "B/file")
	for _, lang := range order {
		byPath := files[lang]
		paths := make([]string, 0, len(byPath))
		var size int64
		for p, b := range byPath {
			paths = append(paths, p)
			size += int64(len(b))
		}
		slices.Sort(paths)
		d, err := driver.New(nil, []*analysis.Analyzer{privgrant.Analyzer}, driver.Workers(1),
			driver.ReadFile(func(p string) ([]byte, error) { return byPath[p], nil }))
		if err != nil {
			log.Fatal(err)
		}
		best := time.Duration(1 << 62)
		var allocs, bytes uint64
		for range *rounds {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			for _, p := range paths {
				d.Analyze(p)
			}
			best = min(best, time.Since(start))
			runtime.ReadMemStats(&after)
			allocs, bytes = after.Mallocs-before.Mallocs, after.TotalAlloc-before.TotalAlloc
		}
		n := uint64(len(paths))
		fmt.Printf("%-12s %7d %9d %9.1f %12d %10d\n", lang, n, size>>10,
			float64(size)/best.Seconds()/1e6, allocs/n, bytes/n)
	}
}
