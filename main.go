// Command skm is the SKM engine: a citizen satisfaction survey (Survei Kepuasan Masyarakat) server
// for Indonesian regional governments, per PermenPANRB 14/2017.
package main

import (
	"os"
	_ "time/tzdata" // campaigns are counted in the region's time zone on any machine

	"github.com/skm-engine/skm/app/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], &cli.Env{Getenv: os.Getenv, Stdout: os.Stdout, Stderr: os.Stderr}))
}
