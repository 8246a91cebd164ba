package cli

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// Build describes the privlint binary, from the build information the Go toolchain embeds in it:
// what `privlint version` prints and the version SARIF's tool.driver holds.
type Build struct {
	Version   string // module version ("v0.1.0", or a pseudo-version for a build from a checkout); "devel" when unknown
	Commit    string // vcs.revision, shortened to 12 hex digits as in Go's pseudo-versions; "" when unknown
	Time      string // vcs.time, the commit's time (RFC 3339); "" when unknown
	Modified  bool   // vcs.modified: built from a working tree with uncommitted changes
	GoVersion string // the Go toolchain that built it
}

// ReadBuild returns the running binary's Build.
func ReadBuild() Build {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Build{Version: "devel"}
	}
	return BuildOf(bi)
}

// BuildOf reads a Build from Go build information. A main module without a version ("(devel)", as
// `go build -buildvcs=false` and `go run` leave it, or "" in a test binary) is "devel".
func BuildOf(bi *debug.BuildInfo) Build {
	b := Build{Version: bi.Main.Version, GoVersion: bi.GoVersion}
	if b.Version == "" || b.Version == "(devel)" {
		b.Version = "devel"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value[:min(len(s.Value), 12)]
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// String is the line `privlint version` prints:
//
//	privlint v0.1.0 built with go1.26.0 from 2d60263a1b2c (modified) on 2026-06-13T06:29:24Z
//
// Each part after the version is left out when unknown.
func (b Build) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "privlint %s", b.Version)
	if b.GoVersion != "" {
		fmt.Fprintf(&s, " built with %s", b.GoVersion)
	}
	if b.Commit != "" {
		fmt.Fprintf(&s, " from %s", b.Commit)
		if b.Modified {
			s.WriteString(" (modified)")
		}
	}
	if b.Time != "" {
		fmt.Fprintf(&s, " on %s", b.Time)
	}
	return s.String()
}
