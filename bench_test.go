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
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2/clientcredentials"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/pingonetest"
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

// benchServer serves total users in pages of per over loopback HTTP, each
// page after latency, and the first page's users one by one
// (GET …/users/{id}). The bodies are rendered once, before the benchmark.
func benchServer(tb testing.TB, total, per int, latency time.Duration) *httptest.Server {
	pages := map[int][]byte{}
	users := map[string][]byte{}
	for start := 0; start < total; start += per {
		var sb strings.Builder
		sb.WriteString(`{"_links":{"self":{"href":"x"}`)
		end := min(start+per, total)
		sb.WriteString(`},"_embedded":{"users":[`)
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteByte(',')
			}
			u := benchUser(i)
			sb.WriteString(u)
			if start == 0 {
				users[benchUserID(i)] = []byte(u)
			}
		}
		fmt.Fprintf(&sb, `]},"count":%d,"size":%d}`, total, end-start)
		pages[start] = []byte(sb.String())
	}
	var srv *httptest.Server
	list := "/v1/environments/" + testEnv + "/users"
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if id, ok := strings.CutPrefix(r.URL.Path, list+"/"); ok {
			if u, ok := users[id]; ok {
				_, _ = w.Write(u)
				return
			}
			w.WriteHeader(http.StatusNotFound)
			return
		}
		if latency > 0 {
			t := time.NewTimer(latency)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		start, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
		body := pages[start]
		if start+per < total {
			// Splice the next link into the page.
			next := fmt.Sprintf(`{"_links":{"next":{"href":"%s/v1/environments/%s/users?limit=%d&cursor=%d"},"self":{"href":"x"}`, srv.URL, testEnv, per, start+per)
			body = append([]byte(next), body[len(`{"_links":{"self":{"href":"x"}`):]...)
		}
		_, _ = w.Write(body)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// benchUserID is the ID of the ith user of benchUser.
func benchUserID(i int) string { return fmt.Sprintf("7c0c8a%06d-1a2b-4c3d-8e9f-0a1b2c3d4e5f", i) }

// benchClient is an SDK client of a bench server.
func benchClient(tb testing.TB, srv *httptest.Server) *pingone.Environment {
	c, err := pingone.NewClient(pingone.WithBaseURLs(srv.URL+"/v1", srv.URL), pingone.WithStaticToken("t"))
	if err != nil {
		tb.Fatal(err)
	}
	return c.Environment(testEnv)
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

// The benchmarks below are what `make bench` runs (with BenchmarkWirePage,
// which decodes a page held in memory, and BenchmarkBulk): each says what it
// measures. impl=sdk is the SDK; impl=encoding_json is what a hand-written
// client would do (http.Get, then encoding/json into handPage); impl=bytes_only
// reads the body and decodes nothing, which is the cost of the HTTP
// exchange itself. All run against benchServer over loopback.

// BenchmarkUserPage fetches and decodes one page of 1,000 users, and
// reports page-MiB, the memory the decoded page keeps live.
func BenchmarkUserPage(b *testing.B) {
	srv := benchServer(b, 1000, 1000, 0)
	url := srv.URL + "/v1/environments/" + testEnv + "/users?limit=1000"

	b.Run("impl=sdk", func(b *testing.B) {
		env := benchClient(b, srv)
		list := func() any {
			p, err := env.Users.List(b.Context(), &pingone.ListUsersOptions{ListOptions: pingone.ListOptions{Limit: 1000}})
			if err != nil || len(p.Items) != 1000 {
				b.Fatal(err)
			}
			return p
		}
		b.ReportAllocs()
		for b.Loop() {
			list()
		}
		b.ReportMetric(mib(heldBy(list)), "page-MiB")
	})
	b.Run("impl=encoding_json", func(b *testing.B) {
		list := func() any {
			p, _ := handGet[handPage](b, url)
			if len(p.Embedded.Users) != 1000 {
				b.Fatalf("%d users", len(p.Embedded.Users))
			}
			return p
		}
		b.ReportAllocs()
		for b.Loop() {
			list()
		}
		b.ReportMetric(mib(heldBy(list)), "page-MiB")
	})
	b.Run("impl=bytes_only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			readBytes(b, url)
		}
	})
}

// BenchmarkUserGet fetches and decodes one user.
func BenchmarkUserGet(b *testing.B) {
	srv := benchServer(b, 1, 1, 0)
	id := benchUserID(0)
	url := srv.URL + "/v1/environments/" + testEnv + "/users/" + id

	b.Run("impl=sdk", func(b *testing.B) {
		env := benchClient(b, srv)
		b.ReportAllocs()
		for b.Loop() {
			u, err := env.Users.Get(b.Context(), id, nil)
			if err != nil || u.ID != id {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if u, _ := handGet[handUser](b, url); u.ID != id {
				b.Fatalf("user %q", u.ID)
			}
		}
	})
	b.Run("impl=bytes_only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			readBytes(b, url)
		}
	})
}

// handGet is a hand-written client's GET: the body decoded by encoding/json
// as it streams in.
func handGet[T any](tb testing.TB, url string) (*T, error) {
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	v := new(T)
	if err := stdjson.NewDecoder(resp.Body).Decode(v); err != nil {
		tb.Fatal(err)
	}
	return v, nil
}

func readBytes(tb testing.TB, url string) {
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkListIter walks 20,000 and 100,000 users in pages of 1,000 and
// reports, from one more walk outside the timed loop, the memory a walk
// keeps live (the heap above what the benchmark held before it, after one
// forced GC):
//
//   - live-MiB-holding: the most over the pages, while the loop holds a
//     page (measured at its last item);
//   - live-MiB-after: once the walk is over;
//   - page-MiB: what one decoded page keeps live alone (BenchmarkUserPage's
//     figure), and holding/page their ratio.
//
// impl=sdk walks with Users.ListIter, impl=encoding_json with a hand-written
// loop that follows the next links.
func BenchmarkListIter(b *testing.B) {
	for _, total := range []int{20000, 100000} {
		srv := benchServer(b, total, 1000, 0)
		b.Run(fmt.Sprintf("users=%d/impl=sdk", total), func(b *testing.B) {
			env := benchClient(b, srv)
			benchWalk(b, total, sdkWalk(b, env, false), func() any {
				p, err := env.Users.List(b.Context(), &pingone.ListUsersOptions{ListOptions: pingone.ListOptions{Limit: 1000}})
				if err != nil {
					b.Fatal(err)
				}
				return p
			})
		})
		b.Run(fmt.Sprintf("users=%d/impl=encoding_json", total), func(b *testing.B) {
			url := srv.URL + "/v1/environments/" + testEnv + "/users?limit=1000"
			benchWalk(b, total, handWalk(b, url), func() any {
				p, _ := handGet[handPage](b, url)
				return p
			})
		})
	}
}

// BenchmarkListIterPrefetch walks users in pages of 1,000 from a server
// that answers each page after 20 ms, with a loop that spends 20 ms on each
// page (a sleep at its first item: work that waits, as a write to a
// database would), without and with ListOptions.Prefetch. ns/op is the
// time of the walk. Two servers:
//
//   - server=prerendered: 20,000 users from bodies rendered before the
//     benchmark (as BenchmarkListIter's), so that the server's time is the
//     20 ms and the walk measures the client;
//   - server=pingonetest: 20,000 users created in pingonetest, with
//     WithLatency(20 ms) on the list; pingonetest also spends its own time
//     rendering each page, on the same 2 cores.
//
// live-MiB-holding is measured (on the first server) as in
// BenchmarkListIter, on every fifth page, once the loop has waited another 100 ms at the page's last item so
// that the fetch ahead is over: with prefetch, the loop's page and the next
// one are then both held.
func BenchmarkListIterPrefetch(b *testing.B) {
	const work = 20 * time.Millisecond
	b.Run("server=prerendered", func(b *testing.B) {
		const total = 20000
		srv := benchServer(b, total, benchPer, 20*time.Millisecond)
		prefetchWalks(b, total, func() *pingone.Environment { return benchClient(b, srv) }, work, true)
	})
	b.Run("server=pingonetest", func(b *testing.B) {
		const total = 20000
		srv := pingonetest.NewServer(b, pingonetest.WithLatency("GET /v1/environments/*/users", 20*time.Millisecond))
		env := pingonetestUsers(b, srv, total)
		prefetchWalks(b, total, func() *pingone.Environment { return env }, work, false)
	})
}

// prefetchWalks is BenchmarkListIterPrefetch on one server: the walk of
// total users without, then with, prefetch; holding says whether to
// measure live-MiB-holding (once is enough).
func prefetchWalks(b *testing.B, total int, env func() *pingone.Environment, work time.Duration, holding bool) {
	for _, prefetch := range []bool{false, true} {
		b.Run(fmt.Sprintf("prefetch=%v", prefetch), func(b *testing.B) {
			walk := sdkWalk(b, env(), prefetch)
			b.ReportAllocs()
			for b.Loop() {
				n := walk(func(first bool) {
					if first {
						time.Sleep(work)
					}
				})
				if n != total {
					b.Fatalf("walked %d users", n)
				}
			}
			if !holding {
				return
			}
			base := liveHeap(2)
			var holding uint64
			page := 0
			walk(func(first bool) {
				if first {
					time.Sleep(work)
					return
				}
				if page++; page%5 == 0 {
					time.Sleep(100 * time.Millisecond)
					holding = max(holding, above(liveHeap(1), base))
				}
			})
			b.ReportMetric(mib(holding), "live-MiB-holding")
		})
	}
}

// pingonetestUsers creates n users with the usual attributes in srv (16 at
// a time) and returns the environment, whose own users are few: the walk's
// total counts them.
func pingonetestUsers(b *testing.B, srv *pingonetest.Server, n int) *pingone.Environment {
	c, err := pingone.NewClient(srv.ClientOptions()...)
	if err != nil {
		b.Fatal(err)
	}
	env := c.Environment(srv.EnvironmentID())
	have := 0
	for _, err := range env.Users.ListIter(b.Context(), nil) {
		if err != nil {
			b.Fatal(err)
		}
		have++
	}
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	sem := make(chan struct{}, 16)
	for i := range n - have {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			_, err := env.Users.Create(b.Context(), pingone.CreateUserRequest{
				Username: fmt.Sprintf("bench%06d", i), Email: fmt.Sprintf("user%d@example.com", i),
				Name:         pingone.Value(pingone.UserName{Given: fmt.Sprintf("Given%d", i), Family: fmt.Sprintf("Family%d", i)}),
				Nickname:     pingone.Value(fmt.Sprintf("nick%d", i)),
				Title:        pingone.Value("Engineer"),
				Locale:       pingone.Value("en-US"),
				Timezone:     pingone.Value("America/Chicago"),
				PrimaryPhone: pingone.Value(fmt.Sprintf("+1 555 010 %04d", i)),
				Address:      pingone.Value(pingone.UserAddress{StreetAddress: fmt.Sprintf("%d Main Street", i), Locality: "Springfield", Region: "IL", PostalCode: "62701", CountryCode: "US"}),
			})
			if err != nil {
				select {
				case errs <- err:
				default:
				}
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
	return env
}

// A walker walks every user once, calling onPage(true) at the first item
// of each page and onPage(false) at its last, and returns the number of
// users walked.
type walker func(onPage func(first bool)) int

const benchPer = 1000

func sdkWalk(tb testing.TB, env *pingone.Environment, prefetch bool) walker {
	return func(onPage func(bool)) int {
		n := 0
		opts := &pingone.ListUsersOptions{ListOptions: pingone.ListOptions{Limit: benchPer, Prefetch: prefetch}}
		for _, err := range env.Users.ListIter(tb.Context(), opts) {
			if err != nil {
				tb.Fatal(err)
			}
			if n%benchPer == 0 {
				onPage(true)
			}
			if n++; n%benchPer == 0 {
				onPage(false)
			}
		}
		return n
	}
}

func handWalk(tb testing.TB, url string) walker {
	return func(onPage func(bool)) int {
		n := 0
		for url := url; url != ""; {
			p, _ := handGet[handPage](tb, url)
			for range p.Embedded.Users {
				if n%benchPer == 0 {
					onPage(true)
				}
				if n++; n%benchPer == 0 {
					onPage(false)
				}
			}
			url = p.Links["next"]["href"]
		}
		return n
	}
}

// benchWalk times walk, then walks once more to measure the memory it
// keeps live (see BenchmarkListIter); one returns one decoded page.
func benchWalk(b *testing.B, total int, walk walker, one func() any) {
	b.ReportAllocs()
	for b.Loop() {
		if n := walk(func(bool) {}); n != total {
			b.Fatalf("walked %d users", n)
		}
	}
	holding, after := walkMemory(walk)
	page := heldBy(one)
	b.ReportMetric(mib(holding), "live-MiB-holding")
	b.ReportMetric(mib(after), "live-MiB-after")
	b.ReportMetric(mib(page), "page-MiB")
	b.ReportMetric(float64(holding)/float64(page), "holding/page")
}

// walkMemory measures the live heap a walk keeps above what was live
// before it, after one forced GC: the most while the loop holds a page (at
// its last item), and, in a second walk that forces no GC, once the walk
// is over.
func walkMemory(walk walker) (holding, after uint64) {
	base := liveHeap(2)
	walk(func(first bool) {
		if !first {
			holding = max(holding, above(liveHeap(1), base))
		}
	})
	base = liveHeap(2)
	walk(func(bool) {})
	return holding, above(liveHeap(1), base)
}

// heldBy returns the memory that what one returns keeps live: the heap
// while it is held, less the heap once it is dropped (each after two
// forced GCs, so that buffers pooled by the call are gone).
func heldBy(one func() any) uint64 {
	v := one()
	held := liveHeap(2)
	runtime.KeepAlive(v)
	return above(held, liveHeap(2))
}

// liveHeap returns the bytes of live heap objects after gcs forced GCs.
func liveHeap(gcs int) uint64 {
	for range gcs {
		runtime.GC()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func above(v, base uint64) uint64 { return v - min(v, base) }

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

// BenchmarkListUsersPage measures pingonetest answering one page of 1,000
// users from 20,000 (its handler alone, no HTTP and no latency): the time
// the server adds to every page of BenchmarkListIterPrefetch's walk on top
// of WithLatency.
func BenchmarkListUsersPage(b *testing.B) {
	srv := pingonetest.NewServer(b)
	env := pingonetestUsers(b, srv, 20000)
	// The tenth page: the cursor of a page in the middle.
	next := ""
	for range 9 {
		p, err := env.Users.List(b.Context(), &pingone.ListUsersOptions{ListOptions: pingone.ListOptions{Limit: 1000, StartFrom: next}})
		if err != nil {
			b.Fatal(err)
		}
		next = p.Next
	}
	w := srv.Worker()
	cc := clientcredentials.Config{ClientID: w.ClientID, ClientSecret: w.ClientSecret, TokenURL: srv.AuthURL() + "/" + srv.EnvironmentID() + "/as/token"}
	tok, err := cc.Token(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest("GET", next, nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%d %s", rec.Code, rec.Body.Bytes())
		}
		b.SetBytes(int64(rec.Body.Len()))
	}
}
