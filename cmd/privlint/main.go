// Command privlint reports grants of SeImpersonatePrivilege and SeAssignPrimaryTokenPrivilege (and,
// with --rights, the other rights that give control of a computer) to accounts outside the
// documented safe set in Windows security templates, scripts and configuration management code.
package main

import (
	"os"

	"github.com/privlint/privlint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
