// Package shapes builds inputs whose size grows along one dimension that has made privlint's cost
// grow faster than its input: many accounts on one line, many grant lines, one long line of JSON, a
// long batch for list, a long shell command. The complexity test in internal/scan runs each shape at
// two sizes, and internal/bench/shapes.sh times the binary on them at the sizes of issue 10.
package shapes

import (
	"bytes"
	"fmt"
	"strconv"
)

// Shape is one input family: Make(n) returns a file name (its extension picks the language) and
// content with n of the shape's repeating unit.
type Shape struct {
	Name string
	Make func(n int) (name string, content []byte)
	// Full is the n of the sizes the issue measures: the complexity test uses smaller ones.
	Full []int
}

// All lists every shape.
var All = []Shape{
	{"inf-line-accounts", InfLineAccounts, []int{10_000, 40_000}},
	{"inf-grant-lines", InfGrantLines, []int{200_000}},
	{"json-one-line", JSONOneLine, []int{27_000}},
	{"batch-for-list", BatchForList, []int{20_000}},
	{"shell-echo", ShellEcho, []int{4_190_000}},
}

// InfLineAccounts is a template whose one SeImpersonatePrivilege line lists n accounts of 18 bytes,
// CONTOSO\svc-u00000 on: n findings on one line.
func InfLineAccounts(n int) (string, []byte) {
	var b bytes.Buffer
	b.WriteString("[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeImpersonatePrivilege = ")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `CONTOSO\svc-u%05d`, i)
	}
	b.WriteString("\r\n")
	return "line.inf", b.Bytes()
}

// InfGrantLines is a template of n lines `SeImpersonatePrivilege = uN`: every line a finding, and
// every line after the first a duplicate assignment too.
func InfGrantLines(n int) (string, []byte) {
	var b bytes.Buffer
	b.WriteString("[Privilege Rights]\r\n")
	for i := range n {
		fmt.Fprintf(&b, "SeImpersonatePrivilege = u%d\r\n", i)
	}
	return "lines.inf", b.Bytes()
}

// JSONOneLine is a JSON document on one line, an object keyed by the right's constant whose value
// lists n accounts (13 bytes each with the comma).
func JSONOneLine(n int) (string, []byte) {
	var b bytes.Buffer
	b.WriteString(`{"Privilege Rights":{"SeImpersonatePrivilege":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"CORP\\u%d"`, i)
	}
	b.WriteString("]}}")
	return "one.json", b.Bytes()
}

// BatchForList is a batch file whose one for loop runs ntrights over n literal names.
func BatchForList(n int) (string, []byte) {
	var b bytes.Buffer
	b.WriteString("@echo off\r\nfor %%a in (")
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('n')
		b.WriteString(strconv.Itoa(i))
	}
	b.WriteString(") do ntrights +r SeImpersonatePrivilege -u %%a\r\n")
	return "for.cmd", b.Bytes()
}

// ShellEcho is a shell script naming a right once, then one echo command with n arguments `a`.
func ShellEcho(n int) (string, []byte) {
	var b bytes.Buffer
	b.Grow(2*n + 64)
	b.WriteString("ntrights +r SeImpersonatePrivilege -u web\necho")
	for range n {
		b.WriteString(" a")
	}
	b.WriteString("\n")
	return "echo.sh", b.Bytes()
}
