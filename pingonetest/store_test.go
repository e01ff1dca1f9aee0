package pingonetest

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFoldKeyIsEqualFold: two strings share a fold key exactly when
// strings.EqualFold says they are equal.
func TestFoldKeyIsEqualFold(t *testing.T) {
	t.Parallel()
	pairs := [][2]string{
		{"Admin", "admin"}, {"kelvin", "\u212aelvin"}, {"sam", "\u017fam"}, {"STRASSE", "straße"},
		{"Σίσυφος", "σίσυφοσ"}, {"ǅ", "ǆ"}, {"a\xffb", "a\xfeb"}, {"", ""}, {"a", ""}, {"user1", "user10"},
	}
	alphabet := []rune{'a', 'A', 'k', 'K', '\u212a', 's', 'S', '\u017f', 'ß', 'σ', 'ς', 'Σ', '1', 'ǅ', 'ǆ', 'Ǆ', '\uFFFD'}
	r := rand.New(rand.NewPCG(3, 4))
	word := func() string {
		var b strings.Builder
		for range r.IntN(4) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 5000 {
		pairs = append(pairs, [2]string{word(), word()})
	}
	for _, p := range pairs {
		assert.Equal(t, strings.EqualFold(p[0], p[1]), foldKey(p[0]) == foldKey(p[1]), "%q %q", p[0], p[1])
	}
}

// TestUniqueIndexFollowsPutAndRemove: the index holds the current value of
// each resource, through renames, deletions and the deletion of the
// collection's owner.
func TestUniqueIndexFollowsPutAndRemove(t *testing.T) {
	t.Parallel()
	st := store{colls: map[string]*coll{}}
	const users = "/environments/e/users"
	st.indexUnique(users, "username")
	st.put("/environments", "e", obj{"id": "e"})
	st.put(users, "u1", obj{"id": "u1", "username": "Ada"})
	st.put(users, "u2", obj{"id": "u2", "username": "bob"})
	assert.Equal(t, "u1", st.holder(users, "ADA"))
	st.put(users, "u1", obj{"id": "u1", "username": "ada2"})
	assert.Equal(t, "", st.holder(users, "ada"), "renamed")
	assert.Equal(t, "u1", st.holder(users, "Ada2"))
	st.remove(users, "u2")
	assert.Equal(t, "", st.holder(users, "bob"), "deleted")
	st.put(users, "u3", obj{"id": "u3", "username": "bob"})
	assert.Equal(t, "u3", st.holder(users, "BOB"), "a freed name can be taken")
	st.remove("/environments", "e")
	assert.Equal(t, "", st.holder(users, "ada2"), "the environment is gone")
}

// TestListSharedFollowsChanges: the shared list is rebuilt after every
// put and remove, and is the same slice in between.
func TestListSharedFollowsChanges(t *testing.T) {
	t.Parallel()
	st := store{colls: map[string]*coll{}}
	const c = "/environments/e/users"
	assert.Nil(t, st.listShared(c))
	st.put(c, "a", obj{"id": "a"})
	st.put(c, "b", obj{"id": "b"})
	first := st.listShared(c)
	assert.Len(t, first, 2)
	assert.Same(t, &first[0], &st.listShared(c)[0], "no change, the same slice")
	st.put(c, "a", obj{"id": "a", "v": 2})
	assert.Equal(t, 2, st.listShared(c)[0]["v"], "a replaced resource shows")
	st.remove(c, "a")
	ids := []string{}
	for _, o := range st.listShared(c) {
		ids = append(ids, str(o, "id"))
	}
	assert.Equal(t, []string{"b"}, ids)
	assert.Len(t, first, 2, "a slice handed out earlier is not changed")
}
