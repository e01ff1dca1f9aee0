package pingonetest

// systemRoles are the organization-level roles a new server knows, with
// the scopes each may be assigned at and a few permissions each.
var systemRoles = []struct {
	name        string
	applicable  []string
	permissions []string
}{
	{"Organization Admin", []string{"ORGANIZATION"}, []string{"orgmgt:read:organization", "orgmgt:update:organization", "orgmgt:create:environment"}},
	{"Environment Admin", []string{"ORGANIZATION", "ENVIRONMENT"}, []string{"orgmgt:read:environment", "orgmgt:update:environment", "orgmgt:read:population", "orgmgt:create:population"}},
	{"Identity Data Admin", []string{"ENVIRONMENT", "POPULATION"}, []string{"identity:read:user", "identity:create:user", "identity:update:user", "identity:delete:user"}},
	{"Identity Data Read Only", []string{"ENVIRONMENT", "POPULATION"}, []string{"identity:read:user", "identity:read:group"}},
	{"Client Application Developer", []string{"ENVIRONMENT"}, []string{"apps:read:application", "apps:create:application", "apps:update:application"}},
	{"Application Owner", []string{"APPLICATION"}, []string{"apps:read:application", "apps:update:application"}},
	{"Configuration Read Only", []string{"ENVIRONMENT"}, []string{"orgmgt:read:environment", "apps:read:application"}},
	{"Help Desk Admin", []string{"ENVIRONMENT", "POPULATION"}, []string{"identity:read:user", "identity:update:userPassword"}},
	{"Custom Roles Admin", []string{"ORGANIZATION", "ENVIRONMENT"}, []string{"authz:read:role", "authz:create:role"}},
}

// seed fills a new server: organization, environment and their defaults,
// an administrator, a worker application and a sign-in application.
func (s *Server) seed() {
	s.orgID, s.envID = s.newID(), s.newID()
	s.st.indexUnique(s.usersPath(), "username")
	t := s.stamp()
	s.st.put("/environments", s.envID, obj{
		"id": s.envID, "name": "Simulated", "description": "The in-memory PingOne's environment",
		"type": "SANDBOX", "region": "NA", "status": "ACTIVE",
		"license": obj{"id": s.newID()}, "organization": obj{"id": s.orgID},
		"createdAt": t, "updatedAt": t,
	})
	put := func(collPath string, o obj) string {
		id := s.newID()
		o["id"] = id
		if collPath != "/roles" {
			o["environment"] = obj{"id": s.envID}
		}
		o["createdAt"], o["updatedAt"] = t, t
		s.st.put(collPath, id, o)
		return id
	}
	roleIDs := map[string]string{}
	for _, r := range systemRoles {
		var perms []any
		for _, p := range r.permissions {
			perms = append(perms, obj{"id": p, "classifier": p, "description": p})
		}
		var appl []any
		for _, a := range r.applicable {
			appl = append(appl, a)
		}
		roleIDs[r.name] = put("/roles", obj{"name": r.name, "description": r.name + " (system role)", "applicableTo": appl, "permissions": perms})
	}

	ppID := put(s.envPath("passwordPolicies"), obj{
		"name": "Standard", "description": "The default password policy", "default": true,
		"excludesCommonlyUsed": true, "excludesProfileData": true, "notSimilarToCurrent": true,
		"history":       obj{"count": 6, "retentionDays": 365},
		"length":        obj{"min": 8, "max": 255},
		"lockout":       obj{"failureCount": 5, "durationSeconds": 900},
		"minCharacters": obj{"ABCDEFGHIJKLMNOPQRSTUVWXYZ": 1, "abcdefghijklmnopqrstuvwxyz": 1, "0123456789": 1, "~!@#$%^&*()-_=+[]{}|;:,.<>/?": 1},
		"maxAgeDays":    182, "minAgeDays": 1, "maxRepeatedCharacters": 2, "minUniqueCharacters": 5,
	})
	popID := put(s.envPath("populations"), obj{"name": "Default", "description": "The default population", "default": true, "passwordPolicy": obj{"id": ppID}})
	put(s.envPath("signOnPolicies"), obj{"name": "Single_Factor", "description": "The default sign-on policy", "default": true})
	offline := func() obj {
		return obj{"enabled": true, "otp": obj{"lifeTime": obj{"duration": 30, "timeUnit": "MINUTES"}, "failure": obj{"count": 3, "coolDown": obj{"duration": 2, "timeUnit": "MINUTES"}}, "otpLength": 6}}
	}
	put(s.envPath("deviceAuthenticationPolicies"), obj{
		"name": "Default MFA Policy", "default": true, "forSignOnPolicy": false,
		"sms": offline(), "voice": offline(), "email": offline(),
		"mobile": obj{"enabled": true, "otp": obj{"failure": obj{"count": 3, "coolDown": obj{"duration": 2, "timeUnit": "MINUTES"}}}, "applications": []any{}},
		"totp":   obj{"enabled": true, "otp": obj{"failure": obj{"count": 3, "coolDown": obj{"duration": 2, "timeUnit": "MINUTES"}}}},
		"fido2":  obj{"enabled": true},
	})

	password := s.opts.adminPassword
	if password == "" {
		password = "P1ng!" + s.secretText(12)
	}
	adminID := put(s.usersPath(), obj{
		"username": "admin", "email": "admin@example.com", "emailVerified": true, "enabled": true,
		"name":       obj{"given": "Ada", "family": "Admin", "formatted": "Ada Admin"},
		"population": obj{"id": popID},
		"account":    obj{"canAuthenticate": true, "status": "OK"},
		"lifecycle":  obj{"status": "ACCOUNT_OK"},
		"mfaEnabled": false, "verifyStatus": "NOT_INITIATED",
		"identityProvider": obj{"type": "PING_ONE"},
	})
	s.passwords[adminID] = password
	s.admin = Credentials{UserID: adminID, Username: "admin", Password: password}
	s.passwordChanged(adminID)

	assign := func(holder string, role string, scopeType, scopeID string) {
		put(holder, obj{"role": obj{"id": roleIDs[role]}, "scope": obj{"id": scopeID, "type": scopeType}, "readOnly": false})
	}
	assign(s.envPath("users", adminID, "roleAssignments"), "Organization Admin", "ORGANIZATION", s.orgID)
	assign(s.envPath("users", adminID, "roleAssignments"), "Environment Admin", "ENVIRONMENT", s.envID)
	assign(s.envPath("users", adminID, "roleAssignments"), "Identity Data Admin", "ENVIRONMENT", s.envID)

	// PingOne's client ID is the application's ID.
	app := func(o obj) string {
		id := put(s.appsPath(), o)
		o["clientId"] = id
		return id
	}
	workerSecret := s.secretText(64)
	workerID := app(obj{
		"name": "Worker", "description": "Seeded worker application", "enabled": true,
		"protocol": "OPENID_CONNECT", "type": "WORKER",
		"grantTypes": []any{"CLIENT_CREDENTIALS"}, "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
	})
	s.secrets[workerID] = &appSecrets{current: workerSecret}
	s.worker = ClientCredentials{ApplicationID: workerID, ClientID: workerID, ClientSecret: workerSecret}
	assign(s.envPath("applications", workerID, "roleAssignments"), "Environment Admin", "ENVIRONMENT", s.envID)
	assign(s.envPath("applications", workerID, "roleAssignments"), "Identity Data Admin", "ENVIRONMENT", s.envID)
	assign(s.envPath("applications", workerID, "roleAssignments"), "Client Application Developer", "ENVIRONMENT", s.envID)

	s.cliClientID = app(obj{
		"name": "Admin CLI", "description": "Seeded application for administrator sign-in", "enabled": true,
		"protocol": "OPENID_CONNECT", "type": "NATIVE_APP",
		"grantTypes": []any{"AUTHORIZATION_CODE", "REFRESH_TOKEN"}, "responseTypes": []any{"CODE"},
		"tokenEndpointAuthMethod": "NONE", "pkceEnforcement": "S256_REQUIRED",
		"redirectUris": []any{"http://127.0.0.1/callback"},
	})
}

// passwordChanged records when a user's password was set, for the password
// state the users family serves.
func (s *Server) passwordChanged(userID string) {
	if s.pwChanged == nil {
		s.pwChanged = map[string]string{}
	}
	s.pwChanged[userID] = s.stamp()
}
