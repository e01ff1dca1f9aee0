package actions

// SDKMethod returns the SDK method an action calls ("UsersService.Get").
func SDKMethod(a *Action) string { return a.sdk }
