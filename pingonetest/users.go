package pingonetest

import (
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pingone-go/pingone/internal/scimfilter"
)

// The users family: users and their enabled state, password, population,
// identity provider link, verify status and role assignments, plus the
// environment's user activity report. Group memberships are served by the
// groups family.

func init() { registerFamily((*Server).routesUsers) }

// membershipsOf returns a user's group memberships as
// [{"id", "name", "type": "DIRECT"|"INDIRECT"}], for the memberOfGroups
// filter and include=memberOfGroupIDs|memberOfGroupNames. The groups family
// sets it to (*Server).userGroupMemberships; this default knows only the
// direct memberships stored under the user.
var membershipsOf = func(s *Server, userID string) []obj {
	var out []obj
	for _, m := range s.st.list(s.envPath("users", userID, "memberOfGroups")) {
		id := str(m, "id")
		out = append(out, obj{"id": id, "name": str(s.st.get(s.envPath("groups"), id), "name"), "type": "DIRECT"})
	}
	return out
}

const (
	userImportContentType      = "application/vnd.pingidentity.user.import+json"
	userPasswordSetContentType = "application/vnd.pingidentity.password.set+json"
)

func (s *Server) routesUsers() {
	s.handle("GET /environments/{envID}/users", s.listUsers)
	s.handle("POST /environments/{envID}/users", s.createUser)
	s.handle("GET /environments/{envID}/users/{userID}", s.getUser)
	s.handle("PATCH /environments/{envID}/users/{userID}", s.patchUser)
	s.handle("DELETE /environments/{envID}/users/{userID}", s.deleteUser)
	s.handle("GET /environments/{envID}/users/{userID}/enabled", s.getUserEnabled)
	s.handle("PUT /environments/{envID}/users/{userID}/enabled", s.setUserEnabled)
	s.handle("GET /environments/{envID}/users/{userID}/password", s.getUserPassword)
	s.handle("PUT /environments/{envID}/users/{userID}/password", s.setUserPassword)
	s.handle("GET /environments/{envID}/users/{userID}/population", s.getUserPopulation)
	s.handle("PUT /environments/{envID}/users/{userID}/population", s.setUserPopulation)
	s.handle("GET /environments/{envID}/users/{userID}/identityProvider", s.getUserIdP)
	s.handle("PUT /environments/{envID}/users/{userID}/identityProvider", s.setUserIdP)
	s.handle("GET /environments/{envID}/users/{userID}/verifyStatus", s.getUserVerifyStatus)
	s.handle("PUT /environments/{envID}/users/{userID}/verifyStatus", s.setUserVerifyStatus)
	s.routes("/environments/{envID}/users/{userID}/roleAssignments", roleAssignmentKind("users", "userID", "user"), "list", "create", "get", "delete")
	s.handle("GET /environments/{envID}/userActivities", s.userActivities)
}

// ---- validation ----

var (
	// The patterns of the PingOne user schema.
	userTextRE   = regexp.MustCompile(`^[\p{L}\p{M}\p{Zs}\p{S}\p{N}\p{P}]*$`)
	userStreetRE = regexp.MustCompile(`^[\p{L}\p{M}\p{N}\p{Zs}\p{P}\n\r]*$`)
	userNameRE   = regexp.MustCompile(`^[\p{L}\p{M}\p{N}' .-]*$`)
	userCountry  = regexp.MustCompile(`^[A-Z]{2}$`)
	userEmailRE  = regexp.MustCompile(`^[^@\s]+@[^@\s]+$`)
	// Custom attribute names, as the PingOne schema allows them.
	userCustomNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

// userString is the rule for one string attribute (top level, or a
// sub-attribute of name or address).
type userString struct {
	maxLen   int
	nonEmpty bool
	pattern  *regexp.Regexp
	enum     []string
}

var userStrings = map[string]userString{
	"username":              {maxLen: 128, nonEmpty: true, pattern: userTextRE},
	"email":                 {maxLen: 256, nonEmpty: true, pattern: userEmailRE},
	"nickname":              {maxLen: 256, nonEmpty: true, pattern: userTextRE},
	"title":                 {maxLen: 256, nonEmpty: true, pattern: userTextRE},
	"type":                  {maxLen: 256, nonEmpty: true, pattern: userTextRE},
	"locale":                {maxLen: 256, nonEmpty: true, pattern: userTextRE},
	"preferredLanguage":     {maxLen: 256},
	"timezone":              {maxLen: 256},
	"externalId":            {maxLen: 1024, nonEmpty: true},
	"mobilePhone":           {maxLen: 32},
	"primaryPhone":          {maxLen: 32, nonEmpty: true},
	"accountId":             {maxLen: 256},
	"verifyStatus":          {enum: []string{"NOT_INITIATED", "ENABLED", "DISABLED"}},
	"name.given":            {maxLen: 256, nonEmpty: true, pattern: userTextRE},
	"name.middle":           {maxLen: 256, nonEmpty: true, pattern: userTextRE},
	"name.family":           {maxLen: 256, nonEmpty: true, pattern: userNameRE},
	"name.formatted":        {maxLen: 256, nonEmpty: true, pattern: userNameRE},
	"name.honorificPrefix":  {maxLen: 256},
	"name.honorificSuffix":  {maxLen: 256},
	"address.streetAddress": {maxLen: 256, nonEmpty: true, pattern: userStreetRE},
	"address.locality":      {maxLen: 256, nonEmpty: true, pattern: userTextRE},
	"address.region":        {maxLen: 256, nonEmpty: true, pattern: userTextRE},
	"address.postalCode":    {maxLen: 40, nonEmpty: true, pattern: userTextRE},
	"address.countryCode":   {pattern: userCountry},
	"photo.href":            {nonEmpty: true},
	"lifecycle.status":      {enum: []string{"ACCOUNT_OK", "VERIFICATION_REQUIRED"}},
	"account.status":        {enum: []string{"OK", "LOCKED"}},
	"account.unlockAt":      {},
	"identityProvider.id":   {},
	"population.id":         {nonEmpty: true},
}

// userObjects are the attributes that are objects, with their string and
// boolean sub-attributes, and the read-only ones the server sets.
var userObjects = map[string]struct{ strings, bools, readOnly []string }{
	"name":             {strings: []string{"given", "middle", "family", "formatted", "honorificPrefix", "honorificSuffix"}},
	"address":          {strings: []string{"streetAddress", "locality", "region", "postalCode", "countryCode"}},
	"photo":            {strings: []string{"href"}},
	"population":       {strings: []string{"id"}},
	"lifecycle":        {strings: []string{"status"}, bools: []string{"suppressVerificationCode"}},
	"account":          {strings: []string{"status", "unlockAt"}, bools: []string{"canAuthenticate"}, readOnly: []string{"lockedAt", "secondsUntilUnlock"}},
	"identityProvider": {strings: []string{"id"}, readOnly: []string{"type"}},
}

// userBools are the boolean attributes a request may set.
var userBools = []string{"mfaEnabled"}

// userReadOnly are dropped from writes; the server sets them.
var userReadOnly = []string{"id", "environment", "createdAt", "updatedAt", "_links", "_embedded",
	"enabled", "emailVerified", "lastSignOn", "memberOfGroupIDs", "memberOfGroupNames", "memberOfGroups"}

// userCore are the attributes of the PingOne user schema; every other
// top-level member is a custom attribute.
var userCore = func() map[string]bool {
	m := map[string]bool{"password": true}
	for k := range userStrings {
		name, _, _ := strings.Cut(k, ".")
		m[name] = true
	}
	for k := range userObjects {
		m[k] = true
	}
	for _, k := range append(slices.Clone(userBools), userReadOnly...) {
		m[k] = true
	}
	return m
}()

func userInvalidValue(target, msg string, inner map[string]any) *apiError {
	return errInvalid("The request could not be completed. One or more validation errors were in the request.",
		detail{Code: "INVALID_VALUE", Target: target, Message: msg, InnerError: inner})
}

// checkUserString checks one string attribute against its rule.
func checkUserString(path string, v any) *apiError {
	s, ok := v.(string)
	if !ok {
		return errValue(path, path+" must be a string")
	}
	r := userStrings[path]
	switch {
	case r.nonEmpty && s == "":
		return errInvalid("The request could not be completed. One or more validation errors were in the request.",
			detail{Code: "EMPTY_VALUE", Target: path, Message: path + " must not be empty"})
	case r.maxLen > 0 && utf8.RuneCountInString(s) > r.maxLen:
		return errInvalid("The request could not be completed. One or more validation errors were in the request.",
			detail{Code: "SIZE_LIMIT_EXCEEDED", Target: path, Message: path + " is too long", InnerError: map[string]any{"maximumValue": r.maxLen}})
	case r.pattern != nil && !r.pattern.MatchString(s):
		return userInvalidValue(path, path+" has a character or form that is not allowed", map[string]any{"allowedPattern": r.pattern.String()})
	case len(r.enum) > 0 && !slices.Contains(r.enum, s):
		return userInvalidValue(path, path+" has an unsupported value", map[string]any{"allowedValues": r.enum})
	}
	return nil
}

// checkUser validates a whole user as it would be stored.
func (s *Server) checkUser(u obj) *apiError {
	if _, ok := u["username"]; !ok || u["username"] == nil {
		return errRequired("username")
	}
	for _, name := range slices.Sorted(maps.Keys(u)) {
		v := u[name]
		if v == nil {
			continue
		}
		if _, ok := userStrings[name]; ok {
			if e := checkUserString(name, v); e != nil {
				return e
			}
			continue
		}
		if slices.Contains(userBools, name) {
			if _, ok := v.(bool); !ok {
				return errValue(name, name+" must be a boolean")
			}
			continue
		}
		spec, ok := userObjects[name]
		if !ok {
			if !userCore[name] && !userCustomNameRE.MatchString(name) {
				return userInvalidValue(name, "Unknown attribute "+name, nil)
			}
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			return errValue(name, name+" must be an object")
		}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			path := name + "." + k
			switch {
			case m[k] == nil, slices.Contains(spec.readOnly, k):
			case slices.Contains(spec.strings, k):
				if e := checkUserString(path, m[k]); e != nil {
					return e
				}
			case slices.Contains(spec.bools, k):
				if _, ok := m[k].(bool); !ok {
					return errValue(path, path+" must be a boolean")
				}
			default:
				return userInvalidValue(path, "Unknown attribute "+path, nil)
			}
		}
	}
	if p := sub(u, "photo"); p != nil && str(p, "href") == "" {
		return errRequired("photo.href")
	}
	return nil
}

// cleanUserWrite drops what a request may not set.
func cleanUserWrite(o obj) {
	for _, k := range userReadOnly {
		delete(o, k)
	}
	for name, spec := range userObjects {
		if m := sub(o, name); m != nil {
			for _, k := range spec.readOnly {
				delete(m, k)
			}
		}
	}
}

// checkUsernameUnique refuses a username another user has, compared
// case-insensitively as PingOne does.
func (s *Server) checkUsernameUnique(u obj) *apiError {
	if other := s.st.holder(s.usersPath(), str(u, "username")); other != "" && other != str(u, "id") {
		return errUnique("username", other)
	}
	return nil
}

// settleUserLinks checks the population and identity provider a user
// refers to, filling the defaults: the default population, and PingOne as
// the identity provider.
func (s *Server) settleUserLinks(u obj) *apiError {
	if pid := refID(u, "population"); pid != "" {
		if s.st.get(s.envPath("populations"), pid) == nil {
			return errValue("population.id", "No population with id "+pid)
		}
	} else {
		def := s.userDefaultPopulation()
		if def == nil {
			return errConstraint("The environment has no default population")
		}
		u["population"] = obj{"id": str(def, "id")}
	}
	idp := sub(u, "identityProvider")
	if id := str(idp, "id"); id != "" {
		p := s.st.get(s.envPath("identityProviders"), id)
		if p == nil {
			return errValue("identityProvider.id", "No identity provider with id "+id)
		}
		u["identityProvider"] = obj{"id": id, "type": str(p, "type")}
	} else {
		u["identityProvider"] = obj{"type": "PING_ONE"}
	}
	return nil
}

func (s *Server) userDefaultPopulation() obj {
	for _, p := range s.st.list(s.envPath("populations")) {
		if d, _ := boolean(p, "default"); d {
			return p
		}
	}
	return nil
}

// ---- rendering ----

// userOr404 returns the user of the path, or answers 404.
func (s *Server) userOr404(c *call) obj {
	id := c.r.PathValue("userID")
	u := s.st.get(s.usersPath(), id)
	if u == nil {
		c.fail(errNotFound("user with id " + id))
	}
	return u
}

// userQuery reads include and expand: which lists to include and whether to
// embed the population.
type userQuery struct {
	groupIDs, groupNames, population bool
}

func userQueryOf(c *call, allowInclude bool) (userQuery, *apiError) {
	var q userQuery
	bad := func(param, v string, allowed []string) *apiError {
		return errInvalid("Invalid "+param, detail{Code: "INVALID_PARAMETER", Target: param,
			Message: param + " does not support " + v, InnerError: map[string]any{"allowedValues": allowed}})
	}
	params := c.r.URL.Query()
	for _, v := range params["expand"] {
		for part := range strings.SplitSeq(v, ",") {
			switch strings.TrimSpace(part) {
			case "population":
				q.population = true
			case "":
			default:
				return q, bad("expand", part, []string{"population"})
			}
		}
	}
	for _, v := range params["include"] {
		if !allowInclude {
			return q, bad("include", v, nil)
		}
		for part := range strings.SplitSeq(v, ",") {
			switch strings.TrimSpace(part) {
			case "memberOfGroupIDs":
				q.groupIDs = true
			case "memberOfGroupNames":
				q.groupNames = true
			case "":
			default:
				return q, bad("include", part, []string{"memberOfGroupIDs", "memberOfGroupNames"})
			}
		}
	}
	return q, nil
}

// renderUser gives a stored user as PingOne serves it.
func (s *Server) renderUser(c *call, u obj, q userQuery) overlay {
	id := str(u, "id")
	var set []member
	if q.groupIDs || q.groupNames {
		ids, names := []any{}, []any{}
		for _, m := range membershipsOf(s, id) {
			ids = append(ids, str(m, "id"))
			names = append(names, str(m, "name"))
		}
		if q.groupIDs {
			set = append(set, member{"memberOfGroupIDs", ids})
		}
		if q.groupNames {
			set = append(set, member{"memberOfGroupNames", names})
		}
	}
	if q.population {
		if p := s.st.get(s.envPath("populations"), refID(u, "population")); p != nil {
			set = append(set, member{"_embedded", obj{"population": populationKind.render(c, s.envPath("populations"), p)}})
		}
	}
	self := ordered{{"href", c.selfURL(s.envPath("users", id))}}
	password := ordered{{"href", c.selfURL(s.envPath("users", id, "password"))}}
	population := ordered{{"href", c.selfURL(s.envPath("populations", refID(u, "population")))}}
	if stored := sub(u, "_links"); stored != nil {
		links := maps.Clone(stored)
		links["self"], links["password"], links["population"] = self, password, population
		set = append(set, member{"_links", links})
	} else {
		// The three links, in the order encoding/json would sort them.
		set = append(set, member{"_links", ordered{{"password", password}, {"population", population}, {"self", self}}})
	}
	// Drawn over the stored user, which is not copied: every caller
	// writes the rendering out at once.
	return overlay{base: u, set: set, drop: "memberOfGroups"}
}

// userSubLinks are the links of a user sub-resource.
func (s *Server) userSubLinks(c *call, userID, name string) obj {
	return obj{
		"self": obj{"href": c.selfURL(s.envPath("users", userID, name))},
		"user": obj{"href": c.selfURL(s.envPath("users", userID))},
	}
}

// ---- list ----

// userFilterAttrs accept eq and sw (NOTES (e): the SCIM filter table).
var userFilterAttrs = []string{"accountId", "address.streetAddress", "address.locality", "address.region",
	"address.postalCode", "address.countryCode", "email", "enabled", "externalId", "locale", "mobilePhone",
	"name.formatted", "name.given", "name.middle", "name.family", "name.honorificPrefix", "name.honorificSuffix",
	"nickname", "photo.href", "preferredLanguage", "primaryPhone", "timezone", "title", "type", "username"}

// userFilterRules are the list filter rules: the core ones, plus sw (and
// eq) on the custom string attributes present in users.
func userFilterRules(users []obj) *scimfilter.Rules {
	attrs := map[string][]scimfilter.Operator{
		"id":                 {scimfilter.Eq},
		"population.id":      {scimfilter.Eq},
		"memberOfGroups[id]": {scimfilter.Eq},
	}
	for _, a := range userFilterAttrs {
		attrs[a] = []scimfilter.Operator{scimfilter.Eq, scimfilter.Sw}
	}
	for _, a := range []string{"email", "name.family", "name.given"} {
		attrs[a] = append(attrs[a], scimfilter.Ew)
	}
	for _, u := range users {
		for k, v := range u {
			if _, isString := v.(string); isString && !userCore[k] {
				attrs[k] = []scimfilter.Operator{scimfilter.Eq, scimfilter.Sw}
			}
		}
	}
	return &scimfilter.Rules{Attributes: attrs, And: true, Or: true}
}

// withCustomAttributes adds to rules the top-level attributes the filter
// names that are not core ones: with no schema endpoint, the server takes
// them for custom string attributes (eq, sw), even when no user has one yet.
func withCustomAttributes(rules *scimfilter.Rules, filter string) {
	n, err := scimfilter.Parse(filter)
	if err != nil {
		return
	}
	var walk func(n scimfilter.Node)
	walk = func(n scimfilter.Node) {
		switch v := n.(type) {
		case scimfilter.Compare:
			if !strings.Contains(v.Attr, ".") && !userCore[v.Attr] {
				if _, ok := rules.Attributes[v.Attr]; !ok {
					rules.Attributes[v.Attr] = []scimfilter.Operator{scimfilter.Eq, scimfilter.Sw}
				}
			}
		case scimfilter.And:
			walk(v.Left)
			walk(v.Right)
		case scimfilter.Or:
			walk(v.Left)
			walk(v.Right)
		case scimfilter.Not:
			walk(v.X)
		}
	}
	walk(n)
}

func (s *Server) listUsers(c *call) {
	q, e := userQueryOf(c, false)
	if e != nil {
		c.fail(e)
		return
	}
	users := s.st.listShared(s.usersPath()) // read only: the filters copy what they keep
	if strings.Contains(strings.ToLower(c.r.URL.Query().Get("filter")), "memberofgroups") {
		// The filter needs each user's memberships (shallow copies: the
		// stored users stay as they are).
		with := make([]obj, len(users))
		for i, u := range users {
			cp := maps.Clone(u)
			cp["memberOfGroups"] = membershipsOf(s, str(u, "id"))
			with[i] = cp
		}
		users = with
	}
	var rules *scimfilter.Rules // read by serveList only for a filter
	if f := c.r.URL.Query().Get("filter"); f != "" {
		rules = userFilterRules(users)
		withCustomAttributes(rules, f)
	}
	c.serveList(users, listSpec{
		embedded:  "users",
		paged:     true,
		filter:    rules,
		render:    func(c *call, u obj) any { return s.renderUser(c, u, q) },
		seq:       s.st.seqFunc(s.usersPath()),
		ascending: true,
	})
}

// ---- create, get, update, delete ----

func (s *Server) createUser(c *call) {
	ct := c.contentType()
	body, e := c.readBody("application/json", userImportContentType)
	if e != nil {
		c.fail(e)
		return
	}
	password, forceChange, hasPassword := "", false, false
	if pw, ok := body["password"]; ok {
		delete(body, "password")
		if ct != userImportContentType {
			c.fail(userInvalidValue("password", "A password can only be set on create with Content-Type "+userImportContentType, nil))
			return
		}
		p, ok := pw.(map[string]any)
		if !ok {
			c.fail(errValue("password", "password must be an object"))
			return
		}
		if e := checkFields(p, map[string]field{"value": {typ: tString, required: true}, "forceChange": {typ: tBool}, "external": {typ: tObject}}); e != nil {
			c.fail(userPrefixTarget(e, "password."))
			return
		}
		password, hasPassword = str(p, "value"), true
		forceChange, _ = boolean(p, "forceChange")
	}
	cleanUserWrite(body)
	if e := s.checkUser(body); e != nil {
		c.fail(e)
		return
	}
	if e := s.settleUserLinks(body); e != nil {
		c.fail(e)
		return
	}
	if e := s.checkUsernameUnique(body); e != nil {
		c.fail(e)
		return
	}
	if hasPassword {
		if e := s.checkUserPassword(body, password, "password.value"); e != nil {
			c.fail(e)
			return
		}
	}
	u := body
	account := obj{"canAuthenticate": true, "status": "OK"}
	maps.Copy(account, sub(u, "account"))
	u["account"] = account
	lifecycle := obj{}
	maps.Copy(lifecycle, sub(u, "lifecycle"))
	if str(lifecycle, "status") == "" {
		lifecycle["status"] = "ACCOUNT_OK"
	}
	u["lifecycle"] = lifecycle
	if _, ok := u["mfaEnabled"]; !ok {
		u["mfaEnabled"] = false
	}
	if str(u, "verifyStatus") == "" {
		u["verifyStatus"] = "NOT_INITIATED"
	}
	id := s.newID()
	t := s.stamp()
	u["id"], u["environment"] = id, obj{"id": s.envID}
	u["enabled"], u["emailVerified"] = true, false
	u["createdAt"], u["updatedAt"] = t, t
	s.st.put(s.usersPath(), id, u)
	if hasPassword {
		s.storeUserPassword(id, password, forceChange)
	}
	writeJSON(c.w, http.StatusCreated, s.renderUser(c, u, userQuery{}))
}

// userPrefixTarget qualifies the targets of an error's details.
func userPrefixTarget(e *apiError, prefix string) *apiError {
	for i := range e.details {
		if e.details[i].Target != "" {
			e.details[i].Target = prefix + e.details[i].Target
		}
	}
	return e
}

func (s *Server) getUser(c *call) {
	q, e := userQueryOf(c, true)
	if e != nil {
		c.fail(e)
		return
	}
	u := s.userOr404(c)
	if u == nil {
		return
	}
	writeJSON(c.w, 200, s.renderUser(c, u, q))
}

// userMergePatch applies a JSON merge patch (RFC 7396): null removes a member,
// objects merge member by member, anything else (arrays included) replaces.
func userMergePatch(dst, patch obj) {
	for k, v := range patch {
		switch pv := v.(type) {
		case nil:
			delete(dst, k)
		case map[string]any:
			cur, ok := dst[k].(map[string]any)
			if !ok {
				cur = obj{}
			}
			userMergePatch(cur, pv)
			dst[k] = cur
		default:
			dst[k] = v
		}
	}
}

func (s *Server) patchUser(c *call) {
	old := s.userOr404(c)
	if old == nil {
		return
	}
	body, e := c.readBody()
	if e != nil {
		c.fail(e)
		return
	}
	if _, ok := body["password"]; ok {
		c.fail(userInvalidValue("password", "A password is changed with PUT /users/{userID}/password", nil))
		return
	}
	cleanUserWrite(body)
	if pop, ok := body["population"]; ok && pop == nil {
		delete(body, "population") // a user always has a population
	}
	idp, idpSent := body["identityProvider"]
	u := clone(old)
	userMergePatch(u, body)
	if idpSent {
		// The link is replaced as a whole: its type follows the id.
		u["identityProvider"] = obj{}
		if m, ok := idp.(map[string]any); ok && m["id"] != nil {
			u["identityProvider"] = obj{"id": m["id"]}
		}
	}
	if a := sub(u, "account"); a != nil {
		if _, ok := a["canAuthenticate"]; !ok {
			a["canAuthenticate"] = true
		}
		if str(a, "status") == "" {
			a["status"] = "OK"
		}
	}
	if e := s.checkUser(u); e != nil {
		c.fail(e)
		return
	}
	if e := s.settleUserLinks(u); e != nil {
		c.fail(e)
		return
	}
	if e := s.checkUsernameUnique(u); e != nil {
		c.fail(e)
		return
	}
	if refID(u, "population") != refID(old, "population") {
		s.leavePopulationGroups(str(u, "id"), refID(u, "population"))
	}
	u["updatedAt"] = s.stamp()
	s.st.put(s.usersPath(), str(u, "id"), u)
	writeJSON(c.w, 200, s.renderUser(c, u, userQuery{}))
}

func (s *Server) deleteUser(c *call) {
	u := s.userOr404(c)
	if u == nil {
		return
	}
	id := str(u, "id")
	s.st.remove(s.usersPath(), id) // with its role assignments, memberships and password state
	delete(s.passwords, id)
	delete(s.pwChanged, id)
	c.w.WriteHeader(http.StatusNoContent)
}
