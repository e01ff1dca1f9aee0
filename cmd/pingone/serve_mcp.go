package main

import (
	"context"
	"net/http"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/pingone-go/pingone"
)

// mcpHandler is /mcp: the tools of pingone mcp (newMCPServer, with the
// same read-only default) over streamable HTTP. Its calls run with the
// profile's sign-in, as the API key's RPC calls do; authed lets only the
// key's holder in.
func (s *server) mcpHandler() http.Handler {
	opts := s.cfg.mcp
	if opts.Logger == nil {
		opts.Logger = s.cfg.log
	}
	// A refused sign-in: the next call reads the profile again (after a
	// new pingone login), as the RPC's key calls do.
	opts.SignInRefused = s.profile.forget
	opts.SignInHint = "run pingone login (the profile pingone serve runs with)"
	srv := newMCPServer(func(ctx context.Context) (*pingone.Client, string, error) {
		c, st, err := s.profile.get(ctx)
		if err != nil {
			return nil, "", err
		}
		return c, st.Environment, nil
	}, opts)
	return mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return srv }, &mcp.StreamableHTTPOptions{Logger: s.cfg.log})
}

// serveMCP hands a request of the key's holder to the MCP handler.
func (s *server) serveMCP(w http.ResponseWriter, r *http.Request, _ principal) {
	s.mcp.ServeHTTP(w, r)
}
