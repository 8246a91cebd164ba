// Package powershell extracts the grants, sets and revokes of SeImpersonatePrivilege and
// SeAssignPrimaryTokenPrivilege that PowerShell scripts (.ps1), modules (.psm1) and data files
// (.psd1) write, with a lexer and parser of its own.
//
// The lexer follows the lexical grammar of the PowerShell language specification in its two
// modes, argument mode for command arguments and expression mode for expressions; the parser
// chooses the mode of every token. Every token and syntax node keeps its byte offsets, so that
// positions, and text embedded in strings (a security template in a here-string, a command string
// for cmd /c), land in the file where they are written.
//
// The extractor walks the syntax tree in execution order. It resolves a variable to the value last
// assigned to it when that value is built from literals (interpolation, -f, +, -join), binds loop
// variables to each item of a literal list or table, binds command arguments to parameters as
// PowerShell does (names, aliases, unambiguous prefixes, positions, splatting), walks the body of a
// function or script block the file calls once per call with its parameters bound to the call's
// arguments (the call becomes the account's assign.Step), reads the template lines that edits of a
// secedit export write, and keeps everything else (environment variables, the script's parameters,
// command output) as an unresolved account carrying its text. FORMS.md lists the commands and
// resources it reads.
//
// Native programs (ntrights, cmd /c, powershell -Command, psexec, ...) are followed through
// package cmdline, which hands command strings to the extractor of their language that the file's
// table (source.File.Nested, built by package langs) names; PowerShell text goes back to Extract. Security templates in strings go to package inf.
//
// A list is read up to assign.MaxAccounts elements: past them the parser keeps only the elements
// that may run code or hold a template (of a comma list, or of the statements of a subexpression),
// so that a list of millions of names costs what one of assign.MaxAccounts does, and an
// assignment gets at most assign.MaxAccounts accounts. A longer list makes it Truncated, with one
// problem at the first account left out (assign.TooMany).
//
// Nesting deeper than 200 levels, unterminated strings, here-strings, comments and blocks are
// recorded as problems on the file; the lexer and parser are linear in the input and never panic
// on bad input.
package powershell
