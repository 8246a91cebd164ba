// Package puppet extracts the grants, sets and revokes of SeImpersonatePrivilege and
// SeAssignPrimaryTokenPrivilege that Puppet manifests (.pp) write, with a lexer of its own.
//
// The lexer knows Puppet's comments (# and /* */), single- and double-quoted strings with their
// escapes and interpolations ($name, ${expr}), heredocs (@("TAG"/flags) with their margin and
// trim markers), regular expressions, variables and operators. The parser does not build a full
// syntax tree: it checks that brackets balance and finds, in source order, the variable
// assignments and the resource declarations (`type { title: attr => value, ...; ... }`) wherever
// they are written.
//
// local_security_policy resources of Privilege Rights are read with the title as the right's
// display name (policy_setting, the right's constant, when the title names none), policy_value as
// a comma list of names or *SIDs that replaces the right's list (an optional `set:` prefix), or
// with `merge:` adds each account and removes each one written -account; ensure => absent removes
// the right from everyone. The command of an exec resource is analyzed as PowerShell with the
// powershell provider and as a Windows command line otherwise, through package cmdline.
//
// A variable assigned a literal string resolves, in strings too; a class or define parameter, a
// fact, a lookup or any other expression is an unresolved account carrying its text. Unterminated
// strings, comments and heredocs and unbalanced brackets are recorded as problems on the file.
package puppet
