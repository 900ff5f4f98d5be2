package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// command is one subcommand of skm.
type command struct {
	summary string
	run     func(env *Env, args []string) int
}

// Env is what a subcommand runs with.
type Env struct {
	Getenv func(string) string
	Stdout io.Writer
	Stderr io.Writer
}

func (e *Env) errorf(format string, a ...any) int {
	fmt.Fprintf(e.Stderr, "skm: "+format+"\n", a...)
	return 1
}

var commands = map[string]command{}

func init() {
	commands["serve"] = command{"run the web server (the default)", runServe}
	commands["ikm"] = command{"compute the IKM of a CSV/XLSX of paper questionnaires", runIKM}
	commands["verify"] = command{"recount responses and list tallies that differ (exit 1 if any)", runVerify}
	commands["rebuild"] = command{"rebuild a campaign's tallies from its responses", runRebuild}
	commands["token"] = command{"create an API token: skm token create --name N --role R [--unit U]", runToken}
}

// Main runs the skm command with its arguments (without the program name) and returns the exit
// status.
func Main(args []string, env *Env) int {
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" {
		usage(env.Stdout)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		usage(env.Stderr)
		return 2
	}
	return cmd.run(env, args)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: skm [command] [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'skm COMMAND -h' for a command's flags.")
}
