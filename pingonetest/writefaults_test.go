package pingonetest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pingone-go/pingone/pingonetest"
)

// populationNames lists the environment's population names.
func populationNames(t *testing.T, srv *pingonetest.Server, tok string) []string {
	t.Helper()
	resp, body := get(t, envURL(srv, "/populations"), tok)
	require.Equal(t, 200, resp.StatusCode)
	var names []string
	for _, p := range body["_embedded"].(map[string]any)["populations"].([]any) {
		names = append(names, p.(map[string]any)["name"].(string))
	}
	return names
}

// post sends a JSON POST; err is set when no answer came (a reset).
func post(t *testing.T, url, tok, body string) (int, map[string]any, error) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out, nil
}

// TestWriteFailures: before the write, nothing is done; after it, the
// write is done; either way the client gets the same failure, and the
// stats tell what happened.
func TestWriteFailures(t *testing.T) {
	t.Parallel()
	for _, after := range []bool{false, true} {
		for _, answer := range []pingonetest.FailureAnswer{pingonetest.Answer500, pingonetest.Answer502, pingonetest.AnswerReset} {
			name := fmt.Sprintf("after=%v/%v", after, answer)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				wf := pingonetest.WriteFailure{Route: "POST /v1/environments/*/populations", Answer: answer, Times: 1}
				opt := pingonetest.WithFailBeforeWrite(wf)
				if after {
					opt = pingonetest.WithFailAfterWrite(wf)
				}
				var srv *pingonetest.Server
				if answer == pingonetest.AnswerReset {
					srv = pingonetest.NewServer(t, opt) // no answer at all: nothing for the contract to check
				} else {
					srv = checked(t, opt)
				}
				tok := workerToken(t, srv)
				srv.ResetStats()

				status, body, err := post(t, envURL(srv, "/populations"), tok, `{"name":"Maybe"}`)
				switch answer {
				case pingonetest.AnswerReset:
					require.Error(t, err, "the connection is reset")
				case pingonetest.Answer500:
					require.NoError(t, err)
					assert.Equal(t, 500, status)
					assert.Equal(t, "UNEXPECTED_ERROR", body["code"])
					assert.NotEmpty(t, body["id"])
				case pingonetest.Answer502:
					require.NoError(t, err)
					assert.Equal(t, 502, status)
				}
				created := 0
				if after {
					created = 1
				}
				names := populationNames(t, srv, tok)
				assert.Equal(t, after, assert.ObjectsAreEqual([]string{"Default", "Maybe"}, names), "%v", names)
				st := srv.Stats()
				assert.Equal(t, created, st.Writes["/environments/{envID}/populations"].Creates)
				wire := map[pingonetest.FailureAnswer]int{pingonetest.Answer500: 500, pingonetest.Answer502: 502, pingonetest.AnswerReset: 0}[answer]
				assert.Equal(t, 1, st.RouteStatuses["POST /v1/environments/{envID}/populations"][wire])

				// Times: 1 — the next write goes through.
				status, _, err = post(t, envURL(srv, "/populations"), tok, `{"name":"Surely"}`)
				require.NoError(t, err)
				assert.Equal(t, 201, status)
				assert.Equal(t, created+1, srv.Stats().Writes["/environments/{envID}/populations"].Creates)
			})
		}
	}
}

// TestFailAfterWriteKeepsRefusals: a write the server refuses keeps its
// real answer and does not use up the failure.
func TestFailAfterWriteKeepsRefusals(t *testing.T) {
	t.Parallel()
	srv := checked(t, pingonetest.WithFailAfterWrite(pingonetest.WriteFailure{Times: 1}))
	tok := workerToken(t, srv)
	status, body, err := post(t, envURL(srv, "/populations"), tok, `{"name":"Default"}`)
	require.NoError(t, err)
	assert.Equal(t, 400, status, "a duplicate name")
	assert.Equal(t, "INVALID_DATA", body["code"])
	status, _, err = post(t, envURL(srv, "/populations"), tok, `{"name":"Fresh"}`)
	require.NoError(t, err)
	assert.Equal(t, 500, status, "the failure was still there")
	resp, _ := get(t, envURL(srv, "/populations"), tok)
	assert.Equal(t, 200, resp.StatusCode, "reads never fail")
}

// TestRandomWriteFailuresAreSeeded: the same seed and requests give the
// same failures; only the writes that answered 2xx were applied.
func TestRandomWriteFailuresAreSeeded(t *testing.T) {
	t.Parallel()
	run := func() ([]int, int) {
		srv := checked(t, pingonetest.WithSeed(7), pingonetest.WithFailBeforeWrite(pingonetest.WriteFailure{Route: "PUT /v1/environments/*/populations/*", Rate: 0.5}))
		tok := workerToken(t, srv)
		_, body, err := post(t, envURL(srv, "/populations"), tok, `{"name":"Target"}`)
		require.NoError(t, err)
		id := body["id"].(string)
		var statuses []int
		for i := range 20 {
			resp, _ := send(t, "PUT", envURL(srv, "/populations/"+id), tok, fmt.Sprintf(`{"name":"Target %d"}`, i))
			statuses = append(statuses, resp.StatusCode)
		}
		return statuses, srv.Stats().Writes["/environments/{envID}/populations"].Updates
	}
	a, appliedA := run()
	b, _ := run()
	assert.Equal(t, a, b)
	assert.Contains(t, a, 200)
	assert.Contains(t, a, 500)
	ok := 0
	for _, s := range a {
		if s == 200 {
			ok++
		}
	}
	assert.Equal(t, ok, appliedA)
}

// TestStatsCountWhatTheServerSaw counts routes, statuses and writes, and
// stays right under concurrent use.
func TestStatsCountWhatTheServerSaw(t *testing.T) {
	t.Parallel()
	srv := checked(t)
	tok := workerToken(t, srv)
	st := srv.Stats()
	assert.Equal(t, 1, st.Requests["POST /{envID}/as/token"])
	srv.ResetStats()
	assert.Empty(t, srv.Stats().Requests)

	pops := envURL(srv, "/populations")
	get(t, pops, tok)
	get(t, pops, tok)
	get(t, envURL(srv, "/nothingHere"), tok)
	send(t, "PATCH", pops, tok, "")
	_, body, err := post(t, pops, tok, `{"name":"Counted"}`)
	require.NoError(t, err)
	send(t, "DELETE", pops+"/"+body["id"].(string), tok, "")
	send(t, "DELETE", pops+"/"+body["id"].(string), tok, "")

	st = srv.Stats()
	assert.Equal(t, map[string]int{
		"GET /v1/environments/{envID}/populations":                   2,
		"POST /v1/environments/{envID}/populations":                  1,
		"DELETE /v1/environments/{envID}/populations/{populationID}": 2,
		"GET (no route)":   1,
		"PATCH (no route)": 1,
	}, st.Requests)
	assert.Equal(t, map[int]int{200: 2, 201: 1, 204: 1, 404: 2, 405: 1}, st.Statuses)
	assert.Equal(t, map[string]pingonetest.WriteCounts{"/environments/{envID}/populations": {Creates: 1, Deletes: 1}}, st.Writes)

	st.Requests["mine"] = 1
	assert.NotContains(t, srv.Stats().Requests, "mine", "Stats returns a copy")

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 5 {
				get(t, pops, tok)
				_ = srv.Stats()
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 42, srv.Stats().Requests["GET /v1/environments/{envID}/populations"])
}
