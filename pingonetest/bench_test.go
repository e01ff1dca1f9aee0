package pingonetest_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pingone-go/pingone"
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

// BenchmarkListUsersPage measures pingonetest answering one page of 1,000
// users from 20,000 (the handler alone, no HTTP and no latency): the time
// the server adds to a walk's every page on top of WithLatency.
func BenchmarkListUsersPage(b *testing.B) {
	srv := pingonetest.NewServer(b)
	c, err := pingone.NewClient(srv.ClientOptions()...)
	if err != nil {
		b.Fatal(err)
	}
	env := c.Environment(srv.EnvironmentID())
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range 20000 {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			_, err := env.Users.Create(b.Context(), pingone.CreateUserRequest{
				Username: fmt.Sprintf("bench%06d", i), Email: fmt.Sprintf("user%d@example.com", i),
				Name:  pingone.Value(pingone.UserName{Given: "Given", Family: fmt.Sprintf("Family%d", i)}),
				Title: pingone.Value("Engineer"), Locale: pingone.Value("en-US"),
				Address: pingone.Value(pingone.UserAddress{StreetAddress: fmt.Sprintf("%d Main Street", i), Locality: "Springfield", CountryCode: "US"}),
			})
			if err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
	first, err := env.Users.List(b.Context(), &pingone.ListUsersOptions{ListOptions: pingone.ListOptions{Limit: 1000}})
	if err != nil {
		b.Fatal(err)
	}
	// The tenth page: the cursor of a page in the middle.
	next := first.Next
	for range 8 {
		p, err := env.Users.List(b.Context(), &pingone.ListUsersOptions{ListOptions: pingone.ListOptions{StartFrom: next}})
		if err != nil {
			b.Fatal(err)
		}
		next = p.Next
	}
	req := httptest.NewRequest("GET", next, nil)
	req.Header.Set("Authorization", "Bearer "+workerToken(b, srv))
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		srv.Handler().ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("%d %s", w.Code, w.Body.Bytes())
		}
		b.SetBytes(int64(w.Body.Len()))
	}
}
