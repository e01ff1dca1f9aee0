package pingone_test

import (
	stdjson "encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pingone-go/pingone"
)

// benchUser renders one realistic PingOne user.
func benchUser(i int) string {
	return fmt.Sprintf(`{"_links":{"self":{"href":"https://api.pingone.com/v1/environments/%[2]s/users/7c0c8a%06[1]d-1a2b-4c3d-8e9f-0a1b2c3d4e5f"},"password":{"href":"https://api.pingone.com/v1/environments/%[2]s/users/7c0c8a%06[1]d-1a2b-4c3d-8e9f-0a1b2c3d4e5f/password"},"population":{"href":"https://api.pingone.com/v1/environments/%[2]s/populations/5d3a6a9b-0000-4000-8000-000000000001"}},`+
		`"id":"7c0c8a%06[1]d-1a2b-4c3d-8e9f-0a1b2c3d4e5f","environment":{"id":"%[2]s"},"account":{"canAuthenticate":true,"status":"OK"},`+
		`"address":{"streetAddress":"%[1]d Main Street","locality":"Springfield","region":"IL","postalCode":"62701","countryCode":"US"},`+
		`"createdAt":"2024-03-01T10:00:00.123Z","email":"user%[1]d@example.com","enabled":true,"identityProvider":{"type":"PING_ONE"},`+
		`"lifecycle":{"status":"ACCOUNT_OK"},"mfaEnabled":true,"name":{"given":"Given%[1]d","family":"Family%[1]d","formatted":"Given%[1]d Family%[1]d"},`+
		`"nickname":"nick%[1]d","population":{"id":"5d3a6a9b-0000-4000-8000-000000000001"},"primaryPhone":"+1 555 010 %04[1]d","title":"Engineer",`+
		`"locale":"en-US","timezone":"America/Chicago","updatedAt":"2024-03-02T11:30:00.456Z","username":"user%[1]d","verifyStatus":"NOT_INITIATED","employeeNumber":"E%[1]d"}`, i, testEnv)
}

// benchServer serves total users in pages of per over loopback HTTP.
func benchServer(b *testing.B, total, per int) *httptest.Server {
	pages := map[int][]byte{}
	for start := 0; start < total; start += per {
		var sb strings.Builder
		sb.WriteString(`{"_links":{"self":{"href":"x"}`)
		end := min(start+per, total)
		sb.WriteString(`},"_embedded":{"users":[`)
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteByte(',')
			}
			sb.WriteString(benchUser(i))
		}
		fmt.Fprintf(&sb, `]},"count":%d,"size":%d}`, total, end-start)
		pages[start] = []byte(sb.String())
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
		body := pages[start]
		if start+per < total {
			// Splice the next link into the page.
			next := fmt.Sprintf(`{"_links":{"next":{"href":"%s/v1/environments/%s/users?limit=%d&cursor=%d"},"self":{"href":"x"}`, srv.URL, testEnv, per, start+per)
			body = append([]byte(next), body[len(`{"_links":{"self":{"href":"x"}`):]...)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// handUser is what a hand-written client would declare.
type handUser struct {
	ID          string `json:"id"`
	Environment struct {
		ID string `json:"id"`
	} `json:"environment"`
	Account struct {
		CanAuthenticate bool   `json:"canAuthenticate"`
		Status          string `json:"status"`
	} `json:"account"`
	Address struct {
		StreetAddress, Locality, Region, PostalCode, CountryCode string
	} `json:"address"`
	CreatedAt        time.Time `json:"createdAt"`
	UpdatedAt        time.Time `json:"updatedAt"`
	Email            string    `json:"email"`
	Enabled          bool      `json:"enabled"`
	IdentityProvider struct {
		Type string `json:"type"`
	} `json:"identityProvider"`
	Lifecycle struct {
		Status string `json:"status"`
	} `json:"lifecycle"`
	MFAEnabled bool `json:"mfaEnabled"`
	Name       struct {
		Given, Family, Formatted string
	} `json:"name"`
	Nickname   string `json:"nickname"`
	Population struct {
		ID string `json:"id"`
	} `json:"population"`
	PrimaryPhone string                       `json:"primaryPhone"`
	Title        string                       `json:"title"`
	Locale       string                       `json:"locale"`
	Timezone     string                       `json:"timezone"`
	Username     string                       `json:"username"`
	VerifyStatus string                       `json:"verifyStatus"`
	Links        map[string]map[string]string `json:"_links"`
}

type handPage struct {
	Links    map[string]map[string]string `json:"_links"`
	Embedded struct {
		Users []handUser `json:"users"`
	} `json:"_embedded"`
	Count int `json:"count"`
	Size  int `json:"size"`
}

// BenchmarkUserPage decodes one page of 1,000 users fetched over loopback.
func BenchmarkUserPage(b *testing.B) {
	srv := benchServer(b, 1000, 1000)
	url := srv.URL + "/v1/environments/" + testEnv + "/users?limit=1000"

	b.Run("impl=sdk", func(b *testing.B) {
		c, err := pingone.NewClient(pingone.WithBaseURLs(srv.URL+"/v1", srv.URL), pingone.WithStaticToken("t"))
		if err != nil {
			b.Fatal(err)
		}
		env := c.Environment(testEnv)
		b.ReportAllocs()
		for b.Loop() {
			p, err := env.Users.List(b.Context(), &pingone.ListUsersOptions{ListOptions: pingone.ListOptions{Limit: 1000}})
			if err != nil || len(p.Items) != 1000 {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			resp, err := http.Get(url)
			if err != nil {
				b.Fatal(err)
			}
			var p handPage
			err = stdjson.NewDecoder(resp.Body).Decode(&p)
			resp.Body.Close()
			if err != nil || len(p.Embedded.Users) != 1000 {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=bytes_only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			resp, err := http.Get(url)
			if err != nil {
				b.Fatal(err)
			}
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkListIter walks 20,000 and 100,000 users in pages of 1,000 and
// reports the live heap (above what the test server holds) during and after
// the walk: one page at a time is held, so it stays near the size of one
// page whatever the total.
func BenchmarkListIter(b *testing.B) {
	for _, total := range []int{20000, 100000} {
		b.Run(fmt.Sprintf("users=%d", total), func(b *testing.B) { benchListIter(b, total) })
	}
}

func benchListIter(b *testing.B, total int) {
	srv := benchServer(b, total, 1000)
	c, err := pingone.NewClient(pingone.WithBaseURLs(srv.URL+"/v1", srv.URL), pingone.WithStaticToken("t"))
	if err != nil {
		b.Fatal(err)
	}
	env := c.Environment(testEnv)
	// The server's pages live in this process too: measure from here.
	var base runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)
	live := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc - min(ms.HeapAlloc, base.HeapAlloc)
	}
	var peak uint64
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range env.Users.ListIter(b.Context(), &pingone.ListUsersOptions{ListOptions: pingone.ListOptions{Limit: 1000}}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
			if n%5000 == 0 {
				peak = max(peak, live())
			}
		}
		if n != total {
			b.Fatalf("walked %d users", n)
		}
	}
	b.ReportMetric(float64(live())/(1<<20), "live-MiB-after")
	b.ReportMetric(float64(peak)/(1<<20), "peak-live-MiB-during")
}
