//go:build ignore

// list prints, one a line, the files a scan of the given paths reads (discover.Files): what
// compare.sh hands to parallel cat to measure the read limit.
//
//	go run internal/bench/list.go DIR
package main

import (
	"fmt"
	"os"

	"github.com/privlint/privlint/internal/discover"
)

func main() {
	files, _, err := discover.Files(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, f := range files {
		fmt.Println(f)
	}
}
