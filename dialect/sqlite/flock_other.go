//go:build !unix

package sqlite

import "os"

// Without flock the SQLite lock degrades to SQLite's own busy handling.
func tryFlock(*os.File) (bool, error) { return true, nil }

func unFlock(*os.File) error { return nil }
