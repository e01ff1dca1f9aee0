//go:build !race

package pingone_test

const raceEnabled = false
