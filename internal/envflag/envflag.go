// Package envflag gives every flag of a flag.FlagSet an environment
// variable equivalent, PREFIX_NAME with the flag's name upper-cased and
// dashes turned into underscores (-log-format is REGIONSEARCH_LOG_FORMAT),
// and a usage message that names both.
//
// A flag given on the command line wins over its variable, and a variable
// wins over the flag's default. Variables are read when Parse is called,
// never in init, so a program's configuration stays in its main.
package envflag

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Name returns the environment variable for the flag name under prefix:
// Name("REGIONSEARCH", "log-format") is "REGIONSEARCH_LOG_FORMAT".
func Name(prefix, flagName string) string {
	return prefix + "_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// Parse parses args with fs, then sets every flag that was not on the
// command line from its environment variable, looked up with lookup (nil
// means os.LookupEnv). Flags listed in skip have no variable (-version, -h).
// A variable with a bad value is an error that names the variable.
func Parse(fs *flag.FlagSet, prefix string, args []string, lookup func(string) (string, bool), skip ...string) error {
	if lookup == nil {
		lookup = os.LookupEnv
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	for _, s := range skip {
		set[s] = true
	}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] {
			return
		}
		env := Name(prefix, f.Name)
		v, ok := lookup(env)
		if !ok {
			return
		}
		if err := fs.Set(f.Name, v); err != nil {
			errs = append(errs, fmt.Errorf("environment variable %s: invalid value %q for -%s: %w", env, v, f.Name, err))
		}
	})
	return errors.Join(errs...)
}

// PrintDefaults writes, like flag.PrintDefaults, one entry per flag of fs,
// each also naming its environment variable.
func PrintDefaults(w io.Writer, fs *flag.FlagSet, prefix string, skip ...string) {
	no := map[string]bool{}
	for _, s := range skip {
		no[s] = true
	}
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  -" + f.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintln(w, line)
		usage = strings.ReplaceAll(usage, "\n", "\n    \t")
		fmt.Fprintf(w, "    \t%s", usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "0s" {
			if g, ok := f.Value.(flag.Getter); ok && isString(g.Get()) {
				fmt.Fprintf(w, " (default %q)", f.DefValue)
			} else {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			}
		}
		if !no[f.Name] {
			fmt.Fprintf(w, "\n    \tenv %s", Name(prefix, f.Name))
		}
		fmt.Fprintln(w)
	})
}

func isString(v any) bool {
	_, ok := v.(string)
	return ok
}
