// Package integration holds end-to-end tests of the places privlint runs: the pre-commit hooks
// (through the real pre-commit), the composite GitHub Action, the snippets of docs/integrations.md,
// the container recipe and the release configuration. It has no code of its own.
package integration
