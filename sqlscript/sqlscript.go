// Package sqlscript splits SQL text into statements. Its lexer knows single and double
// quotes, E” strings, $tag$ bodies, -- and nested /* */ comments, and trigger bodies
// (BEGIN ... END;), so functions, DO blocks and triggers need no markers.
package sqlscript

import "errors"

// Statement is one statement of a script, without its terminating semicolon.
type Statement struct {
	SQL  string
	Line int // 1-based line of the statement's first character in the file
}

// Split splits src, whose first line is line firstLine of its file, into statements.
// An unterminated quote, dollar body or comment is an error naming the line it starts on.
func Split(src string, firstLine int) ([]Statement, error) {
	return nil, errors.New("sqlscript: not implemented yet")
}
