// Package rules is privlint's domain knowledge: the two token rights and the names they are written
// under, well-known accounts and their SIDs, the documented safe sets and component exceptions, and the
// rule catalog with its documentation. It performs no I/O.
package rules
