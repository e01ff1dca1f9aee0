package actions_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/pingone-go/pingone"
	"github.com/pingone-go/pingone/actions"
	"github.com/pingone-go/pingone/pingonetest"
)

func Example() {
	srv, err := pingonetest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := pingone.NewClient(srv.ClientOptions()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	create, _ := actions.Lookup("create_population")
	out, err := create.Invoke(ctx, client, srv.EnvironmentID(), json.RawMessage(`{"body": {"name": "Contractors"}}`))
	if err != nil {
		log.Fatal(err)
	}
	var pop struct{ Name string }
	if err := json.Unmarshal(out, &pop); err != nil {
		log.Fatal(err)
	}
	fmt.Println(pop.Name, create.Hints.Destructive)

	// Input that is not valid is refused before anything is sent.
	list, _ := actions.Lookup("list_users")
	_, err = list.Invoke(ctx, client, srv.EnvironmentID(), json.RawMessage(`{"filter": "username eq"}`))
	var e *actions.Error
	if errors.As(err, &e) {
		fmt.Println(e.Kind, e.Field)
	}
	// Output:
	// Contractors false
	// invalid_input /filter
}
