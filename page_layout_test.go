package pingone

import (
	"reflect"
	"testing"
)

// TestPageFieldsLayout checks that pageFields is laid out as the members
// that follow Items in a Page, whatever its item type: Page's generic
// functions hand those members to the non-generic ones in place.
func TestPageFieldsLayout(t *testing.T) {
	pf := reflect.TypeFor[pageFields]()
	for _, pt := range []reflect.Type{
		reflect.TypeFor[Page[User]](),
		reflect.TypeFor[Page[string]](),
		reflect.TypeFor[Page[struct{ b byte }]](),
		reflect.TypeFor[Page[[3]uint16]](),
	} {
		if pt.NumField() != pf.NumField()+1 || pt.Field(0).Name != "Items" {
			t.Fatalf("%v: fields %d, want Items and the %d of pageFields", pt, pt.NumField(), pf.NumField())
		}
		base := pt.Field(1).Offset
		for i := range pf.NumField() {
			f, g := pf.Field(i), pt.Field(i+1)
			if f.Name != g.Name || f.Type != g.Type || f.Offset != g.Offset-base {
				t.Errorf("%v: field %d is %s %v at +%d, pageFields has %s %v at +%d",
					pt, i+1, g.Name, g.Type, g.Offset-base, f.Name, f.Type, f.Offset)
			}
		}
		if pt.Size()-base != pf.Size() {
			t.Errorf("%v: %d bytes after Items, pageFields has %d", pt, pt.Size()-base, pf.Size())
		}
	}
}
