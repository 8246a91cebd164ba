// Command privlint reports SeImpersonatePrivilege and SeAssignPrimaryTokenPrivilege grants to
// accounts outside the documented safe set in Windows security templates and scripts.
package main

import (
	"os"

	"github.com/privlint/privlint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
