package pingone

import "context"

// getOne reads one resource at the environment path made of segments, after
// checking that the named ID is set.
func getOne[T any](ctx context.Context, s *service, idName, id string, segments ...string) (*T, error) {
	if id == "" {
		return nil, missing(idName)
	}
	path, err := s.path(segments...)
	if err != nil {
		return nil, err
	}
	var out T
	if err := s.do(ctx, "GET", path, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// sendOne sends body with method to the environment path and decodes the
// resource returned.
func sendOne[T any](ctx context.Context, s *service, method string, body any, segments ...string) (*T, error) {
	path, err := s.path(segments...)
	if err != nil {
		return nil, err
	}
	var out T
	if err := s.do(ctx, method, path, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// deleteOne deletes the resource at the environment path, after checking
// that the named ID is set.
func deleteOne(ctx context.Context, s *service, idName, id string, segments ...string) error {
	if id == "" {
		return missing(idName)
	}
	path, err := s.path(segments...)
	if err != nil {
		return err
	}
	return s.do(ctx, "DELETE", path, nil, nil)
}
