package scimfilter

import (
	"bytes"
	"encoding/json"
	"testing"
)

const userJSON = `{
	"id": "u1",
	"username": "Alice.Smith",
	"email": "Alice@Example.com",
	"enabled": true,
	"mfaEnabled": false,
	"nickname": "",
	"title": null,
	"age": 42,
	"score": 1.5,
	"createdAt": "2021-02-25T23:51:49.790Z",
	"name": {"given": "Alice", "family": "Smith", "formatted": null},
	"population": {"id": "p1"},
	"tags": ["Red", "green", null, 7],
	"empty": [],
	"nested": [["deep"]],
	"emails": [{"type": "work", "value": "a@work.example"}, {"type": "home", "value": "a@home.example"}],
	"memberOfGroups": [{"id": "g1", "name": "Admins"}, {"id": "g2", "name": "Engineering"}],
	"big": 12345678901234567890,
	"UPPER": "exact-upper",
	"upper": "exact-lower"
}`

func decode(t testing.TB, useNumber bool) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(userJSON)))
	if useNumber {
		dec.UseNumber()
	}
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestEval(t *testing.T) {
	t.Parallel()
	tests := []struct {
		filter string
		want   bool
	}{
		// Strings: case-insensitive, attribute names too.
		{`username eq "alice.smith"`, true},
		{`USERNAME eq "ALICE.SMITH"`, true},
		{`username eq "alice"`, false},
		{`username ne "alice"`, true},
		{`username ne "ALICE.smith"`, false},
		{`username sw "ALI"`, true},
		{`username sw "smith"`, false},
		{`email ew "@EXAMPLE.COM"`, true},
		{`email co "e@ex"`, true},
		{`email co "zz"`, false},
		{`username co ""`, true},
		{`id eq "u1"`, true},
		// An exact attribute match wins over a case-insensitive one.
		{`UPPER eq "exact-upper"`, true},
		{`upper eq "exact-lower"`, true},
		{`Upper eq "exact-upper"`, true}, // smallest key among folded matches
		// Nested paths.
		{`name.given eq "alice"`, true},
		{`name.GIVEN sw "al" and name.family eq "smith"`, true},
		{`name.middle pr`, false},
		{`name.given.x pr`, false},
		{`population.id eq "p1"`, true},
		{`emails.value ew "@home.example"`, true},
		{`emails.type eq "other"`, false},
		// Multi-valued attributes: any element.
		{`tags eq "red"`, true},
		{`tags eq "GREEN"`, true},
		{`tags eq "blue"`, false},
		{`tags eq 7`, true},
		{`tags ne "red"`, true},
		{`tags sw "gr"`, true},
		{`nested eq "deep"`, true},
		// Value paths.
		{`memberOfGroups[id eq "g2"]`, true},
		{`memberOfGroups[id eq "G2"]`, true},
		{`memberOfGroups[id eq "g3"]`, false},
		{`memberOfGroups[id eq "g1" and name eq "engineering"]`, false},
		{`memberOfGroups[id eq "g2" and name eq "engineering"]`, true},
		{`memberOfGroups[id eq "g3"] or memberOfGroups[id eq "g1"]`, true},
		{`memberOfGroups[id eq "g1"] and memberOfGroups[id eq "g2"]`, true},
		{`memberOfGroups[not (id eq "g1")]`, true},
		{`not (memberOfGroups[id eq "g1"])`, false},
		{`emails[type eq "work" and value sw "a@work"]`, true},
		{`emails[type eq "work" and value sw "a@home"]`, false},
		{`name[given eq "alice"]`, true},
		{`tags[x pr]`, false},
		{`missing[id eq "g1"]`, false},
		// Numbers.
		{`age eq 42`, true},
		{`age eq 42.0`, true},
		{`age eq 4.2e1`, true},
		{`age eq "42"`, false},
		{`age ne 41`, true},
		{`age gt 41`, true},
		{`age gt 42`, false},
		{`age ge 42`, true},
		{`age lt 42.5`, true},
		{`age le 41`, false},
		{`score gt 1`, true},
		{`big gt 1e19`, true},
		{`age lt 1e999`, true},
		{`age sw "4"`, false},
		// Booleans.
		{`enabled eq true`, true},
		{`enabled eq TRUE`, true},
		{`enabled eq false`, false},
		{`enabled ne false`, true},
		{`mfaEnabled eq false`, true},
		{`enabled eq "true"`, false},
		{`enabled gt false`, false},
		// Timestamps compare lexically.
		{`createdAt gt "2021-01-01T00:00:00.000Z"`, true},
		{`createdAt lt "2021-02-25T23:51:49.791Z"`, true},
		{`createdAt ge "2021-02-25T23:51:49.790Z"`, true},
		{`createdAt le "2021-02-25T23:51:49.789Z"`, false},
		{`username gt "A"`, true},
		{`username gt 1`, false},
		// Presence.
		{`username pr`, true},
		{`nickname pr`, false},
		{`title pr`, false},
		{`name.formatted pr`, false},
		{`empty pr`, false},
		{`tags pr`, true},
		{`mfaEnabled pr`, true},
		{`name pr`, true},
		{`missing pr`, false},
		// Missing attributes and null.
		{`missing eq "x"`, false},
		{`missing ne "x"`, true},
		{`missing sw "x"`, false},
		{`missing gt 1`, false},
		{`missing eq null`, true},
		{`missing ne null`, false},
		{`title eq null`, true},
		{`title eq "x"`, false},
		{`title ne "x"`, true},
		{`empty eq null`, true},
		{`username eq null`, false},
		{`username ne null`, true},
		{`nickname eq null`, false},
		{`nickname eq ""`, true},
		// Logic.
		{`username pr and missing pr`, false},
		{`username pr or missing pr`, true},
		{`not (missing pr)`, true},
		{`missing pr or age eq 1 or enabled eq true`, true},
		{`(missing pr or enabled eq true) and age lt 10`, false},
	}
	for _, useNumber := range []bool{false, true} {
		user := decode(t, useNumber)
		for _, tt := range tests {
			n, err := Parse(tt.filter)
			if err != nil {
				t.Fatalf("Parse(%s): %v", tt.filter, err)
			}
			if got := Eval(n, user); got != tt.want {
				t.Errorf("Eval(%s) = %t, want %t (UseNumber %t)", tt.filter, got, tt.want, useNumber)
			}
		}
	}
}

func TestEvalGoValues(t *testing.T) {
	t.Parallel()
	r := map[string]any{
		"i":      int(3),
		"u8":     uint8(200),
		"f32":    float32(0.5),
		"names":  []string{"Ann", "Bob"},
		"groups": []map[string]any{{"id": "g1"}},
		"odd":    struct{}{},
	}
	tests := []struct {
		filter string
		want   bool
	}{
		{`i eq 3`, true},
		{`u8 gt 199`, true},
		{`f32 eq 0.5`, true},
		{`names eq "bob"`, true},
		{`groups[id eq "g1"]`, true},
		{`groups.id eq "g1"`, true},
		{`odd eq "x"`, false},
		{`odd pr`, true},
	}
	for _, tt := range tests {
		n, err := Parse(tt.filter)
		if err != nil {
			t.Fatal(err)
		}
		if got := Eval(n, r); got != tt.want {
			t.Errorf("Eval(%s) = %t, want %t", tt.filter, got, tt.want)
		}
	}
	if !Eval(nil, r) {
		t.Error("Eval(nil) = false, want true")
	}
	if Eval(pr("x"), nil) {
		t.Error("Eval on a nil resource matched a presence test")
	}
}
