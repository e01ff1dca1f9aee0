package pingonetest

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pingone-go/pingone/internal/scimfilter"
)

// The user sub-resources: enabled, password, population, identity
// provider, verify status and activities.

// ---- enabled ----

func (s *Server) renderEnabled(c *call, u obj) obj {
	enabled, _ := boolean(u, "enabled")
	return obj{"enabled": enabled, "_links": s.userSubLinks(c, str(u, "id"), "enabled")}
}

func (s *Server) getUserEnabled(c *call) {
	if u := s.userOr404(c); u != nil {
		writeJSON(c.w, 200, s.renderEnabled(c, u))
	}
}

func (s *Server) setUserEnabled(c *call) {
	u := s.userOr404(c)
	if u == nil {
		return
	}
	body, ok := c.readChecked(map[string]field{"enabled": {typ: tBool, required: true}})
	if !ok {
		return
	}
	u["enabled"] = body["enabled"]
	u["updatedAt"] = s.stamp()
	writeJSON(c.w, 200, s.renderEnabled(c, u))
}

// ---- password ----

// userPasswordStatePath holds a user's password flags (removed with the user).
func (s *Server) userPasswordStatePath(userID string) string {
	return s.envPath("users", userID, "passwordState")
}

// storeUserPassword records a password set by an administrator or an import.
func (s *Server) storeUserPassword(userID, value string, forceChange bool) {
	s.passwords[userID] = value
	s.passwordChanged(userID)
	s.st.put(s.userPasswordStatePath(userID), "state", obj{"forceChange": forceChange})
}

// userPasswordPolicy returns the policy that applies to a user: its
// population's, else the environment's default.
func (s *Server) userPasswordPolicy(u obj) obj {
	policies := s.envPath("passwordPolicies")
	pop := s.st.get(s.envPath("populations"), refID(u, "population"))
	if id := refID(pop, "passwordPolicy"); id != "" {
		if p := s.st.get(policies, id); p != nil {
			return p
		}
	}
	for _, p := range s.st.list(policies) {
		if d, _ := boolean(p, "default"); d {
			return p
		}
	}
	return nil
}

// checkUserPassword checks a new password's length against the user's
// policy. The error never holds the password.
func (s *Server) checkUserPassword(u obj, password, target string) *apiError {
	if password == "" {
		return errInvalid("The request could not be completed. One or more validation errors were in the request.",
			detail{Code: "EMPTY_VALUE", Target: target, Message: "The password must not be empty"})
	}
	p := s.userPasswordPolicy(u)
	if strings.HasPrefix(password, "{") {
		return nil // pre-encoded ({SSHA512}…): nothing to measure
	}
	n := utf8.RuneCountInString(password)
	length := sub(p, "length")
	if lo, ok := number(length, "min"); ok && float64(n) < lo {
		return userInvalidValue(target, "The password does not satisfy the password policy: it is too short", map[string]any{"rangeMinimumValue": int(lo)})
	}
	if hi, ok := number(length, "max"); ok && float64(n) > hi {
		return userInvalidValue(target, "The password does not satisfy the password policy: it is too long", map[string]any{"rangeMaximumValue": int(hi)})
	}
	return nil
}

func (s *Server) renderUserPassword(c *call, u obj, expandPolicy bool) obj {
	id := str(u, "id")
	out := obj{
		"environment": obj{"id": s.envID},
		"user":        obj{"id": id},
		"_links":      s.userSubLinks(c, id, "password"),
	}
	policy := s.userPasswordPolicy(u)
	if policy != nil {
		out["passwordPolicy"] = obj{"id": str(policy, "id")}
		if expandPolicy {
			out["_embedded"] = obj{"passwordPolicy": c.decorate(policy, s.envPath("passwordPolicies", str(policy, "id")))}
		}
	}
	_, has := s.passwords[id]
	changed := s.pwChanged[id]
	force, _ := boolean(s.st.get(s.userPasswordStatePath(id), "state"), "forceChange")
	switch {
	case !has:
		out["status"] = "NO_PASSWORD"
	case force:
		out["status"] = "MUST_CHANGE_PASSWORD"
	case userPasswordExpired(policy, changed, s.now()):
		out["status"] = "PASSWORD_EXPIRED"
	default:
		out["status"] = "OK"
	}
	if has && changed != "" {
		out["lastChangedAt"] = changed
	}
	return out
}

// userPasswordExpired applies the policy's maxAgeDays.
func userPasswordExpired(policy obj, changed string, now time.Time) bool {
	days, ok := number(policy, "maxAgeDays")
	if !ok || days <= 0 {
		return false
	}
	t, err := time.Parse(time.RFC3339Nano, changed)
	return err == nil && now.Sub(t) > time.Duration(days*24)*time.Hour
}

func (s *Server) getUserPassword(c *call) {
	expand := false
	for _, v := range c.r.URL.Query()["expand"] {
		if v != "passwordPolicy" {
			c.fail(errInvalid("Invalid expand", detail{Code: "INVALID_PARAMETER", Target: "expand", Message: "expand supports passwordPolicy only"}))
			return
		}
		expand = true
	}
	if u := s.userOr404(c); u != nil {
		writeJSON(c.w, 200, s.renderUserPassword(c, u, expand))
	}
}

func (s *Server) setUserPassword(c *call) {
	u := s.userOr404(c)
	if u == nil {
		return
	}
	// Other content types on this URL are other operations (check, reset,
	// recover, …), which the server does not implement.
	body, ok := c.readChecked(map[string]field{"value": {typ: tString, required: true}, "forceChange": {typ: tBool}}, userPasswordSetContentType)
	if !ok {
		return
	}
	value := str(body, "value")
	if e := s.checkUserPassword(u, value, "value"); e != nil {
		c.fail(e)
		return
	}
	force, _ := boolean(body, "forceChange")
	s.storeUserPassword(str(u, "id"), value, force)
	writeJSON(c.w, 200, s.renderUserPassword(c, u, false))
}

// ---- population ----

func (s *Server) renderUserPopulation(c *call, u obj) obj {
	pid := refID(u, "population")
	links := s.userSubLinks(c, str(u, "id"), "population")
	links["population"] = obj{"href": c.selfURL(s.envPath("populations", pid))}
	return obj{"id": pid, "_links": links}
}

func (s *Server) getUserPopulation(c *call) {
	if u := s.userOr404(c); u != nil {
		writeJSON(c.w, 200, s.renderUserPopulation(c, u))
	}
}

func (s *Server) setUserPopulation(c *call) {
	u := s.userOr404(c)
	if u == nil {
		return
	}
	body, ok := c.readChecked(map[string]field{"id": {typ: tString, required: true}})
	if !ok {
		return
	}
	pid := str(body, "id")
	if s.st.get(s.envPath("populations"), pid) == nil {
		c.fail(errValue("id", "No population with id "+pid))
		return
	}
	if pid != refID(u, "population") {
		u["population"] = obj{"id": pid}
		u["updatedAt"] = s.stamp()
		s.leavePopulationGroups(str(u, "id"), pid)
	}
	writeJSON(c.w, 200, s.renderUserPopulation(c, u))
}

// leavePopulationGroups removes a user who moved to population popID from
// the population groups of other populations, as PingOne does.
func (s *Server) leavePopulationGroups(userID, popID string) {
	coll := s.envPath("users", userID, "memberOfGroups")
	for _, m := range s.st.list(coll) {
		g := s.st.get(s.envPath("groups"), str(m, "id"))
		if gp := refID(g, "population"); gp != "" && gp != popID {
			s.st.remove(coll, str(m, "id"))
		}
	}
}

// ---- identity provider ----

func (s *Server) renderUserIdP(c *call, u obj) obj {
	link := obj{"type": "PING_ONE"}
	if idp := sub(u, "identityProvider"); idp != nil && str(idp, "type") != "" {
		link = clone(idp)
	}
	return obj{"identityProvider": link, "_links": s.userSubLinks(c, str(u, "id"), "identityProvider")}
}

func (s *Server) getUserIdP(c *call) {
	if u := s.userOr404(c); u != nil {
		writeJSON(c.w, 200, s.renderUserIdP(c, u))
	}
}

// setUserIdP links a user to an identity provider. It takes the spec's
// {"identityProvider": {"id": …}} and the docs' {"id": …}; an empty body, {}
// or an empty id resets the link to PingOne.
func (s *Server) setUserIdP(c *call) {
	u := s.userOr404(c)
	if u == nil {
		return
	}
	body := obj{}
	if c.r.ContentLength != 0 || c.r.Header.Get("Content-Type") != "" {
		var e *apiError
		if body, e = c.readBody(); e != nil {
			c.fail(e)
			return
		}
	}
	var id any
	switch v := body["identityProvider"].(type) {
	case nil:
		id = body["id"]
	case map[string]any:
		id = v["id"]
	default:
		c.fail(errValue("identityProvider", "identityProvider must be an object"))
		return
	}
	if id != nil {
		if _, ok := id.(string); !ok {
			c.fail(errValue("identityProvider.id", "identityProvider.id must be a string"))
			return
		}
	}
	if c.auth != nil && c.auth.userID == str(u, "id") {
		c.fail(errAccess(403, "INSUFFICIENT_PERMISSIONS", "Users cannot change their own identity provider"))
		return
	}
	next := clone(u)
	next["identityProvider"] = obj{"id": id}
	if e := s.settleUserLinks(next); e != nil {
		c.fail(e)
		return
	}
	u["identityProvider"] = next["identityProvider"]
	u["updatedAt"] = s.stamp()
	writeJSON(c.w, 200, s.renderUserIdP(c, u))
}

// ---- verify status ----

func (s *Server) renderVerifyStatus(c *call, u obj) obj {
	vs := str(u, "verifyStatus")
	if vs == "" {
		vs = "NOT_INITIATED"
	}
	return obj{"verifyStatus": vs, "_links": s.userSubLinks(c, str(u, "id"), "verifyStatus")}
}

func (s *Server) getUserVerifyStatus(c *call) {
	if u := s.userOr404(c); u != nil {
		writeJSON(c.w, 200, s.renderVerifyStatus(c, u))
	}
}

func (s *Server) setUserVerifyStatus(c *call) {
	u := s.userOr404(c)
	if u == nil {
		return
	}
	body, ok := c.readChecked(map[string]field{"verifyStatus": {typ: tString, required: true, enum: userStrings["verifyStatus"].enum}})
	if !ok {
		return
	}
	u["verifyStatus"] = str(body, "verifyStatus")
	u["updatedAt"] = s.stamp()
	writeJSON(c.w, 200, s.renderVerifyStatus(c, u))
}

// ---- user activities ----

var userActivityRules = scimfilter.Rules{
	Attributes: map[string][]scimfilter.Operator{"startDate": {scimfilter.Eq}, "endDate": {scimfilter.Eq}},
	And:        true,
}

func userInvalidFilter(msg string) *apiError {
	return errInvalid("Invalid filter", detail{Code: "INVALID_FILTER", Target: "filter", Message: msg})
}

// userActivityPeriod reads the period of the user activity report from its
// filter: startDate eq "…" and endDate eq "…", both required.
func userActivityPeriod(filter string) (start, end time.Time, e *apiError) {
	n, err := scimfilter.Parse(filter)
	if err != nil {
		return start, end, userInvalidFilter(err.Error())
	}
	if err := scimfilter.Check(n, userActivityRules); err != nil {
		e := userInvalidFilter(err.Error())
		if ue, ok := err.(*scimfilter.UnsupportedError); ok {
			e.details[0].InnerError = map[string]any{"supportedAttributes": ue.SupportedAttributes, "supportedOperators": ue.SupportedOperators}
		}
		return start, end, e
	}
	var found []scimfilter.Compare
	var walk func(scimfilter.Node)
	walk = func(n scimfilter.Node) {
		switch n := n.(type) {
		case scimfilter.And:
			walk(n.Left)
			walk(n.Right)
		case scimfilter.Compare:
			found = append(found, n)
		}
	}
	walk(n)
	var starts, ends int
	for _, cmp := range found {
		t, err := time.Parse(time.RFC3339Nano, cmp.Value.Str)
		if cmp.Value.Kind != scimfilter.KindString || err != nil {
			return start, end, userInvalidFilter(cmp.Attr + " must be an ISO 8601 timestamp in quotes")
		}
		if strings.EqualFold(cmp.Attr, "startDate") {
			start, starts = t.UTC(), starts+1
		} else {
			end, ends = t.UTC(), ends+1
		}
	}
	if starts != 1 || ends != 1 {
		return start, end, userInvalidFilter(`The filter needs startDate eq "…" and endDate eq "…", each once`)
	}
	if !end.After(start) {
		return start, end, userInvalidValue("filter", "endDate must be after startDate", nil)
	}
	return start, end, nil
}

// userMaxActivitySamples bounds the report.
const userMaxActivitySamples = 2000

func (s *Server) userActivities(c *call) {
	params := c.r.URL.Query()
	end := s.now().UTC().Truncate(time.Hour).Add(time.Hour)
	start := end.Add(-30 * 24 * time.Hour)
	if f := params.Get("filter"); f != "" {
		var e *apiError
		if start, end, e = userActivityPeriod(f); e != nil {
			c.fail(e)
			return
		}
	}
	step := map[string]time.Duration{"HOUR": time.Hour, "DAY": 24 * time.Hour, "WEEK": 7 * 24 * time.Hour}
	size := params.Get("sampleSize")
	switch span := end.Sub(start); {
	case size != "":
	case span <= 5*24*time.Hour:
		size = "HOUR"
	case span <= 60*24*time.Hour:
		size = "DAY"
	default:
		size = "WEEK"
	}
	d, ok := step[size]
	if !ok {
		c.fail(errInvalid("Invalid sampleSize", detail{Code: "INVALID_PARAMETER", Target: "sampleSize",
			Message: "sampleSize must be HOUR, DAY or WEEK", InnerError: map[string]any{"allowedValues": []string{"HOUR", "DAY", "WEEK"}}}))
		return
	}
	if end.Sub(start)/d >= userMaxActivitySamples {
		c.fail(userInvalidValue("sampleSize", "The period holds too many samples of this size: choose a larger sampleSize", nil))
		return
	}
	// Sign-ons are counted from the attempts on the sign-in form; password
	// resets are not recorded by this server (always 0).
	n := int((end.Sub(start) + d - 1) / d)
	successes, failures := make([]int, n), make([]int, n)
	for _, so := range s.signOns {
		if so.at.Before(start) || !so.at.Before(end) {
			continue
		}
		if i := int(so.at.Sub(start) / d); so.ok {
			successes[i]++
		} else {
			failures[i]++
		}
	}
	items := []any{}
	for i, from := 0, start; from.Before(end); i, from = i+1, from.Add(d) {
		to := from.Add(d)
		if to.After(end) {
			to = end
		}
		items = append(items, obj{
			"startDate":      from.Format("2006-01-02T15:04:05.000Z"),
			"endDate":        to.Format("2006-01-02T15:04:05.000Z"),
			"environment":    obj{"id": s.envID},
			"userSignOns":    obj{"successes": successes[i], "failures": failures[i]},
			"passwordResets": 0,
		})
	}
	self := c.r.URL.Path
	if c.r.URL.RawQuery != "" {
		self += "?" + c.r.URL.RawQuery
	}
	writeJSON(c.w, 200, collection(obj{"self": obj{"href": c.origin() + self}}, "userActivities", items, len(items)))
}
