// Command pingone is a command line for the PingOne Management API, built on
// the pingone Go SDK and its catalogue of actions.
//
//	pingone login                      # sign in as an administrator (browser, PKCE)
//	pingone users list --filter 'username sw "a"' --all -o table
//	pingone populations get <id>
//	pingone call list_groups --input @query.json
//	pingone users import users.csv --population <id>
//	pingone users export --format ndjson > users.ndjson
//
// Data goes to stdout (json, ndjson, table or csv), everything else to
// stderr. See pingone help exit-codes for the exit codes.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/pingone-go/pingone"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// version is the command line's version (set with -ldflags "-X main.version=…").
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	a := &app{
		in: os.Stdin, out: os.Stdout, errw: os.Stderr,
		inTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		outTTY: term.IsTerminal(int(os.Stdout.Fd())),
		errTTY: term.IsTerminal(int(os.Stderr.Fd())),
		getenv: os.Getenv,
	}
	if a.errTTY {
		if w, _, err := term.GetSize(int(os.Stderr.Fd())); err == nil {
			a.errWidth = w
		}
	}
	code := a.run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// app is one run of the command line: its streams, its environment and
// its flags. Tests build one with buffers.
type app struct {
	in        io.Reader
	out, errw io.Writer
	// inTTY, outTTY and errTTY say whether the streams are terminals:
	// prompts need stdin and stderr, progress bars stderr; the default
	// output is a table on a terminal and JSON elsewhere.
	inTTY, outTTY, errTTY bool
	errWidth              int // stderr's width in columns (0: unknown)
	getenv                func(string) string
	// openBrowser, when set, replaces the system browser at sign-in.
	openBrowser func(url string) error
	// clientOptions are added to every client's (tests: retry policy).
	clientOptions []pingone.Option

	flags     globalFlags
	commandOf map[string]string // action name → its friendly command
	stdinUsed bool              // stdin was read as input: it cannot answer a prompt
}

type globalFlags struct {
	profile     string
	output      string
	environment string
	yes         bool
	columns     []string
	rateLimit   float64
	debug       bool
}

// run executes the command line args and returns the exit code.
func (a *app) run(ctx context.Context, args []string) int {
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(a.in)
	root.SetOut(a.out)
	root.SetErr(a.errw)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		fmt.Fprintln(a.errw, "pingone: interrupted")
		return exitInterrupted
	}
	code := exitCode(err)
	fmt.Fprintln(a.errw, "pingone: "+oneLine(err.Error()))
	if _, ok := errors.AsType[*pingone.TokenError](err); ok {
		fmt.Fprintln(a.errw, "The sign-in was refused or has ended: run pingone login.")
	}
	if code == exitUsage {
		if _, ok := errors.AsType[*usageError](err); ok && cmd != nil {
			fmt.Fprintf(a.errw, "Run '%s --help' for usage.\n", cmd.CommandPath())
		}
	}
	return code
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func (a *app) rootCommand() *cobra.Command {
	a.commandOf = map[string]string{}
	root := &cobra.Command{
		Use:   "pingone",
		Short: "A command line for the PingOne Management API",
		Long: `pingone manages a PingOne environment from a terminal or a script.

Sign in once with 'pingone login' (an administrator, in the browser) or set
PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID and PINGONE_CLIENT_SECRET (a worker
application). Then each resource family below has its commands, generated
from the catalogue of PingOne's admin actions; 'pingone call' runs any
action by name with JSON input.

Data goes to stdout, as a table on a terminal and JSON elsewhere (choose
with --output); messages, prompts and progress bars go to stderr.`,
		Version:           version,
		SilenceErrors:     true,
		SilenceUsage:      true,
		Args:              noSubcommand,
		RunE:              helpOrUsage,
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: false},
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.checkFlags()
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{msg: err.Error()} })
	pf := root.PersistentFlags()
	pf.StringVarP(&a.flags.profile, "profile", "p", "", "profile to use (default: $PINGONE_PROFILE, else the current one)")
	pf.StringVarP(&a.flags.output, "output", "o", "", "output format: json, ndjson, table or csv (default: table on a terminal, json elsewhere)")
	pf.StringVarP(&a.flags.environment, "environment", "e", "", "ID of the environment to manage (default: the profile's)")
	pf.BoolVarP(&a.flags.yes, "yes", "y", false, "confirm destructive actions without asking (needed in scripts)")
	pf.StringSliceVar(&a.flags.columns, "columns", nil, "columns of table and csv output, as JSON member paths (id,name,population.id)")
	pf.Float64Var(&a.flags.rateLimit, "rate-limit", 0, "most requests per second to send (default: adapt to PingOne's throttling)")
	pf.BoolVar(&a.flags.debug, "debug", false, "log each HTTP attempt to stderr (method, path, status; never tokens or bodies)")
	_ = root.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(outputFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("profile", a.completeProfiles)

	root.AddGroup(&cobra.Group{ID: "resources", Title: "Resource families:"},
		&cobra.Group{ID: "session", Title: "Sign-in and settings:"},
		&cobra.Group{ID: "actions", Title: "Any action:"})
	root.SetHelpCommandGroupID("session")
	root.SetCompletionCommandGroupID("session")

	for _, c := range []*cobra.Command{a.loginCommand(), a.logoutCommand(), a.whoamiCommand(), a.configCommand()} {
		c.GroupID = "session"
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{a.callCommand(), a.actionsCommand(), a.mcpCommand()} {
		c.GroupID = "actions"
		root.AddCommand(c)
	}
	for _, c := range a.familyCommands() {
		c.GroupID = "resources"
		root.AddCommand(c)
	}
	root.AddCommand(a.serveCommand())
	root.AddCommand(&cobra.Command{
		Use:   "exit-codes",
		Short: "The exit codes, by category of error",
		Long:  exitCodesHelp,
	})
	root.AddCommand(&cobra.Command{
		Use:   "environment",
		Short: "The environment variables pingone reads",
		Long:  environmentHelp,
	})
	return root
}

const environmentHelp = `Environment variables:

  PINGONE_PROFILE         profile to use (--profile wins)
  PINGONE_CONFIG_DIR      directory of config.json and the tokens
                          (default: the user's config directory + /pingone)
  PINGONE_ENVIRONMENT_ID  with PINGONE_CLIENT_ID and PINGONE_CLIENT_SECRET:
  PINGONE_CLIENT_ID       a worker application's client credentials; when
  PINGONE_CLIENT_SECRET   the ID and the secret are both set they are used
                          instead of the profile's sign-in (the secret is
                          never written to disk)
  PINGONE_REGION          com, ca, eu, com.au, sg or asia
  PINGONE_API_URL         management API base URL (overrides the region)
  PINGONE_AUTH_URL        auth host URL (overrides the region)
  PINGONE_BROWSER         command that opens the sign-in page (its one
                          argument is the URL); else $BROWSER, else the
                          system's (xdg-open, open, rundll32)
`

// noSubcommand refuses an unknown subcommand of a command that only
// groups others.
func noSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
	}
	return nil
}

// helpOrUsage prints the help of a command that only groups others.
func helpOrUsage(cmd *cobra.Command, _ []string) error {
	return cmd.Help()
}

// exactArgs wants n positional arguments, named in the message.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == len(names) {
			return nil
		}
		if len(args) < len(names) {
			return usageErrorf("%s: missing argument %s", cmd.CommandPath(), strings.Join(names[len(args):], " "))
		}
		return usageErrorf("%s: too many arguments (want %d: %s)", cmd.CommandPath(), len(names), strings.Join(names, " "))
	}
}

var outputFormats = []string{"json", "ndjson", "table", "csv"}

// checkFlags checks the global flags once they are parsed.
func (a *app) checkFlags() error {
	switch a.flags.output {
	case "", "json", "ndjson", "table", "csv":
	default:
		return usageErrorf("unknown output format %q (want json, ndjson, table or csv)", a.flags.output)
	}
	if a.flags.rateLimit < 0 {
		return usageErrorf("--rate-limit must be positive")
	}
	return nil
}

// format is the output format in use.
func (a *app) format() string {
	if a.flags.output != "" {
		return a.flags.output
	}
	if a.outTTY {
		return "table"
	}
	return "json"
}

func (a *app) completeProfiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cfg, err := a.loadConfig()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return sortedProfiles(cfg), cobra.ShellCompDirectiveNoFileComp
}

// say writes a message for people to stderr.
func (a *app) say(format string, args ...any) {
	fmt.Fprintf(a.errw, format+"\n", args...)
}
