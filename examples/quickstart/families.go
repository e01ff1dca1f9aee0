package main

import (
	"context"
	"fmt"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/scim"
)

// steps is the running quickstart: its output and what to undo at the end.
type steps struct {
	step, say func(string, ...any)
	undo      []func(ctx context.Context) error
	undoNames []string
}

// later records a clean-up action, run in reverse order by cleanUp.
func (s *steps) later(what string, f func(ctx context.Context) error) {
	s.undo = append(s.undo, f)
	s.undoNames = append(s.undoNames, what)
}

func (s *steps) cleanUp(ctx context.Context) {
	s.step("Clean up")
	for i := len(s.undo) - 1; i >= 0; i-- {
		if err := s.undo[i](ctx); err != nil {
			s.say("could not delete %s: %v", s.undoNames[i], err)
			continue
		}
		s.say("deleted %s", s.undoNames[i])
	}
}

// usersAndGroups creates users in a population, puts them in a group nested
// in another, and lists a filtered page.
func (s *steps) usersAndGroups(ctx context.Context, env *pingone.Environment, tag, populationID string) error {
	s.step("Create users in the population")
	var ids []string
	for i, name := range []string{"ada", "grace", "linus"} {
		u, err := env.Users.Create(ctx, pingone.CreateUserRequest{
			Username:   fmt.Sprintf("qs-%s-%s", tag, name),
			Email:      fmt.Sprintf("%s+%s@example.com", name, tag),
			Name:       pingone.Value(pingone.UserName{Given: name, Family: "Quickstart"}),
			Population: pingone.Value(pingone.Ref{ID: populationID}),
		})
		if err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		ids = append(ids, u.ID)
		s.later("user "+u.Username, func(ctx context.Context) error { return env.Users.Delete(ctx, u.ID) })
		s.say("%d. %s (id %s)", i+1, u.Username, u.ID)
	}

	s.step("Create a group, nest it in another, and add two users")
	parent, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "QS " + tag + " engineering"})
	if err != nil {
		return fmt.Errorf("create group: %w", err)
	}
	s.later("group "+parent.Name, func(ctx context.Context) error { return env.Groups.Delete(ctx, parent.ID) })
	child, err := env.Groups.Create(ctx, pingone.GroupRequest{Name: "QS " + tag + " platform team"})
	if err != nil {
		return fmt.Errorf("create group: %w", err)
	}
	s.later("group "+child.Name, func(ctx context.Context) error { return env.Groups.Delete(ctx, child.ID) })
	if _, err := env.Groups.AddToParent(ctx, child.ID, parent.ID); err != nil {
		return fmt.Errorf("nest group: %w", err)
	}
	s.say("%q is now inside %q", child.Name, parent.Name)
	for _, id := range ids[:2] {
		if _, err := env.Users.AddToGroup(ctx, id, child.ID); err != nil {
			return fmt.Errorf("add to group: %w", err)
		}
	}

	s.step("List the members of the outer group with a filter (memberships through nesting count)")
	page, err := env.Users.List(ctx, &pingone.ListUsersOptions{
		Filter:      scim.And(scim.ValuePath("memberOfGroups", scim.Eq("id", parent.ID)), scim.Sw("username", "qs-"+tag)),
		ListOptions: pingone.ListOptions{Limit: 10},
	})
	if err != nil {
		return fmt.Errorf("list users: %w", err)
	}
	for _, u := range page.Items {
		s.say("member: %s", u.Username)
	}
	memberships, err := env.Users.ListGroups(ctx, ids[0], nil)
	if err != nil {
		return fmt.Errorf("list memberships: %w", err)
	}
	for _, m := range memberships.Items {
		s.say("%s is in %q (%s)", "qs-"+tag+"-ada", m.Name, m.Type)
	}
	return nil
}

// application creates a worker application, gives it a role and rotates its
// secret, never printing the secret.
func (s *steps) application(ctx context.Context, env *pingone.Environment, envID string) error {
	s.step("Create a worker application, give it a role, rotate its secret")
	app, err := env.Applications.Create(ctx, pingone.NewOIDCApplication("QS sync job", pingone.AppTypeWorker, pingone.OIDCSettingsRequest{
		TokenEndpointAuthMethod: pingone.OIDCAuthClientSecretBasic,
		GrantTypes:              pingone.Value([]pingone.OIDCGrantType{pingone.OIDCGrantClientCredentials}),
	}))
	if err != nil {
		return fmt.Errorf("create application: %w", err)
	}
	s.later("application "+app.Name, func(ctx context.Context) error { return env.Applications.Delete(ctx, app.ID) })
	s.say("created %q (%s, %s)", app.Name, app.Protocol, app.Type)

	var roleID string
	for r, err := range env.CustomRoles.ListIter(ctx, nil) {
		if err != nil {
			return fmt.Errorf("list roles: %w", err)
		}
		if r.Name == "Identity Data Read Only" {
			roleID = r.ID
		}
	}
	if roleID == "" {
		s.say("no Identity Data Read Only role in this environment: skipping the role assignment")
	} else {
		if _, err := env.Applications.CreateRoleAssignment(ctx, app.ID, pingone.RoleAssignmentRequest{Role: pingone.Ref{ID: roleID}, Scope: pingone.EnvironmentScope(envID)}); err != nil {
			return fmt.Errorf("assign role: %w", err)
		}
		s.say("assigned Identity Data Read Only at environment scope")
	}
	sec, err := env.Applications.RotateSecret(ctx, app.ID, nil)
	if err != nil {
		return fmt.Errorf("rotate secret: %w", err)
	}
	s.say("new secret: %v (secrets never print; Reveal() returns them)", sec.Secret)
	return nil
}

// policyAndMFA creates a password policy for the population and pairs an
// email MFA device for a user.
func (s *steps) policyAndMFA(ctx context.Context, env *pingone.Environment, tag, populationID string) error {
	s.step("Create a stricter password policy and give it to the population")
	pp, err := env.PasswordPolicies.Create(ctx, pingone.PasswordPolicyRequest{
		Name:                 "QS " + tag + " strict",
		ExcludesCommonlyUsed: true,
		ExcludesProfileData:  true,
		NotSimilarToCurrent:  true,
		Length:               pingone.Value(pingone.PasswordLength{Min: 12, Max: 255}),
		MinCharacters: pingone.Value(map[string]int{
			pingone.CharClassUpper: 1, pingone.CharClassLower: 1, pingone.CharClassDigits: 1, pingone.CharClassSpecial: 1,
		}),
	})
	if err != nil {
		return fmt.Errorf("create password policy: %w", err)
	}
	s.later("password policy "+pp.Name, func(ctx context.Context) error { return env.PasswordPolicies.Delete(ctx, pp.ID) })
	pop, err := env.Populations.Get(ctx, populationID)
	if err != nil {
		return fmt.Errorf("get population: %w", err)
	}
	if _, err := env.Populations.Replace(ctx, pop.ID, pingone.PopulationRequest{
		Name: pop.Name, Description: pingone.Value(pop.Description), PasswordPolicy: pingone.Value(pingone.Ref{ID: pp.ID}),
	}); err != nil {
		return fmt.Errorf("replace population: %w", err)
	}
	s.say("population %q now uses %q (minimum length 12)", pop.Name, pp.Name)

	s.step("Pair an email MFA device for a user and enable MFA")
	users, err := env.Users.List(ctx, &pingone.ListUsersOptions{Filter: scim.Eq("population.id", populationID), ListOptions: pingone.ListOptions{Limit: 1}})
	if err != nil || len(users.Items) == 0 {
		return fmt.Errorf("find a user: %w", err)
	}
	u := users.Items[0]
	dev, err := env.MFA.PairDevice(ctx, u.ID, pingone.EmailDevice(u.Email))
	if err != nil {
		return fmt.Errorf("pair device: %w", err)
	}
	if _, err := env.MFA.SetMFAEnabled(ctx, u.ID, true); err != nil {
		return fmt.Errorf("enable MFA: %w", err)
	}
	devices, err := env.MFA.ListDevices(ctx, u.ID, &pingone.ListDevicesOptions{Filter: scim.Eq("type", "EMAIL")})
	if err != nil {
		return fmt.Errorf("list devices: %w", err)
	}
	s.say("%s has %d email device(s); the new one is %s (%s)", u.Username, len(devices.Items), dev.ID, dev.Status)
	return nil
}
