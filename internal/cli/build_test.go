package cli_test

import (
	"runtime/debug"
	"testing"

	"github.com/privlint/privlint/internal/cli"
)

func TestBuildOf(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "-trimpath", Value: "true"},
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "2d60263a1b2c3d4e5f60718293a4b5c6d7e8f901"},
		{Key: "vcs.time", Value: "2026-06-13T06:29:24Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	tests := []struct {
		name string
		bi   debug.BuildInfo
		want cli.Build
		line string
	}{
		{"release", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.1.0"}},
			cli.Build{Version: "v0.1.0", GoVersion: "go1.26.0"},
			"privlint v0.1.0 built with go1.26.0"},
		{"checkout", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20260613062924-2d60263a1b2c+dirty"}, Settings: vcs},
			cli.Build{Version: "v0.0.0-20260613062924-2d60263a1b2c+dirty", Commit: "2d60263a1b2c", Time: "2026-06-13T06:29:24Z", Modified: true, GoVersion: "go1.26.8"},
			"privlint v0.0.0-20260613062924-2d60263a1b2c+dirty built with go1.26.8 from 2d60263a1b2c (modified) on 2026-06-13T06:29:24Z"},
		{"devel", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs[:4]},
			cli.Build{Version: "devel", Commit: "2d60263a1b2c", Time: "2026-06-13T06:29:24Z", GoVersion: "go1.26.8"},
			"privlint devel built with go1.26.8 from 2d60263a1b2c on 2026-06-13T06:29:24Z"},
		{"test binary", debug.BuildInfo{},
			cli.Build{Version: "devel"},
			"privlint devel"},
		{"short revision", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}},
			cli.Build{Version: "devel", Commit: "abc"},
			"privlint devel from abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cli.BuildOf(&tt.bi)
			if got != tt.want {
				t.Errorf("BuildOf = %+v, want %+v", got, tt.want)
			}
			if got.String() != tt.line {
				t.Errorf("String() = %q, want %q", got.String(), tt.line)
			}
		})
	}
}

// `privlint version`, --version and -v print the build's line, whatever else the command line holds.
func TestVersionCommand(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}, {"-v"}, {"--format", "sarif", "-v", "no-such-dir"}} {
		stdout, stderr, code := run(t, t.TempDir(), args...)
		if want := testBuild.String() + "\n"; stdout != want || stderr != "" || code != cli.ExitClean {
			t.Errorf("privlint %q: stdout %q stderr %q status %d, want %q, nothing, 0", args, stdout, stderr, code, want)
		}
	}
}
