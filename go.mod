module github.com/privlint/privlint

go 1.26.0

require (
	github.com/go-ini/ini v1.67.0
	golang.org/x/tools v0.52.0
)

require github.com/stretchr/testify v1.11.1 // indirect
