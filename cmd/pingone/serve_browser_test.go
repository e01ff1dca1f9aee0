package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pingone-go/pingone/actions"
	"github.com/pingone-go/pingone/internal/testenv"
)

// TestServePlaygroundInBrowser drives the Playground in headless
// Chromium: sign in through pingonetest's sign-in page, run List Users
// and see the seeded administrator, then Delete Population: refused with
// writes off, cancelled at the confirmation, then confirmed and gone.
// Last, with JavaScript off, the page says that it needs it.
func TestServePlaygroundInBrowser(t *testing.T) {
	path := testenv.Chromium(t)
	c := newCLI(t)
	s := startServe(t, c)
	// The population to delete, made with the key.
	resp, data := s.request(nil, "POST", "/v1/actions/create_population", obj{"body": obj{"name": "Doomed"}}, s.withKey(headerAllowWrites, "true"))
	if resp.StatusCode != 200 {
		t.Fatalf("create_population: %d %s", resp.StatusCode, data)
	}
	var created struct{ ID string }
	if err := json.Unmarshal(data, &created); err != nil || created.ID == "" {
		t.Fatalf("create_population: %s", data)
	}
	popID := created.ID
	popExists := func() bool {
		t.Helper()
		resp, data := s.request(nil, "POST", "/v1/actions/get_population", obj{"populationID": popID}, s.withKey())
		if resp.StatusCode != 200 && resp.StatusCode != 404 {
			t.Fatalf("get_population: %d %s", resp.StatusCode, data)
		}
		return resp.StatusCode == 200
	}

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(t.Context(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	defer cancel()
	step := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return s
	}
	// until waits for a JavaScript condition on the page.
	until := func(what, cond string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond)); err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
	}
	admin := c.srv.Admin()

	step("sign in",
		chromedp.Navigate(s.base+"/"),
		chromedp.Click(chromedp.CSS("#signin")),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), admin.Username),
		chromedp.SendKeys(chromedp.CSS("#password"), admin.Password),
		chromedp.Click(chromedp.CSS("#submit")),
		chromedp.WaitVisible(chromedp.CSS(`button[data-action="list_users"]`)),
	)
	if who := text("#who"); !strings.Contains(who, admin.Username) {
		t.Errorf("the Playground says %q, not who signed in", who)
	}

	// Each body editor is prefilled with a skeleton valid under the body's
	// schema, by the page's own check and by the catalogue's.
	skeletons, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]json.RawMessage](`Object.fromEntries(playground.catalogue()
		.filter((a) => a.inputSchema.properties && a.inputSchema.properties.body)
		.map((a) => {
			const body = a.inputSchema.properties.body, sk = playground.skeleton(body, "body");
			return [a.name, {skeleton: sk, problems: playground.validate(body, sk, "/body")}];
		}))`))
	if err != nil {
		t.Fatalf("the page's skeletons: %v", err)
	}
	withBody := 0
	for _, a := range actions.All() {
		body := a.InputSchema().Properties["body"]
		if body == nil {
			continue
		}
		withBody++
		var got struct {
			Skeleton any
			Problems []string
		}
		if err := json.Unmarshal(skeletons[a.Name], &got); err != nil {
			t.Errorf("%s: no skeleton: %v", a.Name, err)
			continue
		}
		if len(got.Problems) > 0 {
			t.Errorf("%s: the page finds its own skeleton %v not valid: %v", a.Name, got.Skeleton, got.Problems)
		}
		if err := validate(body, got.Skeleton); err != nil {
			t.Errorf("%s: the skeleton %v is not valid under the body's schema: %v", a.Name, got.Skeleton, err)
		}
	}
	if withBody == 0 || len(skeletons) != withBody {
		t.Errorf("%d skeletons for %d actions with a body", len(skeletons), withBody)
	}

	// Search narrows the list; List Users runs and shows the administrator.
	step("search", chromedp.SendKeys(chromedp.CSS("#search"), "list users"))
	until("the search", `document.querySelectorAll("button.action").length < 10`)
	step("run List Users",
		chromedp.Click(chromedp.CSS(`button[data-action="list_users"]`)),
		chromedp.WaitVisible(chromedp.CSS("#run")),
		chromedp.Click(chromedp.CSS("#run")),
	)
	until("List Users' output", `document.getElementById("result-title").textContent.startsWith("Output")`)
	if out := text("#output"); !strings.Contains(out, admin.Username) || !strings.Contains(out, admin.UserID) {
		t.Errorf("List Users shows %s, not the administrator %s", out, admin.Username)
	}

	// Delete Population with writes off: refused, nothing sent.
	step("pick Delete Population",
		// A new search: the words replaced, and a space typed.
		chromedp.SetValue(chromedp.CSS("#search"), "delete population"),
		chromedp.SendKeys(chromedp.CSS("#search"), " "),
		chromedp.WaitVisible(chromedp.CSS(`button[data-action="delete_population"]`)),
		chromedp.Click(chromedp.CSS(`button[data-action="delete_population"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-populationID")),
		chromedp.SendKeys(chromedp.CSS("#f-populationID"), popID),
		chromedp.Click(chromedp.CSS("#run")),
	)
	until("the refusal", `document.getElementById("result-title").textContent === "Not run"`)
	if msg := text("#error"); !strings.Contains(msg, "Allow writes") {
		t.Errorf("with writes off: %q", msg)
	}
	if !popExists() {
		t.Fatal("the population was deleted with writes off")
	}

	// Writes on: a confirmation; cancelled, nothing happens.
	step("run with writes on, cancel",
		chromedp.Click(chromedp.CSS("#allow-writes")),
		chromedp.Click(chromedp.CSS("#run")),
		chromedp.WaitVisible(chromedp.CSS("#confirm")),
	)
	if q := text("#confirm-title"); !strings.Contains(q, "Delete Population") {
		t.Errorf("the confirmation asks %q", q)
	}
	step("cancel", chromedp.Click(chromedp.CSS("#confirm-cancel")))
	until("the cancellation", `!document.getElementById("confirm").open && document.querySelector("#error dd").textContent.startsWith("not_confirmed")`)
	if !popExists() {
		t.Fatal("the population was deleted though the confirmation was cancelled")
	}

	// Confirmed: the population is gone.
	step("run, confirm",
		chromedp.Click(chromedp.CSS("#run")),
		chromedp.WaitVisible(chromedp.CSS("#confirm")),
		chromedp.Click(chromedp.CSS("#confirm-ok")),
	)
	until("Delete Population's output", `document.getElementById("result-title").textContent.startsWith("Output")`)
	if popExists() {
		t.Error("the population is still there after a confirmed Delete Population")
	}
	// And the error of a second try shows PingOne's code and correlation ID.
	step("run again", chromedp.Click(chromedp.CSS("#run")), chromedp.WaitVisible(chromedp.CSS("#confirm")), chromedp.Click(chromedp.CSS("#confirm-ok")))
	until("the error", `document.getElementById("result-title").textContent.startsWith("Error (HTTP 404)")`)
	if e := text("#error"); !strings.Contains(e, "NOT_FOUND") || !strings.Contains(e, "Correlation ID") {
		t.Errorf("the error shows %q", e)
	}

	// With JavaScript off, the page says what it needs.
	noJS, cancelNoJS := chromedp.NewContext(browser)
	defer cancelNoJS()
	noJSCtx, cancel2 := context.WithTimeout(noJS, 30*time.Second)
	defer cancel2()
	err = chromedp.Do(noJSCtx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(s.base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#noscript")),
	)
	if err != nil {
		t.Fatalf("the Playground without JavaScript: %v", err)
	}
	msg, err := chromedp.Run(noJSCtx, chromedp.Text(chromedp.CSS("#noscript")))
	if err != nil || !strings.Contains(msg, "needs JavaScript") {
		t.Errorf("without JavaScript the page says %q (%v)", msg, err)
	}
}
