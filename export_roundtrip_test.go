package pingone

// EncodeAsRequest encodes v as the SDK encodes a request body to PingOne
// (the wire codec for converted models, go-json-experiment with the SDK's
// options for the others; secrets revealed), for TestRoundTrip.
func EncodeAsRequest(v any) ([]byte, error) { return encodeJSON(v) }
