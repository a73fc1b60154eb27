// Command genproject writes a synthetic migration project for benchmarks
// (see package projectgen): genproject -n 10000 -format sql DIR.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/retort-dev/retort/bench/projectgen"
)

func main() {
	n := flag.Int("n", 1000, "number of revisions")
	format := flag.String("format", "sql", "revision file format: sql or py")
	flag.Parse()
	if flag.NArg() != 1 || (*format != "sql" && *format != "py") {
		fmt.Fprintln(os.Stderr, "usage: genproject [-n N] [-format sql|py] DIR")
		os.Exit(2)
	}
	if err := projectgen.Write(flag.Arg(0), *n, projectgen.Format(*format)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
