package actions

import (
	"context"

	"github.com/pingone-go/pingone"
)

func userinfoSpecs() []spec {
	return []spec{{
		name: "get_current_user_info", title: "Get Current User Info", family: "userinfo", method: "GET", path: "/{environmentID}/as/userinfo",
		sdk: "UserInfoService.Get", hints: reads,
		desc: `Returns the OpenID Connect claims of the user who signed in: the client must hold that user's token (from an authorization code sign-in), not a worker application's. Which claims come back depends on the scopes granted at sign-in. It is served by the environment's auth host, not the management API.`,
		run: get(func(ctx context.Context, x target, in *struct{}) (*pingone.UserInfo, error) {
			return x.client.UserInfo.Get(ctx, x.ID)
		}),
	}}
}
