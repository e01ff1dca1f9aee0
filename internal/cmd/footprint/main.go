// Command footprint measures what the SDK costs the module and the program
// of a user who imports it (make footprint):
//
//  1. A fresh module importing only github.com/pingone-go/pingone (replaced
//     by this checkout; GOWORK=off, GOFLAGS=-mod=mod, GOPROXY as in the
//     environment) runs go mod tidy: the modules of `go list -m all` and
//     the lines of go.sum, each module listed with what go.sum holds for it
//     and whether it is linked into the program.
//  2. A tiny program (NewClient, then one Populations.List) and a
//     standard-library program of the same shape (an HTTP GET with a bearer
//     token, decoded with encoding/json) are each built with a fresh GOCACHE
//     holding only the standard library (built once with `go build std`,
//     then copied), best of -rounds; their binary sizes and the deltas.
//
// Timings are wall-clock and only as quiet as the machine: compare the
// deltas, not the absolute times. Sizes are of the default build (symbols
// and DWARF included); MB is 10^6 bytes.
//
//	go run ./internal/cmd/footprint [-rounds 3] [-keep] [-nm 20]
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

const sdkPath = "github.com/pingone-go/pingone"

// The two programs: one GET of a page of populations, decoded. The address
// is never reached when measuring (only the builds run).
const sdkProgram = `package main

import (
	"context"
	"fmt"
	"os"

	"github.com/pingone-go/pingone"
)

func main() {
	addr := "http://127.0.0.1:9"
	if len(os.Args) > 1 {
		addr = os.Args[1]
	}
	client, err := pingone.NewClient(pingone.WithBaseURLs(addr, addr), pingone.WithStaticToken(os.Getenv("TOKEN")))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	page, err := client.Environment("env").Populations.List(context.Background(), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, p := range page.Items {
		fmt.Println(p.ID, p.Name)
	}
}
`

// sdkCredentialsProgram is sdkProgram signing in with client credentials
// (what a worker application does); built once, for its size.
var sdkCredentialsProgram = strings.Replace(sdkProgram,
	`pingone.WithStaticToken(os.Getenv("TOKEN"))`,
	`pingone.WithClientCredentials("env", os.Getenv("CLIENT_ID"), os.Getenv("CLIENT_SECRET"))`, 1)

const stdProgram = `package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"time"
)

type population struct {
	ID   string ` + "`json:\"id\"`" + `
	Name string ` + "`json:\"name\"`" + `
}

type page struct {
	Embedded struct {
		Populations []population ` + "`json:\"populations\"`" + `
	} ` + "`json:\"_embedded\"`" + `
}

func main() {
	addr := "http://127.0.0.1:9"
	if len(os.Args) > 1 {
		addr = os.Args[1]
	}
	req, err := http.NewRequest(http.MethodGet, addr+"/v1/environments/env/populations", nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("TOKEN"))
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, resp.Status)
		os.Exit(1)
	}
	var p page
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, pop := range p.Embedded.Populations {
		fmt.Println(pop.ID, pop.Name)
	}
}
`

func main() {
	rounds := flag.Int("rounds", 3, "builds of each program; the best time is reported")
	keep := flag.Bool("keep", false, "keep the temporary directory (printed)")
	nm := flag.Int("nm", 15, "list the N packages adding most symbol size to the SDK program (0: none)")
	sdkDir := flag.String("sdk", "", "the SDK checkout (default: the module root above the working directory)")
	flag.Parse()
	if err := run(*sdkDir, *rounds, *keep, *nm); err != nil {
		fmt.Fprintln(os.Stderr, "footprint:", err)
		os.Exit(1)
	}
}

func run(sdkDir string, rounds int, keep bool, nmTop int) error {
	if rounds < 1 {
		return errors.New("-rounds must be at least 1")
	}
	if sdkDir == "" {
		var err error
		if sdkDir, err = moduleRoot(); err != nil {
			return err
		}
	}
	sdkDir, err := filepath.Abs(sdkDir)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "pingone-footprint-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("temporary directory:", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	env := goEnv()
	goVersion, err := output(env, "", "go", "env", "GOVERSION")
	if err != nil {
		return err
	}
	fmt.Printf("footprint of %s (%s), %s %s/%s, %d CPUs\n", sdkPath, sdkDir, strings.TrimSpace(goVersion), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())

	// 1. The user's module.
	user := filepath.Join(tmp, "user")
	gomod := fmt.Sprintf("module example.com/user\n\ngo 1.26.0\n\nrequire %s v0.0.0\n\nreplace %s => %s\n", sdkPath, sdkPath, sdkDir)
	if err := writeModule(user, gomod, sdkProgram); err != nil {
		return err
	}
	if _, err := output(env, user, "go", "mod", "tidy"); err != nil {
		return err
	}
	listed, err := output(env, user, "go", "list", "-m", "-f", "{{if not .Main}}{{.Path}} {{.Version}}{{end}}", "all")
	if err != nil {
		return err
	}
	var mods []string
	for line := range strings.Lines(listed) {
		if line = strings.TrimSpace(line); line != "" {
			mods = append(mods, line)
		}
	}
	sum, err := os.ReadFile(filepath.Join(user, "go.sum"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	sumMods, sumLines := readGoSum(sum)

	// 2. The builds.
	std := filepath.Join(tmp, "std")
	if err := writeModule(std, "module example.com/std\n\ngo 1.26.0\n", stdProgram); err != nil {
		return err
	}
	creds := filepath.Join(tmp, "creds")
	if err := writeModule(creds, gomod, sdkCredentialsProgram); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(user, "go.sum"), filepath.Join(creds, "go.sum")); err != nil {
		return err
	}
	seed := filepath.Join(tmp, "cache-std")
	fmt.Println("seeding a GOCACHE with the standard library (go build std)...")
	if _, err := output(append(env, "GOCACHE="+seed), tmp, "go", "build", "std"); err != nil {
		return err
	}
	stdBuild, err := measure(env, tmp, seed, std, "std", rounds)
	if err != nil {
		return err
	}
	sdkBuild, err := measure(env, tmp, seed, user, "sdk", rounds)
	if err != nil {
		return err
	}
	credsBuild, err := measure(env, tmp, seed, creds, "creds", 1)
	if err != nil {
		return err
	}
	inBinary, err := binaryModules(env, sdkBuild.bin)
	if err != nil {
		return err
	}

	fmt.Printf("\n== go mod tidy in a fresh module importing only %s\n", sdkPath)
	fmt.Printf("modules in `go list -m all` (besides the user's): %d\n", len(mods))
	for _, m := range mods {
		path, _, _ := strings.Cut(m, " ")
		fmt.Printf("  %-45s %s\n", m, where(path, sumMods, inBinary))
	}
	fmt.Printf("go.sum: %d lines, %d modules\n", sumLines, len(sumMods))
	for _, m := range slices.Sorted(mapKeys(sumMods)) {
		if !slices.ContainsFunc(mods, func(s string) bool { return strings.HasPrefix(s, m+" ") }) {
			fmt.Printf("  %-45s %s (not in the build list)\n", m, where(m, sumMods, inBinary))
		}
	}

	fmt.Printf("\n== go build, GOCACHE holding only the standard library, best of %d (wall clock; the machine may be shared, so times are noisy)\n", rounds)
	fmt.Printf("%-34s %8s  %-24s %12s\n", "program", "best", "runs", "binary")
	for _, b := range []build{stdBuild, sdkBuild, credsBuild} {
		fmt.Printf("%-34s %7.2fs  %-24s %12s\n", b.label(), b.best().Seconds(), b.runs(), mb(b.size))
	}
	fmt.Printf("%-34s %+7.2fs  %-24s %12s\n", "delta (sdk - stdlib)", (sdkBuild.best() - stdBuild.best()).Seconds(), "", signedMB(sdkBuild.size-stdBuild.size))
	fmt.Printf("%-34s %8s  %-24s %12s\n", "delta (sdk credentials - stdlib)", "", "", signedMB(credsBuild.size-stdBuild.size))

	if nmTop > 0 {
		fmt.Printf("\n== symbol size the SDK program adds, by package (go tool nm -size), top %d\n", nmTop)
		if err := nmDiff(env, stdBuild.bin, sdkBuild.bin, nmTop); err != nil {
			return err
		}
	}
	return nil
}

// goEnv is the environment of every go command: the user's module alone,
// dependencies resolved as a user's would be.
func goEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOWORK", "GOFLAGS", "GOCACHE", "GOTOOLCHAIN":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.HasPrefix(b, []byte("module "+sdkPath+"\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the SDK's checkout: pass -sdk")
		}
		dir = parent
	}
}

func writeModule(dir, gomod, program string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.go"), []byte(program), 0o644)
}

func output(env []string, dir string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env, cmd.Dir = env, dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return string(out), nil
}

// readGoSum returns, per module path, what go.sum holds ("zip+go.mod" or
// "go.mod"), and the number of lines.
func readGoSum(sum []byte) (map[string]string, int) {
	kinds := map[string]map[bool]bool{} // go.mod line → seen
	lines := 0
	for line := range strings.Lines(string(sum)) {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		lines++
		if kinds[f[0]] == nil {
			kinds[f[0]] = map[bool]bool{}
		}
		kinds[f[0]][strings.HasSuffix(f[1], "/go.mod")] = true
	}
	out := map[string]string{}
	for m, k := range kinds {
		switch {
		case k[false] && k[true]:
			out[m] = "zip+go.mod"
		case k[false]:
			out[m] = "zip"
		default:
			out[m] = "go.mod"
		}
	}
	return out, lines
}

func where(path string, sum map[string]string, inBinary map[string]bool) string {
	s := "go.sum: " + sum[path]
	if sum[path] == "" {
		s = "go.sum: -"
	}
	if inBinary[path] {
		s += ", linked into the program"
	}
	return s
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

type build struct {
	name  string
	bin   string
	times []time.Duration
	size  int64
}

func (b build) label() string {
	switch b.name {
	case "std":
		return "stdlib (net/http + encoding/json)"
	case "sdk":
		return "sdk (static token)"
	}
	return "sdk (client credentials)"
}

func (b build) best() time.Duration { return slices.Min(b.times) }

func (b build) runs() string {
	var s []string
	for _, t := range b.times {
		s = append(s, strconv.FormatFloat(t.Seconds(), 'f', 2, 64))
	}
	return strings.Join(s, " ")
}

// measure builds dir rounds times, each with a fresh copy of the seeded
// cache.
func measure(env []string, tmp, seed, dir, name string, rounds int) (build, error) {
	b := build{name: name, bin: filepath.Join(tmp, name+".bin")}
	for i := range rounds {
		cache := filepath.Join(tmp, fmt.Sprintf("cache-%s-%d", name, i))
		if err := copyTree(seed, cache); err != nil {
			return b, err
		}
		// go build skips the link when the output is already up to date.
		if err := os.Remove(b.bin); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return b, err
		}
		cmd := exec.Command("go", "build", "-o", b.bin, ".")
		cmd.Env, cmd.Dir = append(slices.Clip(env), "GOCACHE="+cache), dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return b, fmt.Errorf("building the %s program: %v\n%s", name, err, stderr.Bytes())
		}
		b.times = append(b.times, time.Since(start))
		if err := os.RemoveAll(cache); err != nil {
			return b, err
		}
	}
	st, err := os.Stat(b.bin)
	if err != nil {
		return b, err
	}
	b.size = st.Size()
	return b, nil
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// binaryModules returns the modules `go version -m` finds in bin.
func binaryModules(env []string, bin string) (map[string]bool, error) {
	out, err := output(env, "", "go", "version", "-m", bin)
	if err != nil {
		return nil, err
	}
	mods := map[string]bool{}
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		if len(f) >= 2 && (f[0] == "dep" || f[0] == "=>") {
			mods[f[1]] = true
		}
	}
	return mods, nil
}

// nmDiff prints the packages whose symbols grow most from base to bin.
func nmDiff(env []string, base, bin string, top int) error {
	a, err := nmSizes(env, base)
	if err != nil {
		return err
	}
	b, err := nmSizes(env, bin)
	if err != nil {
		return err
	}
	type row struct {
		pkg  string
		diff int64
	}
	var rows []row
	var total int64
	for pkg, n := range b {
		if d := n - a[pkg]; d != 0 {
			rows = append(rows, row{pkg, d})
			total += d
		}
	}
	for pkg, n := range a {
		if _, ok := b[pkg]; !ok {
			rows = append(rows, row{pkg, -n})
			total -= n
		}
	}
	slices.SortFunc(rows, func(x, y row) int { return int(y.diff - x.diff) })
	for _, r := range rows[:min(top, len(rows))] {
		fmt.Printf("  %+10d  %s\n", r.diff, r.pkg)
	}
	fmt.Printf("  %+10d  in all (symbols only: headers, pclntab and DWARF come on top)\n", total)
	return nil
}

// nmSizes sums symbol sizes by package.
func nmSizes(env []string, bin string) (map[string]int64, error) {
	out, err := output(env, "", "go", "tool", "nm", "-size", bin)
	if err != nil {
		return nil, err
	}
	sizes := map[string]int64{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 {
			continue
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		sizes[symbolPackage(strings.Join(f[3:], " "))] += n
	}
	return sizes, sc.Err()
}

// symbolPackage returns the package of a symbol name (its import path up to
// the first dot after the last slash), "type:…" and "go:…" symbols grouped.
func symbolPackage(sym string) string {
	for _, p := range []string{"type:", "go:", "runtime.", "gclocals"} {
		if strings.HasPrefix(sym, p) {
			return strings.TrimSuffix(p, ".")
		}
	}
	sym = strings.TrimPrefix(sym, "*")
	if i := strings.IndexByte(sym, '['); i >= 0 {
		sym = sym[:i] // type arguments hold other paths
	}
	slash := strings.LastIndexByte(sym, '/')
	if dot := strings.IndexByte(sym[slash+1:], '.'); dot >= 0 {
		return sym[:slash+1+dot]
	}
	return sym
}

func mb(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }

func signedMB(n int64) string { return fmt.Sprintf("%+.2f MB", float64(n)/1e6) }
