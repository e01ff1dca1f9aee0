package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/pingone-go/pingone"
	"github.com/spf13/cobra"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

const defaultRedirectURI = "http://127.0.0.1:0/callback"

var defaultScopes = []string{"openid", "profile", "email"}

type loginFlags struct {
	region, apiURL, authURL, signInEnv, clientID, redirectURI string
	scopes                                                    []string
	noBrowser, clientCredentials                              bool
	timeout                                                   time.Duration
}

func (a *app) loginCommand() *cobra.Command {
	var f loginFlags
	cmd := &cobra.Command{
		Use:   "login",
		Short: "Sign in (an administrator in the browser, or a worker with --client-credentials)",
		Long: `Sign in and remember the sign-in under the profile (--profile, default
"default"), so that later commands need not.

An administrator signs in with the authorization code flow and PKCE: pingone
opens the system browser at PingOne's sign-in page (or prints the URL with
--no-browser), listens on a loopback port for the answer, and stores the
token in the config directory (mode 0600). Later runs renew it with its
refresh token; when that fails, run pingone login again.

With --client-credentials, a worker application signs in with
PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID and PINGONE_CLIENT_SECRET. The
secret is never written to disk: the token is kept until it expires, and
later runs with PINGONE_CLIENT_SECRET set get new ones.

The flags given are saved in the profile; the others keep their saved
values.`,
		Example: `  pingone login --region eu --sign-in-environment <env-id> --client-id <app-id>
  pingone login --no-browser
  PINGONE_ENVIRONMENT_ID=… PINGONE_CLIENT_ID=… PINGONE_CLIENT_SECRET=… pingone login --client-credentials --profile ci`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.login(cmd.Context(), cmd, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.region, "region", "", "PingOne region: com, ca, eu, com.au, sg or asia")
	fl.StringVar(&f.apiURL, "api-url", "", "management API base URL, overriding the region (for pingone-sim)")
	fl.StringVar(&f.authURL, "auth-url", "", "auth host URL, overriding the region (for pingone-sim)")
	fl.StringVar(&f.signInEnv, "sign-in-environment", "", "ID of the environment to sign in to")
	fl.StringVar(&f.clientID, "client-id", "", "client ID of the sign-in application (a native app with PKCE)")
	fl.StringVar(&f.redirectURI, "redirect-uri", "", "loopback redirect URI registered on the application (default "+defaultRedirectURI+": any free port)")
	fl.StringSliceVar(&f.scopes, "scopes", nil, "scopes to ask for (default openid,profile,email)")
	fl.BoolVar(&f.noBrowser, "no-browser", false, "print the sign-in URL instead of opening a browser")
	fl.BoolVar(&f.clientCredentials, "client-credentials", false, "sign in as a worker application with the PINGONE_* variables")
	fl.DurationVar(&f.timeout, "timeout", 5*time.Minute, "how long to wait for the sign-in in the browser")
	_ = cmd.RegisterFlagCompletionFunc("region", cobra.FixedCompletions([]cobra.Completion{"com", "ca", "eu", "com.au", "sg", "asia"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (a *app) login(ctx context.Context, cmd *cobra.Command, f loginFlags) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	name := a.profileName(cfg)
	if err := validProfileName(name); err != nil {
		return err
	}
	p := profile{}
	if old := cfg.Profiles[name]; old != nil {
		p = *old
	}
	set := func(flag string, dst *string, v string) {
		if cmd.Flags().Changed(flag) {
			*dst = v
		}
	}
	set("region", &p.Region, f.region)
	set("api-url", &p.APIURL, f.apiURL)
	set("auth-url", &p.AuthURL, f.authURL)
	set("sign-in-environment", &p.SignInEnvironment, f.signInEnv)
	set("client-id", &p.ClientID, f.clientID)
	set("redirect-uri", &p.RedirectURI, f.redirectURI)
	if cmd.Flags().Changed("scopes") {
		p.Scopes = f.scopes
	}
	if a.flags.environment != "" {
		p.Environment = a.flags.environment
	}
	if err := checkProfile(p); err != nil {
		return err
	}
	store, err := a.tokenStore(name)
	if err != nil {
		return err
	}
	var who string
	if f.clientCredentials {
		who, err = a.loginWorker(ctx, &p, store)
	} else {
		who, err = a.loginAdmin(ctx, &p, store, f)
	}
	if err != nil {
		return err
	}
	cfg.Profiles[name] = &p
	if cfg.Current == "" || len(cfg.Profiles) == 1 {
		cfg.Current = name
	}
	if err := a.saveConfig(cfg); err != nil {
		return fmt.Errorf("signed in, but the profile could not be saved: %w", err)
	}
	env := p.Environment
	if env == "" {
		env = p.SignInEnvironment
	}
	a.say("Signed in %s (profile %q); managing environment %s.", who, name, env)
	return nil
}

// checkProfile checks the settings a sign-in needs before any request.
func checkProfile(p profile) error {
	if p.Region != "" && !validRegion(p.Region) {
		return usageErrorf("unknown region %q (want com, ca, eu, com.au, sg or asia)", p.Region)
	}
	for _, u := range []struct{ name, v string }{{"api-url", p.APIURL}, {"auth-url", p.AuthURL}} {
		if u.v == "" {
			continue
		}
		pu, err := url.Parse(u.v)
		if err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
			return usageErrorf("--%s %q: need an absolute http(s) URL", u.name, u.v)
		}
	}
	if (p.APIURL == "") != (p.AuthURL == "") {
		return usageErrorf("set --api-url and --auth-url together")
	}
	return nil
}

func validRegion(r string) bool {
	switch pingone.Region(r) {
	case pingone.RegionNA, pingone.RegionCA, pingone.RegionEU, pingone.RegionAU, pingone.RegionSG, pingone.RegionAP:
		return true
	}
	return false
}

func (p profile) authBase() string {
	if p.AuthURL != "" {
		return strings.TrimRight(p.AuthURL, "/")
	}
	r := pingone.Region(p.Region)
	if r == "" {
		r = pingone.RegionNA
	}
	return r.AuthURL()
}

// hostOptions are the client options that pick PingOne's hosts.
func (p profile) hostOptions() []pingone.Option {
	if p.APIURL != "" {
		return []pingone.Option{pingone.WithBaseURLs(p.APIURL, p.AuthURL)}
	}
	if p.Region != "" {
		return []pingone.Option{pingone.WithRegion(pingone.Region(p.Region))}
	}
	return nil
}

func (a *app) tokenStore(name string) (pingone.FileTokenStore, error) {
	path, err := a.tokenPath(name)
	return pingone.FileTokenStore{Path: path}, err
}

// loginAdmin runs the browser sign-in and stores the token.
func (a *app) loginAdmin(ctx context.Context, p *profile, store pingone.FileTokenStore, f loginFlags) (string, error) {
	if p.SignInEnvironment == "" {
		return "", usageErrorf("no sign-in environment: give --sign-in-environment (the ID of the environment administrators sign in to)")
	}
	if p.ClientID == "" {
		return "", usageErrorf("no application: give --client-id (a native application with PKCE and a loopback redirect URI)")
	}
	flow, err := a.flow(*p)
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	open := func(u string) error {
		if f.noBrowser {
			a.say("Open this URL in a browser to sign in:\n\n  %s\n", u)
			return nil
		}
		a.say("Opening the browser to sign in. If it does not open, visit:\n\n  %s\n", u)
		if err := a.browse(u); err != nil {
			a.say("(could not open a browser: %v)", err)
		}
		return nil
	}
	tok, err := flow.SignIn(ctx, pingone.SignInOptions{OpenBrowser: open, Store: store})
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return "", &authError{msg: fmt.Sprintf("no sign-in within %s", f.timeout)}
		}
		return "", err
	}
	p.Auth = authCode
	// Say who signed in; the sign-in worked even if userinfo does not.
	c, err := pingone.NewClient(append(p.hostOptions(), pingone.WithTokenSource(flow.TokenSource(tok, store)), a.userAgent())...)
	if err == nil {
		if info, err := c.UserInfo.Get(ctx, p.SignInEnvironment); err == nil {
			for _, who := range []string{info.PreferredUsername, info.Email, info.Subject} {
				if who != "" {
					return "as " + who, nil
				}
			}
		}
	}
	return "as an administrator", nil
}

// flow is the profile's authorization code flow.
func (a *app) flow(p profile) (*pingone.AuthCodeFlow, error) {
	redirect := p.RedirectURI
	if redirect == "" {
		redirect = defaultRedirectURI
	}
	scopes := p.Scopes
	if len(scopes) == 0 {
		scopes = defaultScopes
	}
	return pingone.NewAuthCodeFlow(pingone.AuthCodeConfig{
		AuthURL:       p.authBase(),
		EnvironmentID: p.SignInEnvironment,
		ClientID:      p.ClientID,
		RedirectURL:   redirect,
		Scopes:        scopes,
		OnSaveError: func(err error) {
			a.say("pingone: warning: the renewed token could not be saved: %v", err)
		},
	})
}

// loginWorker checks the worker's credentials from the environment and
// keeps its token (never the secret).
func (a *app) loginWorker(ctx context.Context, p *profile, store pingone.FileTokenStore) (string, error) {
	env, id, secret := a.getenv("PINGONE_ENVIRONMENT_ID"), a.getenv("PINGONE_CLIENT_ID"), a.getenv("PINGONE_CLIENT_SECRET")
	if env == "" {
		env = p.SignInEnvironment
	}
	if id == "" {
		id = p.ClientID
	}
	if env == "" || id == "" || secret == "" {
		return "", usageErrorf("--client-credentials needs PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID and PINGONE_CLIENT_SECRET")
	}
	if r := a.getenv("PINGONE_REGION"); r != "" && p.Region == "" {
		p.Region = r
	}
	if p.APIURL == "" && a.getenv("PINGONE_API_URL") != "" {
		p.APIURL, p.AuthURL = a.getenv("PINGONE_API_URL"), a.getenv("PINGONE_AUTH_URL")
	}
	if err := checkProfile(*p); err != nil {
		return "", err
	}
	p.SignInEnvironment, p.ClientID, p.Auth = env, id, authClientCredentials
	cc := clientcredentials.Config{ClientID: id, ClientSecret: secret, TokenURL: p.authBase() + "/" + url.PathEscape(env) + "/as/token"}
	tok, err := cc.Token(ctx)
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			return "", &authError{msg: fmt.Sprintf("the worker's credentials were refused: %s %s", re.ErrorCode, re.ErrorDescription)}
		}
		return "", fmt.Errorf("getting a token: %w", err)
	}
	managed := p.Environment
	if managed == "" {
		managed = env
	}
	c, err := pingone.NewClient(append(p.hostOptions(), pingone.WithStaticToken(tok.AccessToken), a.userAgent())...)
	if err != nil {
		return "", err
	}
	if _, err := c.Environments.Get(ctx, managed); err != nil {
		return "", fmt.Errorf("the worker signed in but cannot read environment %s: %w", managed, err)
	}
	if err := store.Save(ctx, tok); err != nil {
		return "", fmt.Errorf("saving the token: %w", err)
	}
	return "as worker " + id, nil
}

// browse opens u in a browser: $PINGONE_BROWSER, $BROWSER, or the
// system's opener. It does not wait for the browser to close.
func (a *app) browse(u string) error {
	if a.openBrowser != nil {
		return a.openBrowser(u)
	}
	var argv []string
	if b := a.getenv("PINGONE_BROWSER"); b != "" {
		argv = []string{b, u}
	} else if b := a.getenv("BROWSER"); b != "" {
		b, _, _ = strings.Cut(b, string(os.PathListSeparator))
		if strings.Contains(b, "%s") {
			argv = strings.Fields(b)
			for i := range argv {
				argv[i] = strings.ReplaceAll(argv[i], "%s", u)
			}
		} else {
			argv = []string{b, u}
		}
	} else {
		switch runtime.GOOS {
		case "darwin":
			argv = []string{"open", u}
		case "windows":
			argv = []string{"rundll32", "url.dll,FileProtocolHandler", u}
		default:
			argv = []string{"xdg-open", u}
		}
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

func (a *app) userAgent() pingone.Option {
	return pingone.WithUserAgent("pingone-cli/" + version)
}

// client returns a client for the profile in use and the ID of the
// environment to manage.
func (a *app) client(ctx context.Context) (*pingone.Client, settings, error) {
	cfg, err := a.loadConfig()
	if err != nil {
		return nil, settings{}, err
	}
	s := a.resolve(cfg)
	if err := checkProfile(s.profile); err != nil {
		return nil, s, err
	}
	opts := append(s.hostOptions(), a.userAgent())
	if a.flags.rateLimit > 0 {
		opts = append(opts, pingone.WithRateLimit(a.flags.rateLimit, max(1, int(a.flags.rateLimit))))
	}
	if a.flags.debug {
		opts = append(opts, pingone.WithLogger(slog.New(slog.NewTextHandler(a.errw, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	opts = append(opts, a.clientOptions...)
	store, err := a.tokenStore(s.name)
	if err != nil {
		return nil, s, err
	}
	notSignedIn := &authError{msg: fmt.Sprintf("not signed in (profile %q): run pingone login, or set PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID and PINGONE_CLIENT_SECRET", s.name)}
	switch {
	case s.Auth == authClientCredentials && s.secret != "":
		if s.SignInEnvironment == "" {
			return nil, s, usageErrorf("set PINGONE_ENVIRONMENT_ID: the environment the worker application lives in")
		}
		opts = append(opts, pingone.WithClientCredentials(s.SignInEnvironment, s.ClientID, s.secret))
	case s.Auth == authClientCredentials:
		tok, err := store.Load(ctx)
		if err != nil {
			return nil, s, err
		}
		if tok == nil {
			return nil, s, notSignedIn
		}
		opts = append(opts, pingone.WithTokenSource(&workerToken{tok: tok}))
	case s.Auth == authCode:
		tok, err := pingone.StoredToken(ctx, store)
		if err != nil {
			return nil, s, err
		}
		if tok == nil {
			return nil, s, &authError{msg: fmt.Sprintf("the sign-in of profile %q has expired: run pingone login", s.name)}
		}
		flow, err := a.flow(s.profile)
		if err != nil {
			return nil, s, err
		}
		// The flow's own source: the client renews through it when
		// PingOne rejects the access token early.
		opts = append(opts, pingone.WithTokenSource(flow.TokenSource(tok, store)))
	default:
		return nil, s, notSignedIn
	}
	c, err := pingone.NewClient(opts...)
	return c, s, err
}

// workerToken is a worker's stored token, used until it expires.
type workerToken struct{ tok *oauth2.Token }

func (w *workerToken) Token() (*oauth2.Token, error) {
	if !w.tok.Valid() {
		return nil, &authError{msg: "the worker's token has expired: set PINGONE_CLIENT_SECRET (or run pingone login --client-credentials again)"}
	}
	return w.tok, nil
}

func (a *app) logoutCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "Forget the profile's stored token",
		Long:  "Delete the token stored for the profile; the profile's settings stay, so pingone login signs in again with them.",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			name := a.profileName(cfg)
			path, err := a.tokenPath(name)
			if err != nil {
				return err
			}
			switch err := os.Remove(path); {
			case errors.Is(err, fs.ErrNotExist):
				a.say("Not signed in (profile %q).", name)
			case err != nil:
				return err
			default:
				a.say("Signed out (profile %q).", name)
			}
			return nil
		},
	}
}

func (a *app) whoamiCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "whoami",
		Short: "Who is signed in (OpenID Connect userinfo)",
		Long:  "Print the signed-in administrator's claims from PingOne's userinfo endpoint, or, for a worker application, its client ID and environment.",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			c, s, err := a.client(ctx)
			if err != nil {
				return err
			}
			if s.Auth == authClientCredentials {
				data, _ := json.Marshal(map[string]string{"type": "worker", "clientID": s.ClientID, "signInEnvironment": s.SignInEnvironment, "environment": s.Environment, "profile": s.name})
				return a.printValue(data)
			}
			info, err := c.UserInfo.Get(ctx, s.SignInEnvironment)
			if err != nil {
				return err
			}
			data, err := json.Marshal(info)
			if err != nil {
				return err
			}
			return a.printValue(data)
		},
	}
}

func (a *app) configCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show and change the profiles",
		Long: `Profiles hold the settings of a sign-in: region (or API and auth URLs),
sign-in environment, managed environment, client ID, redirect URI and
scopes. They live in config.json in the config directory (see pingone
config path); tokens are kept apart, one file per profile, mode 0600.`,
		Args: noSubcommand,
		RunE: helpOrUsage,
	}
	var keyHelp strings.Builder
	for _, k := range profileKeys {
		fmt.Fprintf(&keyHelp, "  %-20s %s\n", k.key, k.help)
	}
	fmt.Fprintf(&keyHelp, "  %-20s %s\n", "scopes", "scopes asked for at sign-in, comma-separated")
	completeKeys := func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var ks []string
		for _, k := range profileKeys {
			ks = append(ks, k.key)
		}
		return append(ks, "scopes"), cobra.ShellCompDirectiveNoFileComp
	}
	edit := func(f func(cfg *config, name string, p *profile) error) error {
		cfg, err := a.loadConfig()
		if err != nil {
			return err
		}
		name := a.profileName(cfg)
		if err := validProfileName(name); err != nil {
			return err
		}
		p := cfg.Profiles[name]
		if p == nil {
			p = &profile{}
			cfg.Profiles[name] = p
		}
		if err := f(cfg, name, p); err != nil {
			return err
		}
		if cfg.Current == "" {
			cfg.Current = name
		}
		return a.saveConfig(cfg)
	}
	cmd.AddCommand(&cobra.Command{
		Use:               "set <key> <value>",
		Short:             "Set a setting of the profile",
		Long:              "Set a setting of the profile (--profile, or the current one).\n\nKeys:\n" + keyHelp.String(),
		Args:              exactArgs("<key>", "<value>"),
		ValidArgsFunction: completeKeys,
		RunE: func(cmd *cobra.Command, args []string) error {
			return edit(func(_ *config, _ string, p *profile) error {
				if args[0] == "scopes" {
					p.Scopes = strings.FieldsFunc(args[1], func(r rune) bool { return r == ',' || r == ' ' })
					return nil
				}
				f, err := profileField(p, args[0])
				if err != nil {
					return err
				}
				*f = args[1]
				return checkProfile(*p)
			})
		},
	}, &cobra.Command{
		Use:               "unset <key>",
		Short:             "Clear a setting of the profile",
		Args:              exactArgs("<key>"),
		ValidArgsFunction: completeKeys,
		RunE: func(cmd *cobra.Command, args []string) error {
			return edit(func(_ *config, _ string, p *profile) error {
				if args[0] == "scopes" {
					p.Scopes = nil
					return nil
				}
				f, err := profileField(p, args[0])
				if err != nil {
					return err
				}
				*f = ""
				return nil
			})
		},
	}, &cobra.Command{
		Use:               "get <key>",
		Short:             "Print a setting of the profile",
		Args:              exactArgs("<key>"),
		ValidArgsFunction: completeKeys,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			p := cfg.Profiles[a.profileName(cfg)]
			if p == nil {
				p = &profile{}
			}
			if args[0] == "scopes" {
				fmt.Fprintln(a.out, strings.Join(p.Scopes, ","))
				return nil
			}
			f, err := profileField(p, args[0])
			if err != nil {
				return err
			}
			fmt.Fprintln(a.out, *f)
			return nil
		},
	}, &cobra.Command{
		Use:   "list",
		Short: "List the profiles and their settings",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			var rows []json.RawMessage
			for _, name := range sortedProfiles(cfg) {
				p := cfg.Profiles[name]
				row := map[string]any{"profile": name, "current": name == cfg.Current, "region": p.Region, "apiURL": p.APIURL, "authURL": p.AuthURL,
					"signInEnvironment": p.SignInEnvironment, "environment": p.Environment, "clientID": p.ClientID, "auth": p.Auth}
				data, _ := json.Marshal(row)
				rows = append(rows, data)
			}
			return a.printItems(rows, []string{"profile", "current", "auth", "region", "signInEnvironment", "environment", "clientID"})
		},
	}, &cobra.Command{
		Use:               "use <profile>",
		Short:             "Make a profile the current one",
		Args:              exactArgs("<profile>"),
		ValidArgsFunction: a.completeProfiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			if cfg.Profiles[args[0]] == nil {
				return usageErrorf("no profile %q (pingone config list shows them)", args[0])
			}
			cfg.Current = args[0]
			return a.saveConfig(cfg)
		},
	}, &cobra.Command{
		Use:               "delete <profile>",
		Short:             "Delete a profile and its token",
		Args:              exactArgs("<profile>"),
		ValidArgsFunction: a.completeProfiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			name := args[0]
			if cfg.Profiles[name] == nil {
				return usageErrorf("no profile %q (pingone config list shows them)", name)
			}
			delete(cfg.Profiles, name)
			if cfg.Current == name {
				cfg.Current = ""
			}
			if path, err := a.tokenPath(name); err == nil {
				if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return err
				}
			}
			return a.saveConfig(cfg)
		},
	}, &cobra.Command{
		Use:   "path",
		Short: "Print the config file's path",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := a.configPath()
			if err != nil {
				return err
			}
			fmt.Fprintln(a.out, path)
			return nil
		},
	})
	return cmd
}
