package config

import (
	"path"
	"strings"
)

// checkGlob validates a path glob: path.Match syntax per segment, where a ** segment matches any
// number of directories.
func checkGlob(g string) error {
	for _, seg := range strings.Split(g, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return err
		}
	}
	return nil
}

func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		if Match(g, rel) {
			return true
		}
	}
	return false
}

// Match reports whether the slash-separated relative path name matches glob. A glob without a slash
// matches the base name in any directory (as .gitignore does); ** matches any number of segments;
// a glob that matches a directory matches everything under it.
func Match(glob, name string) bool {
	glob = strings.TrimPrefix(glob, "./")
	if !strings.Contains(strings.TrimSuffix(glob, "/"), "/") {
		glob = "**/" + glob
	}
	return matchSegs(strings.Split(strings.TrimSuffix(glob, "/"), "/"), strings.Split(name, "/"))
}

func matchSegs(glob, name []string) bool {
	for len(glob) > 0 {
		if glob[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegs(glob[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(glob[0], name[0]); !ok {
			return false
		}
		glob, name = glob[1:], name[1:]
	}
	return true // the rest of name is under a matched directory
}
