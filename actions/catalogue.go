package actions

// The catalogue's facts (names, titles, families, routes, hints and
// descriptions) are written here in our own words; each family's actions
// are in catalogue_<family>.go, in the order of actions.tsv.

// specs returns every action, in the order of actions.tsv.
func specs() []spec {
	var all []spec
	for _, family := range [][]spec{
		certificateSpecs(),
		populationSpecs(),
		userinfoSpecs(),
		userSpecs(),
		groupSpecs(),
		applicationSpecs(),
		roleSpecs(),
		passwordPolicySpecs(),
		identityProviderSpecs(),
		signOnPolicySpecs(),
		mfaSpecs(),
		deviceAuthPolicySpecs(),
	} {
		all = append(all, family...)
	}
	return all
}

// The hints of the usual kinds of action.
var (
	// reads change nothing.
	reads = Hints{ReadOnly: true, Idempotent: true}
	// creates add a resource; sent twice, they add two (or fail on a
	// unique name).
	creates = Hints{}
	// replaces are PUTs: they overwrite, clearing what the body leaves
	// out, and have the same effect when sent twice.
	replaces = Hints{Destructive: true, Idempotent: true}
	// deletes cannot be undone; a second one finds nothing to delete.
	deletes = Hints{Destructive: true, Idempotent: true}
	// merges are PATCHes: they change only what the body names.
	merges = Hints{Idempotent: true}
)
