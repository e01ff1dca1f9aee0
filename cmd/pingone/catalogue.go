package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/pingone-go/pingone/actions"
	"github.com/spf13/cobra"
)

// family names the command of a resource family of the catalogue, and
// the words of its actions' names that name the resource (stripped to
// make the subcommand: list_users → users list, add_user_to_group →
// users add-to-group).
type family struct {
	command string
	aliases []string
	short   string
	nouns   []string // longest first
}

var families = map[string]family{
	"populations":        {command: "populations", short: "Populations: groups of users sharing a password policy", nouns: []string{"populations", "population"}},
	"users":              {command: "users", short: "Users, their status, password, groups and roles; bulk import and export", nouns: []string{"users", "user"}},
	"groups":             {command: "groups", short: "Groups, nested groups and their roles", nouns: []string{"groups", "group"}},
	"applications":       {command: "applications", aliases: []string{"apps"}, short: "Applications, their secrets, grants, sign-on policies, roles and attributes", nouns: []string{"applications", "application"}},
	"roles":              {command: "roles", short: "System roles and custom roles", nouns: []string{"roles", "role"}},
	"passwordpolicies":   {command: "password-policies", aliases: []string{"passwordpolicies"}, short: "Password policies", nouns: []string{"password_policies", "password_policy"}},
	"signonpolicies":     {command: "sign-on-policies", aliases: []string{"signonpolicies"}, short: "Sign-on policies", nouns: []string{"sign_on_policies", "sign_on_policy"}},
	"deviceauthpolicies": {command: "device-auth-policies", aliases: []string{"deviceauthpolicies"}, short: "MFA device authentication policies", nouns: []string{"device_authentication_policies", "device_authentication_policy", "device_auth_policies", "device_auth_policy"}},
	"identityproviders":  {command: "identity-providers", aliases: []string{"identityproviders", "idps"}, short: "External identity providers and their attribute mappings", nouns: []string{"identity_providers", "identity_provider"}},
	"mfa":                {command: "mfa", short: "Users' MFA devices and MFA status", nouns: []string{"user_mfa", "mfa"}},
	"certificates":       {command: "certificates", aliases: []string{"certs"}, short: "Certificates", nouns: []string{"certificates", "certificate"}},
	"userinfo":           {command: "userinfo", short: "The signed-in user's OpenID Connect claims", nouns: []string{"current_user_info", "user_info", "userinfo"}},
}

// familyOf returns the family of a catalogue family name, deriving one for
// a family this command line does not know yet.
func familyOf(name string) family {
	if f, ok := families[name]; ok {
		return f
	}
	noun := strings.TrimSuffix(name, "s")
	return family{command: strings.ReplaceAll(name, "_", "-"), short: "Actions of family " + name, nouns: []string{name, noun}}
}

// subcommandName strips the family's noun from an action's name.
func subcommandName(f family, action string) string {
	words := strings.Split(action, "_")
	for i := range words {
		for _, noun := range f.nouns {
			nw := strings.Split(noun, "_")
			if i+len(nw) <= len(words) && slices.Equal(words[i:i+len(nw)], nw) {
				rest := append(slices.Clone(words[:i]), words[i+len(nw):]...)
				if len(rest) > 0 {
					return strings.Join(rest, "-")
				}
			}
		}
	}
	return strings.ReplaceAll(action, "_", "-")
}

// familyCommands generates a command per family and a subcommand per
// action of the catalogue.
func (a *app) familyCommands() []*cobra.Command {
	byFamily := map[string]*cobra.Command{}
	var order []string
	for _, act := range actions.All() {
		f := familyOf(act.Family)
		fc := byFamily[act.Family]
		if fc == nil {
			fc = &cobra.Command{Use: f.command, Aliases: f.aliases, Short: f.short, Args: noSubcommand, RunE: helpOrUsage}
			byFamily[act.Family] = fc
			order = append(order, act.Family)
		}
		name := subcommandName(f, act.Name)
		for _, c := range fc.Commands() {
			if c.Name() == name {
				name = strings.ReplaceAll(act.Name, "_", "-")
			}
		}
		fc.AddCommand(a.actionCommand(act, name))
		a.commandOf[act.Name] = f.command + " " + name
	}
	if byFamily["users"] != nil {
		byFamily["users"].AddCommand(a.importCommand(), a.exportCommand())
	}
	cmds := make([]*cobra.Command, 0, len(order))
	for _, name := range order {
		cmds = append(cmds, byFamily[name])
	}
	return cmds
}

var pathParam = regexp.MustCompile(`\{(\w+)\}`)

// inputShape is how an action's input maps onto a command line.
type inputShape struct {
	positional []string // input members given as arguments, in path order
	flags      []inputFlag
	bodyFlags  []inputFlag
	hasBody    bool
	list       bool // a paged list: items, next_cursor, and cursor in
}

type inputFlag struct {
	flag   string   // flag name
	path   []string // member path in the input (or in the body)
	typ    string   // string, integer, number, boolean, array, json
	usage  string
	values any // the flag's variable
}

// reservedFlags are taken by the command line itself.
var reservedFlags = []string{"profile", "output", "environment", "yes", "columns", "rate-limit", "debug", "help", "all", "input", "body", "version"}

func shapeOf(act *actions.Action) inputShape {
	var sh inputShape
	in := act.InputSchema()
	props := map[string]*jsonschema.Schema{}
	if in != nil {
		props = in.Properties
	}
	taken := map[string]bool{}
	for _, f := range reservedFlags {
		taken[f] = true
	}
	for _, m := range pathParam.FindAllStringSubmatch(act.Path, -1) {
		for name := range props {
			if strings.EqualFold(name, m[1]) && !slices.Contains(sh.positional, name) {
				sh.positional = append(sh.positional, name)
			}
		}
	}
	// Required IDs the path does not name are positional too.
	for _, name := range sortedKeys(props) {
		if slices.Contains(in.Required, name) && strings.HasSuffix(name, "ID") && !slices.Contains(sh.positional, name) {
			sh.positional = append(sh.positional, name)
		}
	}
	for _, name := range sortedKeys(props) {
		if slices.Contains(sh.positional, name) {
			continue
		}
		if name == "body" {
			sh.hasBody = true
			continue
		}
		fl := kebab(name)
		if taken[fl] {
			fl = "param-" + fl
		}
		taken[fl] = true
		usage := props[name].Description
		if usage == "" {
			usage = "input member " + name
		}
		sh.flags = append(sh.flags, inputFlag{flag: fl, path: []string{name}, typ: flagType(props[name]), usage: usage})
	}
	if sh.hasBody {
		var walk func(prefix []string, s *jsonschema.Schema, depth int)
		walk = func(prefix []string, s *jsonschema.Schema, depth int) {
			for _, name := range sortedKeys(s.Properties) {
				ps := s.Properties[name]
				if ps.ReadOnly {
					continue
				}
				path := append(slices.Clone(prefix), name)
				t := flagType(ps)
				if t == "json" && baseType(ps) == "object" && depth < 1 {
					walk(path, ps, depth+1)
					continue
				}
				if t == "json" {
					continue
				}
				parts := make([]string, len(path))
				for i, p := range path {
					parts[i] = kebab(p)
				}
				fl := strings.Join(parts, "-")
				if taken[fl] {
					continue
				}
				taken[fl] = true
				usage := ps.Description
				if usage == "" {
					usage = "body member " + strings.Join(path, ".")
				}
				sh.bodyFlags = append(sh.bodyFlags, inputFlag{flag: fl, path: path, typ: t, usage: usage})
			}
		}
		walk(nil, props["body"], 0)
	}
	if out := act.OutputSchema(); out != nil && out.Properties["items"] != nil && props["cursor"] != nil {
		sh.list = true
	}
	return sh
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// baseType is a schema's type, null aside ("" when it has several).
func baseType(s *jsonschema.Schema) string {
	if s == nil {
		return ""
	}
	if s.Type != "" {
		return s.Type
	}
	var ts []string
	for _, t := range s.Types {
		if t != "null" {
			ts = append(ts, t)
		}
	}
	if len(ts) == 1 {
		return ts[0]
	}
	return ""
}

func flagType(s *jsonschema.Schema) string {
	switch t := baseType(s); t {
	case "string", "integer", "number", "boolean":
		return t
	case "array":
		if s.Items != nil && baseType(s.Items) == "string" {
			return "array"
		}
	}
	return "json"
}

// kebab turns a member name into a flag name: mfaEnabled → mfa-enabled,
// userID → user-id.
func kebab(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			nextLower := i > 0 && i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])
			if prevLower || nextLower {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if r == '_' {
			r = '-'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// bindFlag declares f on cmd.
func bindFlag(cmd *cobra.Command, f *inputFlag) {
	fl := cmd.Flags()
	switch f.typ {
	case "string":
		f.values = fl.String(f.flag, "", f.usage)
	case "integer":
		f.values = fl.Int64(f.flag, 0, f.usage)
	case "number":
		f.values = fl.Float64(f.flag, 0, f.usage)
	case "boolean":
		f.values = fl.Bool(f.flag, false, f.usage)
	case "array":
		f.values = fl.StringSlice(f.flag, nil, f.usage+" (comma-separated)")
	default:
		f.values = fl.String(f.flag, "", f.usage+" (JSON)")
	}
}

// value returns the flag's value as JSON input.
func (f *inputFlag) value() (any, error) {
	switch v := f.values.(type) {
	case *int64:
		return *v, nil
	case *float64:
		return *v, nil
	case *bool:
		return *v, nil
	case *[]string:
		return *v, nil
	case *string:
		if f.typ == "json" {
			var x any
			if err := json.Unmarshal([]byte(*v), &x); err != nil {
				return nil, usageErrorf("--%s: not valid JSON: %v", f.flag, err)
			}
			return x, nil
		}
		return *v, nil
	}
	return nil, fmt.Errorf("flag %s: unknown type", f.flag)
}

// actionCommand is the friendly command of one action.
func (a *app) actionCommand(act *actions.Action, name string) *cobra.Command {
	sh := shapeOf(act)
	use := name
	for _, p := range sh.positional {
		use += " <" + p + ">"
	}
	long := act.Description + "\n\nAction " + act.Name + ": " + act.Method + " " + act.Path + "."
	if act.Hints.Destructive {
		long += "\nDestructive: on a terminal it asks for confirmation; scripts need --yes."
	}
	if sh.hasBody {
		long += "\nThe body is --body (JSON, @file or - for stdin), with the flags below laid over it."
	}
	var all bool
	var body string
	cmd := &cobra.Command{
		Use:   use,
		Short: act.Title,
		Long:  long,
		Args:  exactArgs(bracket(sh.positional)...),
		RunE: func(cmd *cobra.Command, args []string) error {
			input := map[string]any{}
			for i, p := range sh.positional {
				input[p] = args[i]
			}
			for i := range sh.flags {
				f := &sh.flags[i]
				if cmd.Flags().Changed(f.flag) {
					v, err := f.value()
					if err != nil {
						return err
					}
					input[f.path[0]] = v
				}
			}
			if sh.hasBody {
				b := map[string]any{}
				if body != "" {
					data, err := a.readJSONArg("body", body)
					if err != nil {
						return err
					}
					if err := json.Unmarshal(data, &b); err != nil {
						return usageErrorf("--body: want a JSON object: %v", err)
					}
				}
				given := body != ""
				for i := range sh.bodyFlags {
					f := &sh.bodyFlags[i]
					if !cmd.Flags().Changed(f.flag) {
						continue
					}
					v, err := f.value()
					if err != nil {
						return err
					}
					setPath(b, f.path, v)
					given = true
				}
				if given || slices.Contains(act.InputSchema().Required, "body") {
					input["body"] = b
				}
			}
			data, err := json.Marshal(input)
			if err != nil {
				return err
			}
			return a.runAction(cmd.Context(), act, data, runOpts{all: all, itemsOnly: true, target: strings.Join(args, " ")})
		},
	}
	for i := range sh.flags {
		bindFlag(cmd, &sh.flags[i])
	}
	if sh.hasBody {
		cmd.Flags().StringVar(&body, "body", "", "request body: JSON, @file.json, or - to read stdin")
		for i := range sh.bodyFlags {
			bindFlag(cmd, &sh.bodyFlags[i])
		}
	}
	if sh.list {
		cmd.Flags().BoolVar(&all, "all", false, "walk every page (a progress bar shows on a terminal)")
	}
	return cmd
}

func bracket(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "<" + n + ">"
	}
	return out
}

// setPath sets m[path…] = v, making the objects on the way.
func setPath(m map[string]any, path []string, v any) {
	for _, p := range path[:len(path)-1] {
		sub, ok := m[p].(map[string]any)
		if !ok {
			sub = map[string]any{}
			m[p] = sub
		}
		m = sub
	}
	m[path[len(path)-1]] = v
}

// readJSONArg reads a JSON argument: literal JSON, @file, or - (stdin).
func (a *app) readJSONArg(flag, arg string) (json.RawMessage, error) {
	var data []byte
	var err error
	switch {
	case arg == "-" || arg == "@-":
		if a.stdinUsed {
			return nil, usageErrorf("--%s: stdin was already read", flag)
		}
		a.stdinUsed = true
		data, err = io.ReadAll(io.LimitReader(a.in, 64<<20))
	case strings.HasPrefix(arg, "@"):
		data, err = os.ReadFile(arg[1:])
		if err != nil {
			return nil, usageErrorf("--%s: %v", flag, err)
		}
	default:
		data = []byte(arg)
	}
	if err != nil {
		return nil, err
	}
	if !json.Valid(data) {
		return nil, usageErrorf("--%s: not valid JSON", flag)
	}
	return data, nil
}

type runOpts struct {
	all       bool   // walk every page of a list
	itemsOnly bool   // print a list's items, not the page object
	target    string // what the action is about (its IDs), for the prompt
}

// runAction invokes an action and prints its output.
func (a *app) runAction(ctx context.Context, act *actions.Action, input json.RawMessage, o runOpts) error {
	if err := a.confirm(act, o.target); err != nil {
		return err
	}
	c, s, err := a.client(ctx)
	if err != nil {
		return err
	}
	env := s.Environment
	if strings.HasPrefix(act.Path, "/{environmentID}/as/") {
		env = s.SignInEnvironment // userinfo: where the user signed in
	}
	if env == "" && act.Family != "roles" {
		return usageErrorf("no environment to manage: give --environment, or pingone config set environment <id>")
	}
	sh := shapeOf(act)
	if f := a.format(); f == "table" || f == "csv" {
		o.itemsOnly = true // a page object makes no table: its items do
	}
	if !sh.list || (!o.all && !o.itemsOnly) {
		out, err := act.Invoke(ctx, c, env, input)
		if err != nil {
			return err
		}
		return a.printValue(out)
	}
	var in map[string]any
	if err := json.Unmarshal(input, &in); err != nil {
		return usageErrorf("input: want a JSON object: %v", err)
	}
	if in == nil {
		in = map[string]any{}
	}
	printer := a.newListPrinter(nil)
	var bar *progress
	if o.all {
		bar = a.progress("listing "+act.Family, "items", 0)
		defer bar.finish()
	}
	for {
		data, _ := json.Marshal(in)
		out, err := act.Invoke(ctx, c, env, data)
		if err != nil {
			return err
		}
		var page struct {
			Items      []json.RawMessage `json:"items"`
			NextCursor string            `json:"next_cursor"`
		}
		if err := json.Unmarshal(out, &page); err != nil {
			return fmt.Errorf("%s: unexpected output: %w", act.Name, err)
		}
		if err := printer.page(page.Items); err != nil {
			return err
		}
		if bar != nil {
			bar.add(int64(len(page.Items)))
		}
		if page.NextCursor == "" {
			break
		}
		if !o.all {
			if err := printer.close(); err != nil {
				return err
			}
			a.say("More results: add --all for every page, or --cursor %s for the next one.", strconv.Quote(page.NextCursor))
			return nil
		}
		in["cursor"] = page.NextCursor
	}
	return printer.close()
}

// confirm asks before a destructive action. Scripts (no terminal on stdin
// and stderr, or stdin read as input) must say --yes.
func (a *app) confirm(act *actions.Action, target string) error {
	if !act.Hints.Destructive || a.flags.yes {
		return nil
	}
	if !a.inTTY || !a.errTTY || a.stdinUsed {
		return &codedError{code: exitNotConfirmed, msg: fmt.Sprintf("%s is destructive and nobody can confirm it here: add --yes to run it", act.Name)}
	}
	what := act.Title
	if target != "" {
		what += " " + target
	}
	fmt.Fprintf(a.errw, "%s\n%s\nContinue? [y/N] ", what, firstSentence(act.Description))
	line, err := bufio.NewReader(a.in).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(a.errw)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return &codedError{code: exitNotConfirmed, msg: "not confirmed: nothing was changed"}
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

func (a *app) callCommand() *cobra.Command {
	var input string
	var all bool
	cmd := &cobra.Command{
		Use:   "call <action>",
		Short: "Run any action of the catalogue by name, with JSON input",
		Long: `Run an action of the catalogue by name (pingone actions lists them;
pingone actions describe <name> shows its input and output schemas).

The input is a JSON object: path IDs by name ("userID"), query options
("filter", "limit", "cursor", "expand", …) and, for a write, the request
body under "body". Give it literally, as @file.json, or - to read stdin.
The output is the action's JSON output; with --all a list's pages are
walked and its items printed.`,
		Example: `  pingone call list_users --input '{"filter": "username sw \"a\"", "limit": 100}'
  pingone call create_population --input @population.json
  echo '{"userID": "…"}' | pingone call get_user --input -`,
		Args: exactArgs("<action>"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []cobra.Completion
			for _, act := range actions.All() {
				names = append(names, cobra.CompletionWithDesc(act.Name, act.Title))
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			act, ok := actions.Lookup(args[0])
			if !ok {
				return usageErrorf("no action %q (pingone actions lists them)", args[0])
			}
			data := json.RawMessage("{}")
			if input != "" {
				var err error
				if data, err = a.readJSONArg("input", input); err != nil {
					return err
				}
			}
			if all && !shapeOf(act).list {
				return usageErrorf("--all: %s is not a list", act.Name)
			}
			return a.runAction(cmd.Context(), act, data, runOpts{all: all, target: targetOf(data)})
		},
	}
	cmd.Flags().StringVar(&input, "input", "", "input: JSON, @file.json, or - to read stdin (default {})")
	cmd.Flags().BoolVar(&all, "all", false, "for a list: walk every page and print the items")
	return cmd
}

// targetOf names the IDs of an input, for a prompt.
func targetOf(input json.RawMessage) string {
	var m map[string]any
	_ = json.Unmarshal(input, &m)
	var ids []string
	for _, k := range sortedKeys(m) {
		if s, ok := m[k].(string); ok && strings.HasSuffix(k, "ID") {
			ids = append(ids, s)
		}
	}
	return strings.Join(ids, " ")
}

func (a *app) actionsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "actions",
		Short: "List the catalogue's actions (describe <name> for one)",
		Args:  noSubcommand,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var rows []json.RawMessage
			for _, act := range actions.All() {
				command := a.commandOf[act.Name]
				data, _ := json.Marshal(map[string]any{
					"name": act.Name, "title": act.Title, "family": act.Family, "method": act.Method, "path": act.Path,
					"command": command, "readOnly": act.Hints.ReadOnly, "destructive": act.Hints.Destructive,
				})
				rows = append(rows, data)
			}
			return a.printItems(rows, []string{"name", "command", "method", "path", "destructive"})
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "describe <action>",
		Short: "Show an action: description, hints, input and output schemas",
		Args:  exactArgs("<action>"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var names []cobra.Completion
			for _, act := range actions.All() {
				names = append(names, act.Name)
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			act, ok := actions.Lookup(args[0])
			if !ok {
				return usageErrorf("no action %q (pingone actions lists them)", args[0])
			}
			data, err := json.Marshal(map[string]any{
				"name": act.Name, "title": act.Title, "description": act.Description, "family": act.Family,
				"method": act.Method, "path": act.Path, "command": "pingone " + a.commandOf[act.Name],
				"hints": map[string]bool{"readOnly": act.Hints.ReadOnly, "destructive": act.Hints.Destructive,
					"idempotent": act.Hints.Idempotent, "returnsSecret": act.Hints.ReturnsSecret},
				"inputSchema": act.InputSchema(), "outputSchema": act.OutputSchema(),
			})
			if err != nil {
				return err
			}
			if a.flags.output == "" {
				a.flags.output = "json" // schemas read best as JSON
			}
			return a.printValue(data)
		},
	})
	return cmd
}
