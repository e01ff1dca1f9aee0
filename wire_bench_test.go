package pingone

import (
	"fmt"
	"strings"
	"testing"
)

// wireBenchUser renders one user as PingOne sends it, with odd (a member
// of an unexpected JSON type) when not empty.
func wireBenchUser(i int, odd string) string {
	pop := `{"id":"5d3a6a9b-0000-4000-8000-000000000001"}`
	if odd != "" {
		pop = odd
	}
	return fmt.Sprintf(`{"_links":{"self":{"href":"https://api.pingone.com/v1/environments/e/users/7c0c8a%06[1]d-1a2b-4c3d-8e9f-0a1b2c3d4e5f"},"password":{"href":"https://api.pingone.com/v1/environments/e/users/7c0c8a%06[1]d-1a2b-4c3d-8e9f-0a1b2c3d4e5f/password"}},`+
		`"id":"7c0c8a%06[1]d-1a2b-4c3d-8e9f-0a1b2c3d4e5f","environment":{"id":"e"},"account":{"canAuthenticate":true,"status":"OK"},`+
		`"address":{"streetAddress":"%[1]d Main Street","locality":"Springfield","region":"IL","postalCode":"62701","countryCode":"US"},`+
		`"createdAt":"2024-03-01T10:00:00.123Z","email":"user%[1]d@example.com","enabled":true,"identityProvider":{"type":"PING_ONE"},`+
		`"lifecycle":{"status":"ACCOUNT_OK"},"mfaEnabled":false,"name":{"given":"Given%[1]d","family":"Family%[1]d","formatted":"Given%[1]d Family%[1]d"},`+
		`"nickname":"nick%[1]d","population":%[2]s,"primaryPhone":"+1 555 010 %04[1]d","title":"Engineer",`+
		`"locale":"en-US","timezone":"America/Chicago","updatedAt":"2024-03-02T11:30:00.456Z","username":"user%[1]d","verifyStatus":"NOT_INITIATED","employeeNumber":"E%[1]d"}`, i, pop)
}

// wireBenchPage renders a page of n users, each with the odd member when
// odd is set.
func wireBenchPage(n int, odd string) []byte {
	var sb strings.Builder
	sb.WriteString(`{"_links":{"self":{"href":"x"}},"_embedded":{"users":[`)
	for i := range n {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(wireBenchUser(i, odd))
	}
	fmt.Fprintf(&sb, `]},"count":%d,"size":%d}`, n, n)
	return []byte(sb.String())
}

// BenchmarkWirePage decodes a page of 1,000 users: clean, and with one odd
// value in every user (the population sent as a string), which must stay
// within a small factor of the clean page.
func BenchmarkWirePage(b *testing.B) {
	for _, bc := range []struct{ name, odd string }{
		{"page=clean", ""},
		{"page=odd", `"p"`},
	} {
		data := wireBenchPage(1000, bc.odd)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				p, err := decodePage[User](data, "users", 1000)
				if err != nil || len(p.Items) != 1000 {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWireEncodeUser encodes one decoded user (a request body).
func BenchmarkWireEncodeUser(b *testing.B) {
	var u User
	if err := decodeJSON([]byte(wireBenchUser(1, "")), &u); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := encodeJSON(&u); err != nil {
			b.Fatal(err)
		}
	}
}
