package pingonetest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pingone-go/pingone/pingonetest"
)

// BenchmarkGetUser measures a GET of one user over HTTP, with the
// replication lag off and on (with writes in its window), to show what the
// lag costs.
func BenchmarkGetUser(b *testing.B) {
	for name, opts := range map[string][]pingonetest.Option{
		"lag off": nil,
		"lag on":  {pingonetest.WithReplicationLag(time.Hour)},
	} {
		b.Run(name, func(b *testing.B) {
			srv := pingonetest.NewServer(b, opts...)
			tok := workerToken(b, srv)
			url := srv.APIURL() + "/environments/" + srv.EnvironmentID() + "/users/" + srv.Admin().UserID
			for range 10 { // history for the lag to walk
				w, _ := http.NewRequest("PUT", url+"/enabled", strings.NewReader(`{"enabled":true}`))
				w.Header.Set("Authorization", "Bearer "+tok)
				w.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(w)
				if err != nil {
					b.Fatal(err)
				}
				resp.Body.Close()
			}
			req, _ := http.NewRequest("GET", url, nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			for b.Loop() {
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				resp.Body.Close()
			}
		})
	}
}
