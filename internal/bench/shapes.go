//go:build ignore

// shapes writes every shape of internal/bench/shapes at the sizes issue 10 measures, one directory
// per shape and size, for internal/bench/shapes.sh.
//
//	go run internal/bench/shapes.go -out /tmp/shapes
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/privlint/privlint/internal/bench/shapes"
)

func main() {
	out := flag.String("out", "", "directory to write")
	flag.Parse()
	if *out == "" {
		log.Fatal("-out is required")
	}
	for _, s := range shapes.All {
		for _, n := range s.Full {
			name, content := s.Make(n)
			dir := filepath.Join(*out, fmt.Sprintf("%s-%d", s.Name, n))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				log.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
				log.Fatal(err)
			}
			fmt.Println(dir)
		}
	}
}
