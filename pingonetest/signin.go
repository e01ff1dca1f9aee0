package pingonetest

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

var (
	formAction = regexp.MustCompile(`<form[^>]*action="([^"]+)"`)
	hiddenPair = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

// SubmitSignIn does what a person's browser does with the server's
// sign-in page at authURL (an authorization request, as from
// [pingone.AuthCodeFlow]): it loads the page, fills in the form with
// username and password, posts it and follows the redirect to the
// application's callback (a loopback listener such as
// [pingone.AuthCodeFlow.SignIn]'s). It returns an error when the page,
// the sign-in or the callback fails.
func SubmitSignIn(ctx context.Context, authURL, username, password string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", authURL, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		return fmt.Errorf("pingonetest: sign-in page: %d %s", resp.StatusCode, strings.TrimSpace(string(page)))
	}
	m := formAction.FindSubmatch(page)
	if m == nil {
		return errors.New("pingonetest: the sign-in page has no form")
	}
	action, err := resp.Request.URL.Parse(html.UnescapeString(string(m[1])))
	if err != nil {
		return err
	}
	form := url.Values{}
	for _, h := range hiddenPair.FindAllSubmatch(page, -1) {
		form.Set(html.UnescapeString(string(h[1])), html.UnescapeString(string(h[2])))
	}
	form.Set("username", username)
	form.Set("password", password)
	post, err := http.NewRequestWithContext(ctx, "POST", action.String(), strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	post.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = http.DefaultClient.Do(post) // follows the redirect to the callback
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		body, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("pingonetest: sign-in: %d %s", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	return nil
}
