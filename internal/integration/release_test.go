package integration

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// goreleaserConfig is the part of .goreleaser.yaml that the release relies on. The file is read
// with unknown keys rejected, so a key misspelled here or there fails the test.
type goreleaserConfig struct {
	Version     int    `yaml:"version"`
	ProjectName string `yaml:"project_name"`
	Before      struct {
		Hooks []string `yaml:"hooks"`
	} `yaml:"before"`
	Builds []struct {
		ID           string   `yaml:"id"`
		Main         string   `yaml:"main"`
		Binary       string   `yaml:"binary"`
		Env          []string `yaml:"env"`
		Flags        []string `yaml:"flags"`
		Ldflags      []string `yaml:"ldflags"`
		ModTimestamp string   `yaml:"mod_timestamp"`
		Goos         []string `yaml:"goos"`
		Goarch       []string `yaml:"goarch"`
	} `yaml:"builds"`
	Archives []struct {
		ID              string   `yaml:"id"`
		IDs             []string `yaml:"ids"`
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			Goos    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
		NameTemplate string   `yaml:"name_template"`
		Files        []string `yaml:"files"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
	SBOMs []struct {
		ID        string `yaml:"id"`
		Artifacts string `yaml:"artifacts"`
	} `yaml:"sboms"`
	Changelog struct {
		Disable bool `yaml:"disable"`
	} `yaml:"changelog"`
	Release struct {
		GitHub struct {
			Owner string `yaml:"owner"`
			Name  string `yaml:"name"`
		} `yaml:"github"`
	} `yaml:"release"`
}

// releaseTargets are the platforms a release ships, as GOOS/GOARCH.
var releaseTargets = []string{"darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64", "windows/amd64", "windows/arm64"}

// TestGoreleaserConfig checks .goreleaser.yaml: GoReleaser v2, one static, path-free build of
// cmd/privlint for every release target, with no version set through -X (privlint reads it from
// its build information, which -buildvcs=true makes sure holds the commit), archives (zip on Windows) holding the license and the docs, checksums
// and SBOMs of the archives. .ci/run must cross-compile every one of the targets. When goreleaser
// is on PATH, its own `goreleaser check` must accept the file too; it is not installed by CI,
// because it takes minutes to build from the module proxy.
func TestGoreleaserConfig(t *testing.T) {
	data := readRoot(t, ".goreleaser.yaml")
	var cfg goreleaserConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if cfg.Version != 2 || cfg.ProjectName != "privlint" {
		t.Errorf("version %d, project_name %q; want 2 and privlint", cfg.Version, cfg.ProjectName)
	}
	if cfg.Release.GitHub.Owner != "privlint" || cfg.Release.GitHub.Name != "privlint" {
		t.Errorf("release to %+v, want privlint/privlint", cfg.Release.GitHub)
	}

	if len(cfg.Builds) != 1 {
		t.Fatalf("%d builds, want 1", len(cfg.Builds))
	}
	b := cfg.Builds[0]
	if b.Main != "./cmd/privlint" || b.Binary != "privlint" {
		t.Errorf("build main %q binary %q, want ./cmd/privlint and privlint", b.Main, b.Binary)
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") || !slices.Contains(b.Flags, "-trimpath") || !slices.Contains(b.Flags, "-buildvcs=true") {
		t.Errorf("build env %q flags %q: want CGO_ENABLED=0, -trimpath and -buildvcs=true", b.Env, b.Flags)
	}
	for _, f := range b.Ldflags {
		if strings.Contains(f, "-X") {
			t.Errorf("ldflags %q set a variable: privlint takes its version from debug.ReadBuildInfo", f)
		}
	}
	var targets []string
	for _, goos := range b.Goos {
		for _, goarch := range b.Goarch {
			targets = append(targets, goos+"/"+goarch)
		}
	}
	slices.Sort(targets)
	if !slices.Equal(targets, releaseTargets) {
		t.Errorf("builds for %q, want %q", targets, releaseTargets)
	}

	if len(cfg.Archives) != 1 {
		t.Fatalf("%d archives, want 1", len(cfg.Archives))
	}
	a := cfg.Archives[0]
	if !slices.Equal(a.IDs, []string{b.ID}) || !slices.Equal(a.Formats, []string{"tar.gz"}) ||
		len(a.FormatOverrides) != 1 || a.FormatOverrides[0].Goos != "windows" || !slices.Equal(a.FormatOverrides[0].Formats, []string{"zip"}) {
		t.Errorf("archive %+v: want the build as tar.gz, zip on windows", a)
	}
	for _, f := range []string{"LICENSE", "README.md", "CHANGELOG.md", "SECURITY.md"} {
		if !slices.Contains(a.Files, f) {
			t.Errorf("archives lack %s", f)
		}
		readRoot(t, f)
	}
	if cfg.Checksum.Algorithm != "sha256" || cfg.Checksum.NameTemplate == "" {
		t.Errorf("checksum %+v, want sha256 with a name", cfg.Checksum)
	}
	if len(cfg.SBOMs) != 1 || cfg.SBOMs[0].Artifacts != "archive" {
		t.Errorf("sboms %+v, want one of the archives", cfg.SBOMs)
	}

	// GoReleaser writes dist/: ignored, or the go command would stamp +dirty into every version.
	if !regexp.MustCompile(`(?m)^/?dist/?$`).Match(readRoot(t, ".gitignore")) {
		t.Error(".gitignore does not ignore dist/")
	}

	// .ci/run cross-compiles every target but the machine's own.
	m := regexp.MustCompile(`(?m)^for target in ([^;]+); do$`).FindSubmatch(readRoot(t, ".ci/run"))
	if m == nil {
		t.Fatal(".ci/run has no `for target in ...; do` loop of cross-compiles")
	}
	ci := append(strings.Fields(string(m[1])), "linux/amd64")
	slices.Sort(ci)
	if !slices.Equal(ci, releaseTargets) {
		t.Errorf(".ci/run cross-compiles %q and CI runs on linux/amd64; the release builds %q", ci, releaseTargets)
	}

	goreleaser, err := exec.LookPath("goreleaser")
	if err != nil {
		t.Log("goreleaser is not on PATH: goreleaser check not run")
		return
	}
	cmd := exec.Command(goreleaser, "check", "--config", ".goreleaser.yaml")
	cmd.Dir = root
	cmd.Env = isolatedEnv(t, t.TempDir(), os.Getenv("PATH"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("goreleaser check: %v\n%s", err, out)
	}
}
