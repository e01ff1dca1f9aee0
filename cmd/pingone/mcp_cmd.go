package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
	"github.com/spf13/cobra"
)

func (a *app) mcpCommand() *cobra.Command {
	var opts mcpOptions
	cmd := &cobra.Command{
		Use:   "mcp",
		Short: "Serve the actions to an AI assistant over MCP (stdio)",
		Long: `Serve the catalogue's actions as MCP tools over stdin and stdout, for an AI
assistant that starts pingone as a local MCP server. Each tool is an action
(list_users, get_user, create_population…) with its input and output
schemas and its hints.

The tools act as the profile's sign-in: run pingone login first (or set
PINGONE_ENVIRONMENT_ID, PINGONE_CLIENT_ID and PINGONE_CLIENT_SECRET for a
worker application), and choose the profile and environment with --profile
and --environment.

Read-only by default: the tools that change PingOne are offered only with
--allow-writes, and those that delete or overwrite (delete_user, a PUT that
clears what it is not given…) only with --allow-destructive as well.

Stdout carries MCP only; messages go to stderr (with --debug, each HTTP
attempt too, never tokens or bodies).`,
		Example: `  pingone mcp
  pingone mcp --allow-writes --profile staging

An assistant's configuration (for example .mcp.json):

  {"mcpServers": {"pingone": {"command": "pingone", "args": ["mcp"]}}}`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.serveMCP(cmd.Context(), opts) },
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.AllowWrites, "allow-writes", false, "offer the tools that change PingOne (create, update, add, assign…)")
	fl.BoolVar(&opts.AllowDestructive, "allow-destructive", false, "offer the destructive tools too (delete, remove, replace); needs --allow-writes")
	return cmd
}

// serveMCP serves the MCP tools over the app's stdin and stdout until the
// client goes away or ctx ends.
func (a *app) serveMCP(ctx context.Context, opts mcpOptions) error {
	if opts.AllowDestructive && !opts.AllowWrites {
		return usageErrorf("--allow-destructive needs --allow-writes: destructive tools are writes")
	}
	// Check the sign-in before serving, so that an assistant shows why
	// the server did not start rather than failing on each call.
	// The tools share one client (one token source, one rate limiter),
	// made again after PingOne refused its sign-in, so that a pingone
	// login while the server runs takes effect.
	clients := &profileClients{load: func(ctx context.Context) (*pingone.Client, settings, error) {
		c, s, err := a.client(ctx)
		if err == nil && s.Environment == "" {
			return nil, s, usageErrorf("no environment to manage: give --environment, or pingone config set environment <id>")
		}
		return c, s, err
	}}
	_, s, err := clients.get(ctx)
	if err != nil {
		return err
	}
	opts.SignInEnvironment = s.SignInEnvironment
	opts.SignInRefused = clients.forget
	opts.SignInHint = "run pingone login"
	level := slog.LevelWarn
	if a.flags.debug {
		level = slog.LevelDebug
	}
	opts.Logger = slog.New(slog.NewTextHandler(a.errw, &slog.HandlerOptions{Level: level}))

	n := 0
	for _, act := range actions.All() {
		if opts.offers(act) {
			n++
		}
	}
	a.say("pingone mcp: %d tools (%s) on environment %s, as profile %q, over stdio.", n, opts.mode(), s.Environment, s.name)
	srv := newMCPServer(func(ctx context.Context) (*pingone.Client, string, error) {
		c, s, err := clients.get(ctx)
		return c, s.Environment, err
	}, opts)
	ss, err := srv.Connect(ctx, a.stdioTransport(), nil)
	if err != nil {
		return err
	}
	ended := make(chan error, 1)
	go func() { ended <- ss.Wait() }()
	select {
	case err := <-ended:
		// The client closed stdin: the way a stdio session ends.
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("the MCP session failed: %w", err)
		}
		return nil
	case <-ctx.Done():
		// Stopped by a signal: the other way a server ends.
		_ = ss.Close()
		<-ended
		return nil
	}
}

// stdioTransport is MCP over the app's stdin and stdout: the process's
// own (mcp.StdioTransport), or a test's pipes.
func (a *app) stdioTransport() mcp.Transport {
	if a.in == os.Stdin && a.out == os.Stdout {
		return &mcp.StdioTransport{}
	}
	return &mcp.IOTransport{Reader: io.NopCloser(a.in), Writer: nopWriteCloser{a.out}}
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
