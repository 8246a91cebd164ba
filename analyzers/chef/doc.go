// Package chef extracts the grants, sets and revokes of SeImpersonatePrivilege and
// SeAssignPrimaryTokenPrivilege that Chef recipes (.rb) write, with a Ruby lexer and parser of its
// own.
//
// The lexer knows Ruby's comments (# and =begin/=end), strings with escapes and #{} interpolation,
// %-literals, symbols, heredocs (<<EOS, <<-EOS, <<~EOS with its indentation removed, quoted
// terminators) and where `/`, `%`, `<<` and `?` open a literal rather than an operator. The parser
// pairs every `end` with its opener and keeps method calls with their arguments and blocks,
// assignments and literals; everything else becomes a Compound node whose children are still
// walked.
//
// The extractor walks the tree in order and evaluates expressions into the shared value model
// (package value); accounts are read from values by assign.Reader, as in every language. A local
// variable, constant or instance variable assigned a literal (a string, symbol, integer, boolean,
// nil, or an array or hash of literals) resolves; a hash is read by its literal keys (h[:k]); a
// block is a scope of its own, and a block parameter of `list.each do |x|` over a literal list
// takes each item in turn; anything else is an unresolved account carrying its text. It reads windows_user_privilege
// (privilege, principal defaulting to the resource name, users, action :add by default, :set,
// :remove, :clear), dsc_resource (UserRightsAssignment, Carbon_Privilege), and hands the code of
// powershell_script, dsc_script and batch resources, and the command of execute resources, to the
// extractor of their language through package cmdline, positions mapped back into the recipe. An
// interpolation it cannot resolve becomes ${expr} in the embedded code, marked unresolved.
//
// Unterminated strings, heredocs, comments and blocks, and nesting deeper than 200 levels, are
// recorded as problems on the file; code nested that deep is skipped to where it closes and what
// follows is read. The lexer and parser are linear in the input and never panic. The parser reads
// tokens as the lexer makes them and lets go of those it has consumed; a bracketed list (an array,
// a hash, arguments in parentheses) and a %w[] word list keep their first 1,000 elements
// (assign.MaxAccounts), and the first one left out is reported, so that what a recipe costs does
// not grow with a list. An assignment reads at most 1,000 accounts, and is Truncated past them.
// Values, variable uses and loop passes are charged to the file's evaluation budget (see
// FORMS.md).
package chef
