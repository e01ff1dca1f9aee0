package pingone

// GroupsService manages an environment's groups, their nesting and role
// assignments.
type GroupsService service
