package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Auth kinds a profile can hold.
const (
	authCode              = "authorization_code"
	authClientCredentials = "client_credentials"
)

// profile is one named set of connection settings. It never holds a secret:
// tokens live in their own files (mode 0600), client secrets only in the
// environment.
type profile struct {
	// Region is PingOne's top-level domain: com, ca, eu, com.au, sg, asia.
	Region string `json:"region,omitempty"`
	// APIURL and AuthURL override the region's hosts (pingone-sim).
	APIURL  string `json:"apiURL,omitempty"`
	AuthURL string `json:"authURL,omitempty"`
	// SignInEnvironment is where the administrator signs in, or the
	// worker application lives.
	SignInEnvironment string `json:"signInEnvironment,omitempty"`
	// Environment is the environment the commands manage (default: the
	// sign-in environment).
	Environment string `json:"environment,omitempty"`
	// ClientID is the application the sign-in goes through (or the
	// worker's client ID).
	ClientID string `json:"clientID,omitempty"`
	// RedirectURI is the sign-in's loopback redirect (default
	// http://127.0.0.1:0/callback: any free port).
	RedirectURI string `json:"redirectURI,omitempty"`
	// Scopes asked for at sign-in (default: openid profile email).
	Scopes []string `json:"scopes,omitempty"`
	// Auth is how the last login signed in: authorization_code or
	// client_credentials.
	Auth string `json:"auth,omitempty"`
}

// profileKeys are the keys pingone config get/set know, with what they
// set.
var profileKeys = []struct {
	key, help string
	field     func(p *profile) *string
}{
	{"region", "PingOne region: com, ca, eu, com.au, sg or asia", func(p *profile) *string { return &p.Region }},
	{"api-url", "management API base URL (overrides the region)", func(p *profile) *string { return &p.APIURL }},
	{"auth-url", "auth host URL (overrides the region)", func(p *profile) *string { return &p.AuthURL }},
	{"sign-in-environment", "environment the administrator signs in to (or the worker lives in)", func(p *profile) *string { return &p.SignInEnvironment }},
	{"environment", "environment the commands manage (default: the sign-in environment)", func(p *profile) *string { return &p.Environment }},
	{"client-id", "client ID of the sign-in application (or of the worker)", func(p *profile) *string { return &p.ClientID }},
	{"redirect-uri", "loopback redirect URI of the sign-in (default http://127.0.0.1:0/callback)", func(p *profile) *string { return &p.RedirectURI }},
}

func profileField(p *profile, key string) (*string, error) {
	for _, k := range profileKeys {
		if k.key == key {
			return k.field(p), nil
		}
	}
	var names []string
	for _, k := range profileKeys {
		names = append(names, k.key)
	}
	return nil, usageErrorf("unknown key %q (want one of %s, or scopes)", key, strings.Join(names, ", "))
}

// config is the config file: named profiles and the one in use.
type config struct {
	Current  string              `json:"current,omitempty"`
	Profiles map[string]*profile `json:"profiles,omitempty"`
}

const defaultProfile = "default"

// configDir returns the directory of the config file and the tokens:
// $PINGONE_CONFIG_DIR, else the user's config directory + /pingone.
func (a *app) configDir() (string, error) {
	if d := a.getenv("PINGONE_CONFIG_DIR"); d != "" {
		return d, nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no config directory (set PINGONE_CONFIG_DIR): %w", err)
	}
	return filepath.Join(d, "pingone"), nil
}

func (a *app) configPath() (string, error) {
	d, err := a.configDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "config.json"), nil
}

// tokenPath is where a profile's token is stored.
func (a *app) tokenPath(name string) (string, error) {
	d, err := a.configDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "tokens", name+".json"), nil
}

// loadConfig reads the config file; a missing file is an empty config.
func (a *app) loadConfig() (*config, error) {
	path, err := a.configPath()
	if err != nil {
		return nil, err
	}
	cfg := &config{Profiles: map[string]*profile{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the config: %w", err)
	}
	if err := json.Unmarshal(data, cfg); err != nil {
		return nil, fmt.Errorf("the config file %s is not valid JSON: %w", path, err)
	}
	if cfg.Profiles == nil {
		cfg.Profiles = map[string]*profile{}
	}
	for name, p := range cfg.Profiles {
		if p == nil {
			cfg.Profiles[name] = &profile{}
		}
	}
	return cfg, nil
}

// saveConfig writes the config file atomically (mode 0600: it names
// tenants and applications, nothing secret, but nobody else needs it).
func (a *app) saveConfig(cfg *config) error {
	path, err := a.configPath()
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(data, '\n'))
}

func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // fails harmlessly after the rename
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// profileName is the profile in use: --profile, $PINGONE_PROFILE, the
// config's current one, or "default".
func (a *app) profileName(cfg *config) string {
	switch {
	case a.flags.profile != "":
		return a.flags.profile
	case a.getenv("PINGONE_PROFILE") != "":
		return a.getenv("PINGONE_PROFILE")
	case cfg != nil && cfg.Current != "":
		return cfg.Current
	}
	return defaultProfile
}

func validProfileName(name string) error {
	if name == "" || strings.ContainsAny(name, `/\:*?"<>|`) || strings.HasPrefix(name, ".") || len(name) > 64 {
		return usageErrorf("bad profile name %q: use letters, digits, '-' and '_'", name)
	}
	return nil
}

func sortedProfiles(cfg *config) []string {
	names := make([]string, 0, len(cfg.Profiles))
	for n := range cfg.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// settings are a profile with the environment's PINGONE_* variables laid
// over it: what a command connects with.
type settings struct {
	name string
	profile
	// secret is PINGONE_CLIENT_SECRET (never stored).
	secret string
	// envCreds: client credentials come from the PINGONE_* variables.
	envCreds bool
}

// resolve returns the settings of the profile in use.
func (a *app) resolve(cfg *config) settings {
	s := settings{name: a.profileName(cfg)}
	if p := cfg.Profiles[s.name]; p != nil {
		s.profile = *p
		s.Scopes = slices.Clone(p.Scopes)
	}
	for _, v := range []struct {
		env string
		dst *string
	}{
		{"PINGONE_REGION", &s.Region},
		{"PINGONE_API_URL", &s.APIURL},
		{"PINGONE_AUTH_URL", &s.AuthURL},
	} {
		if x := a.getenv(v.env); x != "" {
			*v.dst = x
		}
	}
	id, secret, env := a.getenv("PINGONE_CLIENT_ID"), a.getenv("PINGONE_CLIENT_SECRET"), a.getenv("PINGONE_ENVIRONMENT_ID")
	if id != "" && secret != "" {
		// Worker credentials in the environment win: scripts and CI
		// need no config file.
		s.envCreds = true
		s.Auth = authClientCredentials
		s.ClientID, s.secret = id, secret
		if env != "" {
			if s.Environment == "" || s.Environment == s.SignInEnvironment {
				s.Environment = env
			}
			s.SignInEnvironment = env
		}
	} else if s.Auth == authClientCredentials && secret != "" && (id == "" || id == s.ClientID) {
		s.secret = secret
	}
	if a.flags.environment != "" {
		s.Environment = a.flags.environment
	}
	if s.Environment == "" {
		s.Environment = s.SignInEnvironment
	}
	return s
}
