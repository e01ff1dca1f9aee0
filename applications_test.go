package pingone_test

import (
	"bytes"
	"context"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/jarcoal/httpmock"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone"
)

const (
	envApps       = "/environments/" + testEnv + "/applications"
	appWebID      = "a0000000-0000-4000-8000-000000000001"
	appWorkerID   = "a0000000-0000-4000-8000-000000000002"
	appSAMLID     = "a0000000-0000-4000-8000-000000000003"
	appGrantID1   = "6a000000-0000-4000-8000-000000000001"
	appGrantID2   = "6a000000-0000-4000-8000-000000000002"
	appResourceID = "7e000000-0000-4000-8000-000000000001"
	appScopeID1   = "7e000000-0000-4000-8000-0000000000a1"
	appScopeID2   = "7e000000-0000-4000-8000-0000000000a2"
	appSOPID1     = "5e000000-0000-4000-8000-000000000001"
	appSOPID3     = "5e000000-0000-4000-8000-000000000003"
	appPolicyID2  = "5f000000-0000-4000-8000-000000000002"
	appRAID1      = "4a000000-0000-4000-8000-000000000001"
	appRAID3      = "4a000000-0000-4000-8000-000000000003"
	appRoleID     = "3d000000-0000-4000-8000-000000000003"
	appAttrID2    = "8b000000-0000-4000-8000-000000000002"
	appAttrID3    = "8b000000-0000-4000-8000-000000000003"
	appAttrID4    = "8b000000-0000-4000-8000-000000000004"
)

func init() {
	web := envApps + "/" + appWebID
	worker := envApps + "/" + appWorkerID
	registerActions(
		actionCase{
			action: "List Applications", family: "applications", golden: "list",
			method: "GET", path: envApps + "?limit=4", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.List(ctx, &pingone.ListOptions{Limit: 4})
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.Application])
				require.Len(t, p.Items, 4)
				assert.Equal(t, 7, p.Count)
				assert.True(t, p.HasNext())
				assert.NotNil(t, p.Items[0].OIDC)
				assert.NotNil(t, p.Items[1].SAML)
				assert.NotNil(t, p.Items[2].Portal)
				assert.NotNil(t, p.Items[3].ExternalLink)
				assert.Equal(t, "https://wiki.example.com", p.Items[3].ExternalLink.HomePageURL)
			},
		},
		actionCase{
			action: "Create Application", family: "applications", golden: "create",
			method: "POST", path: envApps, status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.Create(ctx, pingone.NewOIDCApplication("Provisioner", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
					TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
					GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantClientCredentials}),
				}))
			},
			check: func(t *testing.T, got any) {
				a := got.(*pingone.Application)
				require.NotNil(t, a.OIDC)
				assert.Equal(t, appWorkerID, a.OIDC.ClientID)
				assert.Equal(t, pingone.AppTypeWorker, a.Type)
				assert.Equal(t, []pingone.OIDCGrantType{pingone.OIDCGrantClientCredentials}, a.OIDC.GrantTypes)
			},
		},
		actionCase{
			action: "Get Application", family: "applications", golden: "get",
			method: "GET", path: web, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.Get(ctx, appWebID)
			},
			check: func(t *testing.T, got any) {
				a := got.(*pingone.Application)
				assert.Equal(t, appWebID, a.ID)
				assert.Equal(t, testEnv, a.Environment.ID)
				assert.Equal(t, pingone.ProtocolOpenIDConnect, a.Protocol)
				assert.Equal(t, pingone.AccessControlAdminUsersOnly, a.AccessControl.Role.Type)
				assert.Equal(t, pingone.AccessControlAnyGroup, a.AccessControl.Group.Type)
				assert.Equal(t, "https://assets.pingone.test/icons/orders.png", a.Icon.Href)
				assert.Equal(t, time.Date(2024, 5, 2, 9, 30, 0, 250e6, time.UTC), a.UpdatedAt)
				require.NotNil(t, a.OIDC)
				assert.Nil(t, a.SAML)
				assert.Equal(t, pingone.PKCES256Required, a.OIDC.PKCEEnforcement)
				assert.Equal(t, []string{"https://orders.example.com/callback"}, a.OIDC.RedirectURIs)
				require.NotNil(t, a.OIDC.AdditionalRefreshTokenReplayProtectionEnabled)
				assert.False(t, *a.OIDC.AdditionalRefreshTokenReplayProtectionEnabled)
				assert.Equal(t, "4b000000-0000-4000-8000-000000000001", a.OIDC.Signing.KeyRotationPolicy.ID)
				assert.JSONEq(t, `{"mode":"strict","levels":[1,2,3]}`, string(a.Extra["futureFeature"]))
				assert.Contains(t, a.Links.Href("self"), appWebID)
			},
		},
		actionCase{
			action: "Update Application", family: "applications", golden: "replace",
			method: "PUT", path: worker, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				req := pingone.NewOIDCApplication("Provisioner EU", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
					TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretPost,
					GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantClientCredentials}),
				})
				req.Enabled = false
				return env.Applications.Replace(ctx, appWorkerID, req)
			},
			check: func(t *testing.T, got any) {
				a := got.(*pingone.Application)
				assert.Equal(t, "Provisioner EU", a.Name)
				assert.False(t, a.Enabled)
				assert.Equal(t, pingone.OIDCAuthClientSecretPost, a.OIDC.TokenEndpointAuthMethod)
			},
		},
		actionCase{
			action: "Delete Application", family: "applications", golden: "delete",
			method: "DELETE", path: worker, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Applications.Delete(ctx, appWorkerID)
			},
		},
		actionCase{
			action: "Get Application Secret", family: "applications", golden: "secret_get",
			method: "GET", path: worker + "/secret", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.GetSecret(ctx, appWorkerID)
			},
			check: func(t *testing.T, got any) {
				s := got.(*pingone.ApplicationSecret)
				assert.Equal(t, "n3w-s3cr3t-value-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP", s.Secret.Reveal())
				require.NotNil(t, s.Previous)
				assert.Equal(t, "0ld-s3cr3t-value-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP", s.Previous.Secret.Reveal())
				assert.Equal(t, time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), s.Previous.ExpiresAt)
				assert.Equal(t, time.Date(2024, 5, 20, 12, 0, 0, 0, time.UTC), s.Previous.LastUsed)
				assertNoSecretPrinted(t, s, "n3w-s3cr3t", "0ld-s3cr3t")
			},
		},
		actionCase{
			action: "Generate Application Secret", family: "applications", golden: "secret_rotate",
			method: "POST", path: worker + "/secret", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.RotateSecret(ctx, appWorkerID, &pingone.RotateSecretOptions{PreviousExpiresAt: time.Date(2024, 6, 8, 0, 0, 0, 0, time.UTC)})
			},
			check: func(t *testing.T, got any) {
				s := got.(*pingone.ApplicationSecret)
				assert.Equal(t, "r0tated-s3cr3t-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ", s.Secret.Reveal())
				require.NotNil(t, s.Previous)
				assert.True(t, s.Previous.LastUsed.IsZero())
			},
		},
		actionCase{
			action: "Delete Application Secret", family: "applications", golden: "secret_delete",
			method: "DELETE", path: worker + "/secret", status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Applications.DeletePreviousSecret(ctx, appWorkerID)
			},
		},
		actionCase{
			action: "List Application Grants", family: "applications", golden: "grants_list",
			method: "GET", path: worker + "/grants", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.ListGrants(ctx, appWorkerID, nil)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.ApplicationGrant])
				require.Len(t, p.Items, 1)
				assert.Equal(t, appResourceID, p.Items[0].Resource.ID)
				assert.Equal(t, []pingone.Ref{{ID: appScopeID1}, {ID: appScopeID2}}, p.Items[0].Scopes)
				assert.Equal(t, appWorkerID, p.Items[0].Application.ID)
			},
		},
		actionCase{
			action: "Create Application Grant", family: "applications", golden: "grant_create",
			method: "POST", path: worker + "/grants", status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.CreateGrant(ctx, appWorkerID, pingone.ApplicationGrantRequest{Resource: pingone.Ref{ID: appResourceID}, Scopes: []pingone.Ref{{ID: appScopeID1}}})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, appGrantID2, got.(*pingone.ApplicationGrant).ID)
			},
		},
		actionCase{
			action: "Get Application Grant", family: "applications", golden: "grant_get",
			method: "GET", path: worker + "/grants/" + appGrantID1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.GetGrant(ctx, appWorkerID, appGrantID1)
			},
			check: func(t *testing.T, got any) {
				g := got.(*pingone.ApplicationGrant)
				assert.Equal(t, appGrantID1, g.ID)
				assert.Len(t, g.Scopes, 2)
			},
		},
		actionCase{
			action: "Update Application Grant", family: "applications", golden: "grant_replace",
			method: "PUT", path: worker + "/grants/" + appGrantID2, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.ReplaceGrant(ctx, appWorkerID, appGrantID2, pingone.ApplicationGrantRequest{Resource: pingone.Ref{ID: appResourceID}, Scopes: []pingone.Ref{{ID: appScopeID1}, {ID: appScopeID2}}})
			},
			check: func(t *testing.T, got any) {
				assert.Len(t, got.(*pingone.ApplicationGrant).Scopes, 2)
			},
		},
		actionCase{
			action: "Delete Application Grant", family: "applications", golden: "grant_delete",
			method: "DELETE", path: worker + "/grants/" + appGrantID2, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Applications.DeleteGrant(ctx, appWorkerID, appGrantID2)
			},
		},
		actionCase{
			action: "List Application Sign-On Policy Assignments", family: "applications", golden: "sop_list",
			method: "GET", path: web + "/signOnPolicyAssignments", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.ListSignOnPolicyAssignments(ctx, appWebID, nil)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.SignOnPolicyAssignment])
				require.Len(t, p.Items, 2)
				assert.Equal(t, 1, p.Items[0].Priority)
				assert.Equal(t, appPolicyID2, p.Items[1].SignOnPolicy.ID)
			},
		},
		actionCase{
			action: "Create Application Sign-On Policy Assignment", family: "applications", golden: "sop_create",
			method: "POST", path: web + "/signOnPolicyAssignments", status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.CreateSignOnPolicyAssignment(ctx, appWebID, pingone.SignOnPolicyAssignmentRequest{SignOnPolicy: pingone.Ref{ID: appPolicyID2}, Priority: 3})
			},
			check: func(t *testing.T, got any) {
				a := got.(*pingone.SignOnPolicyAssignment)
				assert.Equal(t, appSOPID3, a.ID)
				assert.Equal(t, appWebID, a.Application.ID)
			},
		},
		actionCase{
			action: "Get Application Sign-On Policy Assignment", family: "applications", golden: "sop_get",
			method: "GET", path: web + "/signOnPolicyAssignments/" + appSOPID1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.GetSignOnPolicyAssignment(ctx, appWebID, appSOPID1)
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, 1, got.(*pingone.SignOnPolicyAssignment).Priority)
			},
		},
		actionCase{
			action: "Update Application Sign-On Policy Assignment", family: "applications", golden: "sop_replace",
			method: "PUT", path: web + "/signOnPolicyAssignments/" + appSOPID3, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.ReplaceSignOnPolicyAssignment(ctx, appWebID, appSOPID3, pingone.SignOnPolicyAssignmentRequest{SignOnPolicy: pingone.Ref{ID: appPolicyID2}, Priority: 1})
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, 1, got.(*pingone.SignOnPolicyAssignment).Priority)
			},
		},
		actionCase{
			action: "Delete Application Sign-On Policy Assignment", family: "applications", golden: "sop_delete",
			method: "DELETE", path: web + "/signOnPolicyAssignments/" + appSOPID3, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Applications.DeleteSignOnPolicyAssignment(ctx, appWebID, appSOPID3)
			},
		},
		actionCase{
			action: "List Application Role Assignments", family: "applications", golden: "role_assignments_list",
			method: "GET", path: worker + "/roleAssignments", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.ListRoleAssignments(ctx, appWorkerID, nil)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.RoleAssignment])
				require.Len(t, p.Items, 2)
				assert.Equal(t, pingone.ScopeEnvironment, p.Items[0].Scope.Type)
				assert.True(t, p.Items[1].ReadOnly)
			},
		},
		actionCase{
			action: "Create Application Role Assignment", family: "applications", golden: "role_assignment_create",
			method: "POST", path: worker + "/roleAssignments", status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.CreateRoleAssignment(ctx, appWorkerID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: appRoleID}, Scope: pingone.EnvironmentScope(testEnv)})
			},
			check: func(t *testing.T, got any) {
				ra := got.(*pingone.RoleAssignment)
				assert.Equal(t, appRAID3, ra.ID)
				assert.Equal(t, appRoleID, ra.Role.ID)
			},
		},
		actionCase{
			action: "Get Application Role Assignment", family: "applications", golden: "role_assignment_get",
			method: "GET", path: worker + "/roleAssignments/" + appRAID1, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.GetRoleAssignment(ctx, appWorkerID, appRAID1)
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, testEnv, got.(*pingone.RoleAssignment).Scope.ID)
			},
		},
		actionCase{
			action: "Delete Application Role Assignment", family: "applications", golden: "role_assignment_delete",
			method: "DELETE", path: worker + "/roleAssignments/" + appRAID3, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Applications.DeleteRoleAssignment(ctx, appWorkerID, appRAID3)
			},
		},
		actionCase{
			action: "List Application Attributes", family: "applications", golden: "attributes_list",
			method: "GET", path: web + "/attributes", status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.ListAttributeMappings(ctx, appWebID, nil)
			},
			check: func(t *testing.T, got any) {
				p := got.(*pingone.Page[pingone.ApplicationAttributeMapping])
				require.Len(t, p.Items, 2)
				assert.Equal(t, pingone.MappingCore, p.Items[0].MappingType)
				assert.Equal(t, "${user.email}", p.Items[1].Value)
				require.NotNil(t, p.Items[1].IDToken)
				assert.False(t, *p.Items[1].IDToken)
				assert.True(t, *p.Items[1].UserInfo)
			},
		},
		actionCase{
			action: "Create Application Attribute", family: "applications", golden: "attribute_create",
			method: "POST", path: web + "/attributes", status: 201,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.CreateAttributeMapping(ctx, appWebID, pingone.ApplicationAttributeMappingRequest{
					Name: "department", Value: "${user.title}", UserInfo: pingone.Value(false),
				})
			},
			check: func(t *testing.T, got any) {
				m := got.(*pingone.ApplicationAttributeMapping)
				assert.Equal(t, appAttrID3, m.ID)
				assert.Equal(t, pingone.MappingCustom, m.MappingType)
			},
		},
		actionCase{
			action: "Get Application Attribute", family: "applications", golden: "attribute_get",
			method: "GET", path: web + "/attributes/" + appAttrID2, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.GetAttributeMapping(ctx, appWebID, appAttrID2)
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, []string{"8c000000-0000-4000-8000-000000000001"}, got.(*pingone.ApplicationAttributeMapping).OIDCScopes)
			},
		},
		actionCase{
			action: "Update Application Attribute", family: "applications", golden: "attribute_replace",
			method: "PUT", path: envApps + "/" + appSAMLID + "/attributes/" + appAttrID4, status: 200,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return env.Applications.ReplaceAttributeMapping(ctx, appSAMLID, appAttrID4, pingone.ApplicationAttributeMappingRequest{
					Name: "mail", Value: "${user.email}", Required: true,
					NameFormat: pingone.Value("urn:oasis:names:tc:SAML:2.0:attrname-format:basic"),
				})
			},
			check: func(t *testing.T, got any) {
				m := got.(*pingone.ApplicationAttributeMapping)
				assert.Nil(t, m.IDToken, "SAML mappings report no idToken")
				assert.Equal(t, "urn:oasis:names:tc:SAML:2.0:attrname-format:basic", m.NameFormat)
			},
		},
		actionCase{
			action: "Delete Application Attribute", family: "applications", golden: "attribute_delete",
			method: "DELETE", path: web + "/attributes/" + appAttrID3, status: 204,
			call: func(ctx context.Context, _ *pingone.Client, env *pingone.Environment) (any, error) {
				return nil, env.Applications.DeleteAttributeMapping(ctx, appWebID, appAttrID3)
			},
		},
	)
}

func TestApplications(t *testing.T) {
	t.Parallel()
	testFamily(t, "applications")
}

// assertNoSecretPrinted checks that no fmt verb nor slog handler shows any of
// the secrets in v.
func assertNoSecretPrinted(t *testing.T, v any, secrets ...string) {
	t.Helper()
	var buf bytes.Buffer
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s"} {
		fmt.Fprintf(&buf, verb+"\n", v)
	}
	slog.New(slog.NewTextHandler(&buf, nil)).Info("secret", "value", v)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("secret", "value", v)
	data, err := json.Marshal(v)
	require.NoError(t, err)
	buf.Write(data)
	data, err = stdjson.Marshal(v)
	require.NoError(t, err)
	buf.Write(data)
	for _, s := range secrets {
		assert.NotContains(t, buf.String(), s)
	}
}

// compactJSON returns data without the whitespace between tokens.
func compactJSON(t *testing.T, data []byte) stdjson.RawMessage {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, stdjson.Compact(&b, data))
	return b.Bytes()
}

// appReadOnly are the members Replace must never send back.
var appReadOnly = []string{"id", "environment", "createdAt", "updatedAt", "_links", "clientId", "clientSecret"}

// withoutMembers decodes a JSON object and drops the members at paths
// (dot-separated).
func withoutMembers(t *testing.T, data []byte, paths ...string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	for _, p := range paths {
		cur := m
		parts := strings.Split(p, ".")
		for _, k := range parts[:len(parts)-1] {
			next, _ := cur[k].(map[string]any)
			if next == nil {
				cur = nil
				break
			}
			cur = next
		}
		if cur != nil {
			delete(cur, parts[len(parts)-1])
		}
	}
	return m
}

// serveApp answers GET and PUT of one application with body and records
// the PUT bodies.
func serveApp(mt *httpmock.MockTransport, id string, body []byte) *[][]byte {
	var puts [][]byte
	url := testAPIBase + envApps + "/" + id
	mt.RegisterResponder("GET", url, jsonResponder(200, string(body)))
	mt.RegisterResponder("PUT", url, func(r *http.Request) (*http.Response, error) {
		data, _ := io.ReadAll(r.Body)
		puts = append(puts, data)
		return jsonResponder(200, string(body))(r)
	})
	return &puts
}

// TestApplicationVariants decodes every variant from a golden body, checks
// that exactly the right variant is set, and encodes it back: the request
// Application.Request builds is the golden without its read-only members,
// and the application itself survives an encode and decode.
func TestApplicationVariants(t *testing.T) {
	t.Parallel()
	variant := func(a *pingone.Application) []string {
		var set []string
		for name, isSet := range map[string]bool{
			"OIDC": a.OIDC != nil, "SAML": a.SAML != nil, "WSFed": a.WSFed != nil, "ExternalLink": a.ExternalLink != nil,
			"Portal": a.Portal != nil, "SelfService": a.SelfService != nil, "AdminConsole": a.AdminConsole != nil,
		} {
			if isSet {
				set = append(set, name)
			}
		}
		return set
	}
	for _, tc := range []struct {
		golden, variant string
		secretPaths     []string
		check           func(t *testing.T, a *pingone.Application)
	}{
		{golden: "get", variant: "OIDC", check: func(t *testing.T, a *pingone.Application) {
			assert.Equal(t, pingone.AppTypeWebApp, a.Type)
			assert.Equal(t, []pingone.OIDCResponseType{pingone.OIDCResponseCode}, a.OIDC.ResponseTypes)
		}},
		{golden: "create", variant: "OIDC", check: func(t *testing.T, a *pingone.Application) {
			assert.Equal(t, pingone.OIDCAuthClientSecretBasic, a.OIDC.TokenEndpointAuthMethod)
			assert.Nil(t, a.OIDC.AdditionalRefreshTokenReplayProtectionEnabled)
		}},
		{golden: "variant_oidc_spa", variant: "OIDC", secretPaths: []string{"mobile.integrityDetection.googlePlay.decryptionKey"}, check: func(t *testing.T, a *pingone.Application) {
			assert.Equal(t, pingone.AppTypeSinglePageApp, a.Type)
			assert.Equal(t, "com.example.dash", a.OIDC.Mobile.BundleID)
			assert.Equal(t, 24, a.OIDC.Mobile.IntegrityDetection.CacheDuration.Amount)
			gp := a.OIDC.Mobile.IntegrityDetection.GooglePlay
			assert.Equal(t, pingone.GooglePlayVerificationInternal, gp.VerificationType)
			assert.Equal(t, "google-play-decryption-key-1", gp.DecryptionKey.Reveal(), "keys PingOne sends are kept, as Secrets")
			assert.Equal(t, "spa-secret-that-must-not-leak", a.OIDC.ClientSecret.Reveal())
			assert.Empty(t, gp.Extra)
			assert.NotContains(t, string(a.Raw), "google-play-decryption-key-1")
			assert.NotContains(t, string(a.Raw), "spa-secret-that-must-not-leak")
			assertNoSecretPrinted(t, a, "google-play-decryption-key-1", "spa-secret-that-must-not-leak")
		}},
		{golden: "variant_saml", variant: "SAML", check: func(t *testing.T, a *pingone.Application) {
			assert.Equal(t, "urn:payroll:sp", a.SAML.SPEntityID)
			assert.Equal(t, 60, a.SAML.AssertionDuration)
			require.NotNil(t, a.SAML.AssertionSigned)
			assert.True(t, *a.SAML.AssertionSigned)
			assert.True(t, a.SAML.SPVerification.AuthnRequestSigned)
			assert.Equal(t, pingone.SHA256WithRSA, a.SAML.IDPSigning.Algorithm)
		}},
		{golden: "variant_wsfed", variant: "WSFed", check: func(t *testing.T, a *pingone.Application) {
			assert.Equal(t, "example.com", a.WSFed.DomainName)
			assert.Equal(t, pingone.WSTrust13, a.WSFed.WSTrustVersion)
			assert.Equal(t, pingone.KerberosGatewayLDAP, a.WSFed.Kerberos.Gateways[0].Type)
		}},
		{golden: "variant_external_link", variant: "ExternalLink", check: func(t *testing.T, a *pingone.Application) {
			assert.Equal(t, "wiki-1", a.ExternalLink.ExternalID)
		}},
		{golden: "variant_portal", variant: "Portal", check: func(t *testing.T, a *pingone.Application) {
			assert.True(t, a.Portal.ApplyDefaultTheme)
			assert.Equal(t, pingone.OIDCAuthNone, a.Portal.TokenEndpointAuthMethod)
		}},
		{golden: "variant_self_service", variant: "SelfService", check: func(t *testing.T, a *pingone.Application) {
			assert.True(t, a.SelfService.EnableDefaultThemeFooter)
			assert.False(t, a.SelfService.ApplyDefaultTheme)
		}},
		{golden: "variant_admin_console", variant: "AdminConsole", check: func(t *testing.T, a *pingone.Application) {
			assert.Equal(t, pingone.PKCES256Required, a.AdminConsole.PKCEEnforcement)
		}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			t.Parallel()
			golden := readGolden(t, "applications", tc.golden+".json")
			var id struct {
				ID string `json:"id"`
			}
			require.NoError(t, json.Unmarshal(golden, &id))
			c, mt := mockClient(t)
			puts := serveApp(mt, id.ID, golden)
			env := c.Environment(testEnv)

			a, err := env.Applications.Get(t.Context(), id.ID)
			require.NoError(t, err)
			assert.Equal(t, []string{tc.variant}, variant(a))
			tc.check(t, a)

			// Back through Replace: the golden without read-only members
			// (and without the secrets the SDK never keeps).
			_, err = env.Applications.Replace(t.Context(), a.ID, a.Request())
			require.NoError(t, err)
			require.Len(t, *puts, 1)
			want := withoutMembers(t, golden, appReadOnly...)
			assert.Equal(t, want, withoutMembers(t, (*puts)[0]))

			// And through JSON: the application encodes and decodes to
			// itself.
			data, err := json.Marshal(a)
			require.NoError(t, err)
			var back pingone.Application
			require.NoError(t, json.Unmarshal(data, &back))
			assert.Equal(t, variant(a), variant(&back))
			assert.Equal(t, a.Links.Href("self"), back.Links.Href("self"))
			again, err := json.Marshal(&back)
			require.NoError(t, err)
			assert.Equal(t, string(data), string(again), "stable across round trips")
			for _, x := range []*pingone.Application{a, &back} {
				x.Raw, x.Links = nil, pingone.Links{} // both as PingOne wrote them, spaced differently
				if x.OIDC != nil {                    // secrets encode redacted: not compared here
					x.OIDC.ClientSecret = pingone.Secret{}
					x.OIDC.Mobile.IntegrityDetection.GooglePlay.DecryptionKey = pingone.Secret{}
				}
				for k, v := range x.Extra {
					x.Extra[k] = compactJSON(t, v)
				}
			}
			assertFields(t, *a, back)
		})
	}
}

// TestApplicationUnknownVariantRoundTripsByteForByte reads applications of
// a type and of a protocol the SDK does not know: they decode with no
// variant, keep their JSON, and Replace sends their members back as PingOne
// wrote them: every token byte for byte (numbers as written, strings with
// their escapes); only the whitespace between tokens goes.
func TestApplicationUnknownVariantRoundTripsByteForByte(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		golden, id string
		proto      pingone.ApplicationProtocol
		typ        pingone.ApplicationType
		verbatim   []string // members as written in the golden, less the whitespace between tokens
	}{
		{
			golden: "unknown_type", id: "a0000000-0000-4000-8000-00000000000a",
			proto: pingone.ProtocolOpenIDConnect, typ: "MCP_SERVER",
			verbatim: []string{
				`"tokenEndpointAuthMethod":"PRIVATE_KEY_JWT"`,
				`"toolPolicy":{"allow":["search","fetch"],"ratio":1.50,"note":"caf\u00e9 \/ <b>"}`,
				`"maxAgents":12`,
			},
		},
		{
			golden: "unknown_protocol", id: "a0000000-0000-4000-8000-00000000000b",
			proto: "CAS", typ: pingone.AppTypeWebApp,
			verbatim: []string{
				`"casVersion":"3.0"`,
				`"serviceUrls":["https://legacy.example.com/cas","https://legacy.example.com/cas2"]`,
				`"homePageUrl":"https://legacy.example.com"`,
				`"proxy":{"enabled":false,"timeout":1e3}`,
			},
		},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			t.Parallel()
			golden := readGolden(t, "applications", tc.golden+".json")
			// The contract knows neither the type nor the protocol.
			c, mt := rawMockClient(t)
			puts := serveApp(mt, tc.id, golden)
			env := c.Environment(testEnv)

			a, err := env.Applications.Get(t.Context(), tc.id)
			require.NoError(t, err)
			assert.Equal(t, tc.proto, a.Protocol)
			assert.Equal(t, tc.typ, a.Type)
			assert.True(t, a.OIDC == nil && a.SAML == nil && a.WSFed == nil && a.ExternalLink == nil &&
				a.Portal == nil && a.SelfService == nil && a.AdminConsole == nil, "no variant for an unknown combination")
			assert.NotEmpty(t, a.Extra)
			assert.NotContains(t, string(a.Raw), "this-secret-must-be-dropped")
			if !bytes.Contains(golden, []byte("clientSecret")) {
				assert.Equal(t, string(bytes.TrimSpace(golden)), string(a.Raw), "Raw is the body as received")
			}

			req := a.Request()
			assert.Equal(t, tc.proto, req.Protocol)
			req.Name += " (renamed)"
			_, err = env.Applications.Replace(t.Context(), a.ID, req)
			require.NoError(t, err)
			require.Len(t, *puts, 1)
			sent := (*puts)[0]
			for _, member := range tc.verbatim {
				name, value, _ := strings.Cut(member, ":")
				assert.Contains(t, string(sent), name+":"+value, "every token sent byte for byte")
			}
			want := withoutMembers(t, golden, appReadOnly...)
			want["name"] = want["name"].(string) + " (renamed)"
			assert.Equal(t, want, withoutMembers(t, sent))
			for _, ro := range appReadOnly {
				assert.NotContains(t, string(sent), `"`+ro+`"`)
			}
		})
	}
}

func TestApplicationArgumentsCheckedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	ctx := t.Context()
	env := c.Environment(testEnv)
	apps := env.Applications
	worker := pingone.NewOIDCApplication("w", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic})
	noVariant := worker
	noVariant.OIDC = nil
	twoVariants := worker
	twoVariants.SAML = &pingone.SAMLSettingsRequest{}
	wrongProtocol := worker
	wrongProtocol.Protocol = pingone.ProtocolSAML
	noName := worker
	noName.Name = ""
	noType := worker
	noType.Type = ""

	for _, tc := range []struct {
		req  pingone.ApplicationRequest
		name string
	}{
		{noVariant, "ApplicationRequest"},
		{twoVariants, "ApplicationRequest"},
		{wrongProtocol, "Protocol"},
		{noName, "Name"},
		{noType, "Type"},
	} {
		_, err := apps.Create(ctx, tc.req)
		assertArgumentError(t, err, tc.name)
		assert.ErrorContains(t, err, "pingone: Applications.Create: "+tc.name+" ")
		_, err = apps.Replace(ctx, appWorkerID, tc.req)
		assertArgumentError(t, err, tc.name)
		assert.ErrorContains(t, err, "pingone: Applications.Replace: "+tc.name+" ")
	}
	notJSON := worker
	notJSON.Extra = map[string]stdjson.RawMessage{"futureFeature": stdjson.RawMessage(`{"unclosed":`)}
	_, err := apps.Create(ctx, notJSON)
	assertArgumentError(t, err, "Extra")

	grant := pingone.ApplicationGrantRequest{Resource: pingone.RefTo(appResourceID), Scopes: []pingone.Ref{pingone.RefTo(appScopeID1)}}
	sop := pingone.SignOnPolicyAssignmentRequest{SignOnPolicy: pingone.RefTo(appPolicyID2), Priority: 1}
	ra := pingone.RoleAssignmentRequest{Role: pingone.RefTo(appRoleID), Scope: pingone.EnvironmentScope(testEnv)}
	mapping := pingone.ApplicationAttributeMappingRequest{Name: "email", Value: "${user.email}"}
	second := func(_ any, err error) error { return err }
	firstErr := func(seq iter.Seq2[*pingone.ApplicationAttributeMapping, error]) error {
		for _, err := range seq {
			return err
		}
		return nil
	}
	for _, tc := range []struct {
		err  error
		want string // the whole message: the method, then the argument
	}{
		{second(apps.Get(ctx, "")), "pingone: Applications.Get: applicationID is required"},
		{second(apps.Get(ctx, "..")), "pingone: Applications.Get: applicationID is not a valid ID: .."},
		{second(apps.Replace(ctx, "", worker)), "pingone: Applications.Replace: applicationID is required"},
		{apps.Delete(ctx, ""), "pingone: Applications.Delete: applicationID is required"},
		{second(apps.ByName(ctx, "")), "pingone: Applications.ByName: name is required"},
		{second(apps.List(ctx, &pingone.ListOptions{Limit: -1})), "pingone: Applications.List: Limit is negative"},
		{second(apps.List(ctx, &pingone.ListOptions{StartFrom: "/relative"})), "pingone: Applications.List: StartFrom is not an absolute link"},

		{second(apps.GetSecret(ctx, "")), "pingone: Applications.GetSecret: applicationID is required"},
		{second(apps.RotateSecret(ctx, "", nil)), "pingone: Applications.RotateSecret: applicationID is required"},
		{apps.DeletePreviousSecret(ctx, "."), "pingone: Applications.DeletePreviousSecret: applicationID is not a valid ID: ."},

		{second(apps.ListGrants(ctx, "", nil)), "pingone: Applications.ListGrants: applicationID is required"},
		{second(apps.CreateGrant(ctx, "", grant)), "pingone: Applications.CreateGrant: applicationID is required"},
		{second(apps.CreateGrant(ctx, appWorkerID, pingone.ApplicationGrantRequest{Resource: pingone.RefTo(appResourceID)})), "pingone: Applications.CreateGrant: Scopes is required (at least one scope)"},
		{second(apps.CreateGrant(ctx, appWorkerID, pingone.ApplicationGrantRequest{Scopes: grant.Scopes})), "pingone: Applications.CreateGrant: Resource.ID is required"},
		{second(apps.CreateGrant(ctx, appWorkerID, pingone.ApplicationGrantRequest{Resource: grant.Resource, Scopes: []pingone.Ref{pingone.RefTo(appScopeID1), {}}})), "pingone: Applications.CreateGrant: Scopes[1].ID is required"},
		{second(apps.GetGrant(ctx, appWorkerID, "")), "pingone: Applications.GetGrant: grantID is required"},
		{second(apps.GetGrant(ctx, "", appGrantID1)), "pingone: Applications.GetGrant: applicationID is required"},
		{second(apps.ReplaceGrant(ctx, "", appGrantID1, grant)), "pingone: Applications.ReplaceGrant: applicationID is required"},
		{second(apps.ReplaceGrant(ctx, appWorkerID, appGrantID1, pingone.ApplicationGrantRequest{})), "pingone: Applications.ReplaceGrant: Resource.ID is required"},
		{apps.DeleteGrant(ctx, appWorkerID, ""), "pingone: Applications.DeleteGrant: grantID is required"},

		{second(apps.ListSignOnPolicyAssignments(ctx, "", nil)), "pingone: Applications.ListSignOnPolicyAssignments: applicationID is required"},
		{second(apps.CreateSignOnPolicyAssignment(ctx, appWebID, pingone.SignOnPolicyAssignmentRequest{SignOnPolicy: pingone.RefTo(appPolicyID2)})), "pingone: Applications.CreateSignOnPolicyAssignment: Priority must be at least 1"},
		{second(apps.ReplaceSignOnPolicyAssignment(ctx, appWebID, appSOPID1, pingone.SignOnPolicyAssignmentRequest{Priority: 1})), "pingone: Applications.ReplaceSignOnPolicyAssignment: SignOnPolicy.ID is required"},
		{second(apps.ReplaceSignOnPolicyAssignment(ctx, appWebID, "", sop)), "pingone: Applications.ReplaceSignOnPolicyAssignment: SOPAssignmentID is required"},
		{second(apps.GetSignOnPolicyAssignment(ctx, "", appSOPID1)), "pingone: Applications.GetSignOnPolicyAssignment: applicationID is required"},
		{apps.DeleteSignOnPolicyAssignment(ctx, appWebID, ""), "pingone: Applications.DeleteSignOnPolicyAssignment: SOPAssignmentID is required"},

		{second(apps.ListRoleAssignments(ctx, "", nil)), "pingone: Applications.ListRoleAssignments: applicationID is required"},
		{second(apps.CreateRoleAssignment(ctx, appWorkerID, pingone.RoleAssignmentRequest{Role: pingone.RefTo(appRoleID)})), "pingone: Applications.CreateRoleAssignment: Scope.ID is required"},
		{second(apps.CreateRoleAssignment(ctx, "", ra)), "pingone: Applications.CreateRoleAssignment: applicationID is required"},
		{second(apps.GetRoleAssignment(ctx, appWorkerID, "")), "pingone: Applications.GetRoleAssignment: roleAssignmentID is required"},
		{apps.DeleteRoleAssignment(ctx, "", appRAID1), "pingone: Applications.DeleteRoleAssignment: applicationID is required"},

		{second(apps.ListAttributeMappings(ctx, "", nil)), "pingone: Applications.ListAttributeMappings: applicationID is required"},
		{second(apps.CreateAttributeMapping(ctx, appWebID, pingone.ApplicationAttributeMappingRequest{Value: "${user.email}"})), "pingone: Applications.CreateAttributeMapping: Name is required"},
		{second(apps.ReplaceAttributeMapping(ctx, appWebID, appAttrID2, pingone.ApplicationAttributeMappingRequest{Name: "email"})), "pingone: Applications.ReplaceAttributeMapping: Value is required"},
		{second(apps.ReplaceAttributeMapping(ctx, appWebID, "", mapping)), "pingone: Applications.ReplaceAttributeMapping: attrMappingID is required"},
		{second(apps.GetAttributeMapping(ctx, appWebID, "")), "pingone: Applications.GetAttributeMapping: attrMappingID is required"},
		{apps.DeleteAttributeMapping(ctx, "", appAttrID2), "pingone: Applications.DeleteAttributeMapping: applicationID is required"},
		{firstErr(apps.ListAttributeMappingsIter(ctx, "", nil)), "pingone: Applications.ListAttributeMappingsIter: applicationID is required"},
	} {
		assert.EqualError(t, tc.err, tc.want)
		_, ok := errors.AsType[*pingone.ArgumentError](tc.err)
		assert.True(t, ok, "%v is an ArgumentError", tc.err)
	}

	// The iterators report an argument error once, then stop.
	n := 0
	for _, err := range apps.ListGrantsIter(ctx, appWorkerID, &pingone.ListOptions{Limit: -1}) {
		assert.EqualError(t, err, "pingone: Applications.ListGrantsIter: Limit is negative")
		n++
	}
	for _, err := range apps.ListSignOnPolicyAssignmentsIter(ctx, "", nil) {
		assert.EqualError(t, err, "pingone: Applications.ListSignOnPolicyAssignmentsIter: applicationID is required")
		n++
	}
	for _, err := range apps.ListRoleAssignmentsIter(ctx, "..", nil) {
		assert.EqualError(t, err, "pingone: Applications.ListRoleAssignmentsIter: applicationID is not a valid ID: ..")
		n++
	}
	for _, err := range c.Environment("").Applications.ListIter(ctx, nil) {
		assert.EqualError(t, err, "pingone: Applications.ListIter: environmentID is required")
		n++
	}
	assert.Equal(t, 4, n)
	assert.Equal(t, 0, mt.GetTotalCallCount(), "nothing was sent")
}

// TestApplicationRequestLeavesInputsAlone checks that building, sending and
// re-reading requests never changes what the caller passed.
func TestApplicationRequestLeavesInputsAlone(t *testing.T) {
	t.Parallel()
	c, mt := mockClient(t)
	mt.RegisterResponder("POST", testAPIBase+envApps, jsonResponder(201, string(readGolden(t, "applications", "create.json"))))
	settings := pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
		GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantClientCredentials}),
	}
	req := pingone.NewOIDCApplication("Provisioner", pingone.AppTypeWorker, settings)
	req.Extra = map[string]stdjson.RawMessage{"futureFeature": stdjson.RawMessage(` { "a" : 1 } `)}
	before, err := json.Marshal(req)
	require.NoError(t, err)
	settings.TokenEndpointAuthMethod = pingone.OIDCAuthNone // the request holds its own copy
	a, err := c.Environment(testEnv).Applications.Create(t.Context(), req)
	require.NoError(t, err)
	after, err := json.Marshal(req)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after))
	assert.Contains(t, string(before), `"futureFeature":{"a":1}`)
	assert.Equal(t, map[string]stdjson.RawMessage{"futureFeature": stdjson.RawMessage(` { "a" : 1 } `)}, req.Extra)

	raw := slices.Clone(a.Raw)
	r1 := a.Request()
	r1.Name = "changed"
	r1.OIDC.GrantTypes = pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantCIBA})
	r2 := a.Request()
	assert.Equal(t, "Provisioner", r2.Name)
	assert.Equal(t, []pingone.OIDCGrantType{pingone.OIDCGrantClientCredentials}, r2.OIDC.GrantTypes.Or(nil))
	assert.Equal(t, raw, a.Raw)
}

// TestApplicationRequestFromHandMadeApplication builds the request of an
// application that was not read from PingOne (no Raw): from its fields.
func TestApplicationRequestFromHandMadeApplication(t *testing.T) {
	t.Parallel()
	a := pingone.Application{
		ID: "x", Name: "Wiki", Enabled: true, Protocol: pingone.ProtocolExternalLink, Type: pingone.AppTypePortalLinkApp,
		ExternalLink: &pingone.ExternalLinkSettings{HomePageURL: "https://wiki.example.com"},
		Extra:        map[string]stdjson.RawMessage{"tileColor": stdjson.RawMessage(`"blue"`)},
	}
	req := a.Request()
	require.NotNil(t, req.ExternalLink)
	data, err := json.Marshal(req)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"Wiki","type":"PORTAL_LINK_APP","enabled":true,"protocol":"EXTERNAL_LINK","homePageUrl":"https://wiki.example.com","tileColor":"blue"}`, string(data))
}

// TestApplicationDecodingIsLenient feeds applications with unexpected JSON
// types and shapes: they decode as far as they can, without errors or
// panics.
func TestApplicationDecodingIsLenient(t *testing.T) {
	t.Parallel()
	c, mt := rawMockClient(t)
	body := `{"_embedded":{"applications":[
		{"id":"a1","name":7,"enabled":"true","protocol":"OPENID_CONNECT","type":"WORKER","grantTypes":"CLIENT_CREDENTIALS","createdAt":1714550400000,"parTimeout":"60"},
		null,
		"not an application",
		{"id":"a2","protocol":null,"type":{"nested":true}},
		{"id":"a3","protocol":"SAML","type":"WEB_APP","acsUrls":[1,"https://x"],"spEntityId":"urn:x"}
	]}}`
	mt.RegisterResponder("GET", testAPIBase+envApps, jsonResponder(200, body))
	p, err := c.Environment(testEnv).Applications.List(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, p.Items, 5)
	a := p.Items[0]
	assert.True(t, a.Enabled)
	assert.Equal(t, time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC), a.CreatedAt)
	require.NotNil(t, a.OIDC)
	assert.Equal(t, 60, a.OIDC.PARTimeout)
	assertFields(t, pingone.Application{}, p.Items[1])
	assertFields(t, pingone.Application{Raw: stdjson.RawMessage(`"not an application"`)}, p.Items[2], "kept as it came")
	data, err := json.Marshal(p.Items[2])
	require.NoError(t, err)
	assert.Equal(t, `"not an application"`, string(data))
	assert.Equal(t, "a2", p.Items[3].ID)
	assert.Nil(t, p.Items[3].OIDC)
	require.NotNil(t, p.Items[4].SAML)
	assert.Equal(t, "urn:x", p.Items[4].SAML.SPEntityID)
}

// TestClientSecretNeverPrints checks every way a secret could reach a log.
func TestClientSecretNeverPrints(t *testing.T) {
	t.Parallel()
	const secret = "Sup3r-S3cret-Value"
	var s pingone.Secret
	require.NoError(t, json.Unmarshal([]byte(`"`+secret+`"`), &s))
	assert.Equal(t, secret, s.Reveal())
	assert.Equal(t, "[REDACTED]", s.String())
	assert.Equal(t, `pingone.Secret("[REDACTED]")`, s.GoString())
	assert.Equal(t, "[REDACTED]", s.LogValue().String())
	assertNoSecretPrinted(t, s, secret)
	assertNoSecretPrinted(t, &s, secret)
	prev := &pingone.PreviousClientSecret{Secret: s}
	assertNoSecretPrinted(t, prev, secret)
	assertNoSecretPrinted(t, pingone.ApplicationSecret{Secret: s, Previous: prev}, secret)
	assertNoSecretPrinted(t, []any{s, map[string]any{"k": prev}}, secret)

	var zero pingone.Secret
	assert.True(t, zero.IsZero())
	assert.Empty(t, zero.String())
	require.NoError(t, json.Unmarshal([]byte(`{"not":"a string"}`), &zero))
	assert.True(t, zero.IsZero())
}

// appsPages serves the applications collection as two pages (the second
// behind the first's next link) and records every query string sent.
func appsPages(t *testing.T, mt *httpmock.MockTransport, first, second string) *[]string {
	t.Helper()
	var queries []string
	page := func(items, next string) string {
		links := `"self":{"href":"` + testAPIBase + envApps + `"}`
		if next != "" {
			links += `,"next":{"href":"` + next + `"}`
		}
		return `{"_links":{` + links + `},"_embedded":{"applications":[` + items + `]}}`
	}
	next := testAPIBase + envApps + "?cursor=p2"
	mt.RegisterResponder("GET", testAPIBase+envApps, func(r *http.Request) (*http.Response, error) {
		queries = append(queries, r.URL.RawQuery)
		if r.URL.Query().Get("cursor") == "p2" {
			return jsonResponder(200, page(second, ""))(r)
		}
		return jsonResponder(200, page(first, next))(r)
	})
	return &queries
}

func TestApplicationsByName(t *testing.T) {
	t.Parallel()
	app := func(id, name string) string {
		return `{"id":"` + id + `","name":"` + name + `","enabled":true,"protocol":"EXTERNAL_LINK","type":"PORTAL_LINK_APP","homePageUrl":"https://x.example.com"}`
	}
	first := app("a1", "Orders web") + "," + app("a2", "Wiki")
	second := app("a3", "Wiki") + "," + app("a4", "HR portal")

	t.Run("found on a later page", func(t *testing.T) {
		t.Parallel()
		c, mt := rawMockClient(t)
		queries := appsPages(t, mt, first, second)
		a, err := c.Environment(testEnv).Applications.ByName(t.Context(), "HR portal")
		require.NoError(t, err)
		assert.Equal(t, "a4", a.ID)
		require.NotNil(t, a.ExternalLink, "the variant is decoded")
		assert.Equal(t, []string{"", "cursor=p2"}, *queries, "every page is read; List Applications takes no filter")
	})
	t.Run("compared exactly", func(t *testing.T) {
		t.Parallel()
		c, mt := rawMockClient(t)
		appsPages(t, mt, first, second)
		_, err := c.Environment(testEnv).Applications.ByName(t.Context(), "orders web")
		assert.ErrorIs(t, err, pingone.ErrNotFound)
	})
	t.Run("not found", func(t *testing.T) {
		t.Parallel()
		c, mt := rawMockClient(t)
		queries := appsPages(t, mt, first, second)
		_, err := c.Environment(testEnv).Applications.ByName(t.Context(), "Payroll")
		require.ErrorIs(t, err, pingone.ErrNotFound)
		assert.EqualError(t, err, `pingone: Applications.ByName: no application is named "Payroll"`)
		_, isAPI := errors.AsType[*pingone.APIError](err)
		assert.False(t, isAPI, "no API error: PingOne answered, and none matched")
		assert.Len(t, *queries, 2)
	})
	t.Run("ambiguous", func(t *testing.T) {
		t.Parallel()
		c, mt := rawMockClient(t)
		appsPages(t, mt, first, second)
		a, err := c.Environment(testEnv).Applications.ByName(t.Context(), "Wiki")
		assert.Nil(t, a)
		require.Error(t, err)
		assert.NotErrorIs(t, err, pingone.ErrNotFound)
		assert.EqualError(t, err, `pingone: Applications.ByName: 2 applications are named "Wiki" (IDs a2, a3): use an ID`)
	})
	t.Run("an API error is returned as is", func(t *testing.T) {
		t.Parallel()
		c, mt := rawMockClient(t)
		mt.RegisterResponder("GET", testAPIBase+envApps, jsonResponder(403, `{"code":"ACCESS_FAILED","message":"denied","id":"e1"}`))
		_, err := c.Environment(testEnv).Applications.ByName(t.Context(), "Wiki")
		assert.ErrorIs(t, err, pingone.ErrForbidden)
		assert.NotErrorIs(t, err, pingone.ErrNotFound)
	})
}

// TestApplicationSubListsPage checks that every sub-collection list sends
// its paging options and that its iterator follows the next links.
func TestApplicationSubListsPage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		coll, key string
		list      func(ctx context.Context, apps *pingone.ApplicationsService, opts *pingone.ListOptions) (int, error)
		iter      func(ctx context.Context, apps *pingone.ApplicationsService, opts *pingone.ListOptions) ([]string, error)
	}{
		{
			coll: "grants", key: "grants",
			list: func(ctx context.Context, apps *pingone.ApplicationsService, opts *pingone.ListOptions) (int, error) {
				p, err := apps.ListGrants(ctx, appWorkerID, opts)
				if err != nil {
					return 0, err
				}
				return len(p.Items), nil
			},
			iter: func(ctx context.Context, apps *pingone.ApplicationsService, opts *pingone.ListOptions) ([]string, error) {
				return collectIDs(apps.ListGrantsIter(ctx, appWorkerID, opts), func(g *pingone.ApplicationGrant) string { return g.ID })
			},
		},
		{
			coll: "signOnPolicyAssignments", key: "signOnPolicyAssignments",
			list: func(ctx context.Context, apps *pingone.ApplicationsService, opts *pingone.ListOptions) (int, error) {
				p, err := apps.ListSignOnPolicyAssignments(ctx, appWorkerID, opts)
				if err != nil {
					return 0, err
				}
				return len(p.Items), nil
			},
			iter: func(ctx context.Context, apps *pingone.ApplicationsService, opts *pingone.ListOptions) ([]string, error) {
				return collectIDs(apps.ListSignOnPolicyAssignmentsIter(ctx, appWorkerID, opts), func(a *pingone.SignOnPolicyAssignment) string { return a.ID })
			},
		},
		{
			coll: "roleAssignments", key: "roleAssignments",
			list: func(ctx context.Context, apps *pingone.ApplicationsService, opts *pingone.ListOptions) (int, error) {
				p, err := apps.ListRoleAssignments(ctx, appWorkerID, opts)
				if err != nil {
					return 0, err
				}
				return len(p.Items), nil
			},
			iter: func(ctx context.Context, apps *pingone.ApplicationsService, opts *pingone.ListOptions) ([]string, error) {
				return collectIDs(apps.ListRoleAssignmentsIter(ctx, appWorkerID, opts), func(a *pingone.RoleAssignment) string { return a.ID })
			},
		},
		{
			coll: "attributes", key: "attributes",
			list: func(ctx context.Context, apps *pingone.ApplicationsService, opts *pingone.ListOptions) (int, error) {
				p, err := apps.ListAttributeMappings(ctx, appWorkerID, opts)
				if err != nil {
					return 0, err
				}
				return len(p.Items), nil
			},
			iter: func(ctx context.Context, apps *pingone.ApplicationsService, opts *pingone.ListOptions) ([]string, error) {
				return collectIDs(apps.ListAttributeMappingsIter(ctx, appWorkerID, opts), func(m *pingone.ApplicationAttributeMapping) string { return m.ID })
			},
		},
	} {
		t.Run(tc.coll, func(t *testing.T) {
			t.Parallel()
			c, mt := rawMockClient(t)
			url := testAPIBase + envApps + "/" + appWorkerID + "/" + tc.coll
			var queries []string
			mt.RegisterResponder("GET", url, func(r *http.Request) (*http.Response, error) {
				queries = append(queries, r.URL.RawQuery)
				if r.URL.Query().Get("cursor") == "2" {
					return jsonResponder(200, `{"_embedded":{"`+tc.key+`":[{"id":"x3"}]}}`)(r)
				}
				return jsonResponder(200, `{"_links":{"next":{"href":"`+url+`?limit=2&cursor=2"}},"_embedded":{"`+tc.key+`":[{"id":"x1"},{"id":"x2"}]}}`)(r)
			})
			apps := c.Environment(testEnv).Applications

			n, err := tc.list(t.Context(), apps, &pingone.ListOptions{Limit: 2})
			require.NoError(t, err)
			assert.Equal(t, 2, n)
			n, err = tc.list(t.Context(), apps, nil)
			require.NoError(t, err)
			assert.Equal(t, 2, n)
			ids, err := tc.iter(t.Context(), apps, &pingone.ListOptions{Limit: 2})
			require.NoError(t, err)
			assert.Equal(t, []string{"x1", "x2", "x3"}, ids)
			assert.Equal(t, []string{"limit=2", "", "limit=2", "limit=2&cursor=2"}, queries, "the next link is followed as given")
		})
	}
}

// collectIDs walks seq, returning the IDs or the first error.
func collectIDs[T any](seq iter.Seq2[*T, error], id func(*T) string) ([]string, error) {
	var ids []string
	for v, err := range seq {
		if err != nil {
			return ids, err
		}
		ids = append(ids, id(v))
	}
	return ids, nil
}

// appTimes are the timestamps and links of the bodies below.
const appTimes = `"createdAt":"2024-05-01T08:00:00.000Z","updatedAt":"2024-05-02T09:30:00.250Z","_links":{"self":{"href":"x"}}`

// TestApplicationReplaceSendsBackWhatItRead reads applications with members
// the SDK does not model (at the top, in the variant's nested objects), zero
// values, nulls and values of an odd JSON type, and replaces them with
// their Request: the body sent is the body read, less the read-only
// members.
func TestApplicationReplaceSendsBackWhatItRead(t *testing.T) {
	t.Parallel()
	readOnly := []string{"id", "environment", "createdAt", "updatedAt", "clientId"}
	for _, tc := range []struct{ name, body string }{
		{"oidc", `{"id":"a1","environment":{"id":"e1"},"name":"Orders","description":"","enabled":true,
			"protocol":"OPENID_CONNECT","type":"WEB_APP","hiddenFromAppPortal":false,
			"accessControl":{"role":{"type":"ADMIN_USERS_ONLY"},"group":{"type":"ALL_GROUPS","groups":[],"futureGroupRule":"x"}},
			"clientId":"a1","tokenEndpointAuthMethod":"CLIENT_SECRET_BASIC","grantTypes":["AUTHORIZATION_CODE","FUTURE_GRANT"],
			"responseTypes":["CODE"],"redirectUris":[],"pkceEnforcement":12,"parTimeout":"60","refreshTokenDuration":0,
			"additionalRefreshTokenReplayProtectionEnabled":false,"jwksUrl":null,"includeX5t":false,
			"corsSettings":{"behavior":"ALLOW_NO_ORIGINS","origins":[],"futureCors":{"credentials":true}},
			"signing":{"keyRotationPolicy":{"id":"k1","name":"KRP"}},"tags":[],
			"futureFeature":{"mode":"strict","levels":[1,2.50,3]},` + appTimes + `}`},
		{"saml", `{"id":"a3","environment":{"id":"e1"},"name":"Payroll","enabled":false,"protocol":"SAML","type":"WEB_APP",
			"spEntityId":"urn:payroll","acsUrls":["https://payroll.example.com/acs"],"assertionDuration":"60",
			"assertionSigned":false,"responseSigned":false,"sloWindow":0,"nameIdFormat":null,"sloBinding":"HTTP_SOAP",
			"idpSigning":{"key":{"id":"c1"},"algorithm":"SHA256withRSA","futureSigning":1},
			"spVerification":{"certificates":[],"authnRequestSigned":false},
			"virtualServerIdSettings":{"enabled":false,"virtualServerIds":[{"vsId":"v1","default":false}]},
			"samlFuture":{"a":[1,2.50,"caf\u00e9"]},` + appTimes + `}`},
		{"native with Google Play", `{"id":"a9","environment":{"id":"e1"},"name":"Mobile","enabled":true,
			"protocol":"OPENID_CONNECT","type":"NATIVE_APP","clientId":"a9","tokenEndpointAuthMethod":"NONE",
			"grantTypes":["AUTHORIZATION_CODE"],"responseTypes":["CODE"],"pkceEnforcement":"S256_REQUIRED",
			"mobile":{"bundleId":"com.example.ios","packageName":"com.example.android","passcodeGracePeriod":0,
				"passcodeRefreshDuration":{"duration":30,"timeUnit":"SECONDS"},
				"integrityDetection":{"mode":"ENABLED","excludedPlatforms":["IOS"],"cacheDuration":{"amount":24,"units":"HOURS"},
					"googlePlay":{"verificationType":"INTERNAL","futurePlay":true}},
				"push":{"numberMatching":{"type":"SELECT_NUMBER"},"futurePush":[]},
				"futureMobile":"x"},` + appTimes + `}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assertSentBack(t, testAPIBase+envApps+"/a1", tc.body, readOnly,
				func(env *pingone.Environment) (any, error) { return env.Applications.Get(t.Context(), "a1") },
				func(env *pingone.Environment, got any) error {
					_, err := env.Applications.Replace(t.Context(), "a1", got.(*pingone.Application).Request())
					return err
				})
		})
	}
}

// TestApplicationRequestKeepsGooglePlayKeys: the Google Play keys are sent
// as set in a request (and never printed), and a Request of an application
// whose keys were set carries them.
func TestApplicationRequestKeepsGooglePlayKeys(t *testing.T) {
	t.Parallel()
	const key, verify = "decrypt-Key-that-must-not-leak", "verify-Key-that-must-not-leak"
	var a pingone.Application
	require.NoError(t, stdjson.Unmarshal([]byte(`{"name":"Mobile","enabled":true,"protocol":"OPENID_CONNECT","type":"NATIVE_APP",
		"tokenEndpointAuthMethod":"NONE","mobile":{"integrityDetection":{"googlePlay":{"verificationType":"INTERNAL",
		"decryptionKey":"`+key+`"}}}}`), &a))
	gp := &a.OIDC.Mobile.IntegrityDetection.GooglePlay
	assert.Equal(t, key, gp.DecryptionKey.Reveal(), "a key PingOne sends is kept (as a Secret)")
	assert.NotContains(t, string(a.Raw), key)
	gp.DecryptionKey, gp.VerificationKey = pingone.NewSecret(key), pingone.NewSecret(verify)

	req := a.Request()
	assertNoSecretPrinted(t, req, key, verify)
	c, mt := mockClient(t)
	var sent []byte
	mt.RegisterResponder("PUT", testAPIBase+envApps+"/"+appWebID, func(r *http.Request) (*http.Response, error) {
		sent, _ = io.ReadAll(r.Body)
		return jsonResponder(200, string(readGolden(t, "applications", "replace.json")))(r)
	})
	_, err := c.Environment(testEnv).Applications.Replace(t.Context(), appWebID, req)
	require.NoError(t, err)
	assertJSONEqual(t, []byte(`{"name":"Mobile","enabled":true,"protocol":"OPENID_CONNECT","type":"NATIVE_APP",
		"tokenEndpointAuthMethod":"NONE","mobile":{"integrityDetection":{"googlePlay":{"verificationType":"INTERNAL",
		"decryptionKey":"`+key+`","verificationKey":"`+verify+`"}}}}`), sent)
}

// TestApplicationSubResourcesReplaceSendBackWhatTheyRead: grants, sign-on
// policy assignments and attribute mappings, read with members the SDK does
// not model, zero values and odd values, go back unchanged through their
// Request.
func TestApplicationSubResourcesReplaceSendBackWhatTheyRead(t *testing.T) {
	t.Parallel()
	base := testAPIBase + envApps + "/" + appWebID
	t.Run("grant", func(t *testing.T) {
		t.Parallel()
		assertSentBack(t, base+"/grants/g1", `{"id":"g1","environment":{"id":"e1"},"application":{"id":"a1"},
			"resource":{"id":"r1","futureRes":{"n":1}},"scopes":[{"id":12},{"id":"s2","name":"email"}],
			"futureGrant":false,`+appTimes+`}`,
			[]string{"id", "environment", "application", "createdAt", "updatedAt"},
			func(env *pingone.Environment) (any, error) {
				return env.Applications.GetGrant(t.Context(), appWebID, "g1")
			},
			func(env *pingone.Environment, got any) error {
				_, err := env.Applications.ReplaceGrant(t.Context(), appWebID, "g1", got.(*pingone.ApplicationGrant).Request())
				return err
			})
	})
	t.Run("sign-on policy assignment", func(t *testing.T) {
		t.Parallel()
		assertSentBack(t, base+"/signOnPolicyAssignments/s1", `{"id":"s1","environment":{"id":"e1"},"application":{"id":"a1"},
			"signOnPolicy":{"id":"p1","futurePolicy":null},"priority":"1","futureSop":[0,false,""],"_links":{"self":{"href":"x"}}}`,
			[]string{"id", "environment", "application"},
			func(env *pingone.Environment) (any, error) {
				return env.Applications.GetSignOnPolicyAssignment(t.Context(), appWebID, "s1")
			},
			func(env *pingone.Environment, got any) error {
				_, err := env.Applications.ReplaceSignOnPolicyAssignment(t.Context(), appWebID, "s1", got.(*pingone.SignOnPolicyAssignment).Request())
				return err
			})
	})
	t.Run("attribute mapping", func(t *testing.T) {
		t.Parallel()
		assertSentBack(t, base+"/attributes/m1", `{"id":"m1","environment":{"id":"e1"},"application":{"id":"a1"},
			"name":"email","value":"${user.email}","required":"false","mappingType":"CUSTOM","nameFormat":"",
			"idToken":false,"userInfo":true,"oidcScopes":[],"futureAttr":{"x":1},`+appTimes+`}`,
			[]string{"id", "environment", "application", "createdAt", "updatedAt"},
			func(env *pingone.Environment) (any, error) {
				return env.Applications.GetAttributeMapping(t.Context(), appWebID, "m1")
			},
			func(env *pingone.Environment, got any) error {
				_, err := env.Applications.ReplaceAttributeMapping(t.Context(), appWebID, "m1", got.(*pingone.ApplicationAttributeMapping).Request())
				return err
			})
	})
}
