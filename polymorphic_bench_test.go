package pingone

import (
	"bytes"
	"os"
	"testing"
)

// benchAppPage is a page of 60 applications of every variant.
func benchAppPage(b *testing.B) []byte {
	b.Helper()
	var items [][]byte
	for _, name := range []string{"get", "create", "variant_oidc_spa", "variant_saml", "variant_wsfed", "variant_external_link",
		"variant_portal", "variant_self_service", "variant_admin_console", "unknown_type"} {
		data, err := os.ReadFile("testdata/applications/" + name + ".json")
		if err != nil {
			b.Fatal(err)
		}
		for range 6 {
			items = append(items, data)
		}
	}
	return append(append([]byte(`{"_embedded":{"applications":[`), bytes.Join(items, []byte(","))...), `]},"count":60,"size":60}`...)
}

func BenchmarkApplicationPageDecode(b *testing.B) {
	page := benchAppPage(b)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodePage[Application](page, "applications", 60); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApplicationEncodeAndRequest(b *testing.B) {
	p, err := decodePage[Application](benchAppPage(b), "applications", 60)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range p.Items {
			if _, err := encodeJSON(&p.Items[i]); err != nil {
				b.Fatal(err)
			}
			if _, err := encodeJSON(p.Items[i].Request()); err != nil {
				b.Fatal(err)
			}
		}
	}
}
