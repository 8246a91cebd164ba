// Package sarifcheck validates SARIF logs in tests: against the official SARIF 2.1.0 JSON schema,
// vendored at testdata/sarif-schema/sarif-2.1.0.json under the module root, and against the rules of
// GitHub code scanning that the schema does not express.
package sarifcheck

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaFile is the vendored schema's path relative to the module root.
const SchemaFile = "testdata/sarif-schema/sarif-2.1.0.json"

// schemaURL is the schema's own id, under which it is compiled.
const schemaURL = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// Validate reports every way data fails to be a SARIF 2.1.0 log that GitHub code scanning accepts
// as privlint means to write it, or nil. Beyond the schema it checks that there is exactly one run;
// that every rule has an id and non-empty shortDescription, fullDescription and help texts, at most
// 20 tags, and a security-severity, when present, that is a string holding a number from 0 to 10 on a
// rule tagged "security"; that every result names a rule of the driver by ruleId and a matching
// ruleIndex, has a message text and exactly one location whose uri is relative, without
// backslashes, with a uriBaseId, and whose region starts at a line of at least 1; and that every
// replacement of a fix has insertedContent.
func Validate(data []byte) error {
	sch, err := compiled()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("sarifcheck: not JSON: %w", err)
	}
	var errs []error
	if err := sch.Validate(inst); err != nil {
		errs = append(errs, fmt.Errorf("sarifcheck: schema: %w", err))
	}
	if err := checkGitHub(data); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(root, filepath.FromSlash(SchemaFile)))
	if err != nil {
		return nil, fmt.Errorf("sarifcheck: %w", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("sarifcheck: %s: %w", SchemaFile, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("sarifcheck: %s: %w", SchemaFile, err)
	}
	sch, err := c.Compile(schemaURL)
	if err != nil {
		return nil, fmt.Errorf("sarifcheck: %s: %w", SchemaFile, err)
	}
	return sch, nil
})

// moduleRoot is the nearest directory holding a go.mod, from the working directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("sarifcheck: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("sarifcheck: no go.mod in the working directory or above it")
		}
		dir = parent
	}
}
