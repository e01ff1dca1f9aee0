package pingone

import "time"

// SetTokenFetchTimeout shortens the bound on one token fetch, for tests.
func SetTokenFetchTimeout(c *Client, d time.Duration) { c.core.tokens.timeout = d }
