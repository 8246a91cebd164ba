//go:build ignore

// hostile writes every shape of internal/bench/shapes at its default scale into a directory.
//
//	go run internal/bench/hostile.go -out /tmp/shapes
package main

import (
	"flag"
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
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, s := range shapes.All {
		if err := os.WriteFile(filepath.Join(*out, s.Name), s.Gen(s.Default), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
