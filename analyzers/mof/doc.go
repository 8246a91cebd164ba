// Package mof extracts the grants, sets and revokes of SeImpersonatePrivilege and
// SeAssignPrimaryTokenPrivilege that compiled DSC configurations (.mof) write, with a MOF lexer and
// parser of its own.
//
// The lexer reads // and /* */ comments, string literals with their escapes (each character
// mapped back to where it is written), aliases and #pragma lines, with CRLF, LF and bare CR line
// ends alike. A string may run over line ends, as the qualifiers of Carbon's schema files do, but
// never into a line that starts a declaration (`instance of` or `class Name`): a string never
// closed is reported and ends at its first line end. The parser reads `instance of Class as $alias
// { Property = value; ... };` declarations, with arrays, adjacent string literals and embedded
// instances as values, and skips pragmas, qualifiers and class declarations. A statement it cannot
// read is a problem, and reading resumes after its `;`, or at the next line that starts a
// declaration when the statement runs into one: one bad construct never hides the rest of a file.
// The parser reads tokens as the lexer makes them, and keeps the first 1,000 elements of an array
// (assign.MaxAccounts): the memory a file costs does not grow with a list.
//
// MSFT_UserRightsAssignment (SecurityPolicyDsc) and Carbon_Privilege mean what package forms says
// they mean in every language: each instance's properties are handed to it as they are written.
// The SetScript of an MSFT_ScriptResource is analyzed as PowerShell through package cmdline.
package mof
