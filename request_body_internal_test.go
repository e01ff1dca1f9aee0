package pingone

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadUnsizedReadsEveryByteIntoOneBuffer reads bodies of unknown size
// around the chunk boundaries, in short reads: every byte arrives in
// order, and a large body ends in a buffer without a body's worth of
// spare room (which the decoded page would keep company).
func TestReadUnsizedReadsEveryByteIntoOneBuffer(t *testing.T) {
	t.Parallel()
	const chunk = maxPooledBuffer
	for _, n := range []int{0, 1, chunk/2 - 1, chunk / 2, chunk/2 + 1, chunk, chunk/2 + chunk, 3*chunk + 7, 1 << 20} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			body := make([]byte, n)
			for i := range body {
				body[i] = byte(i * 7)
			}
			var buf bytes.Buffer
			require.NoError(t, readUnsized(iotest.HalfReader(bytes.NewReader(body)), &buf))
			assert.True(t, bytes.Equal(body, buf.Bytes()), "the body as sent")
			if n > chunk {
				assert.LessOrEqual(t, buf.Cap(), n+n/8, "room left in the buffer")
			}
		})
	}
}

func TestReadUnsizedReportsABrokenBody(t *testing.T) {
	t.Parallel()
	broken := errors.New("connection reset")
	for _, n := range []int{10, 3 * maxPooledBuffer} {
		r := io.MultiReader(bytes.NewReader(make([]byte, n)), iotest.ErrReader(broken))
		var buf bytes.Buffer
		assert.ErrorIs(t, readUnsized(r, &buf), broken, "after %d bytes", n)
	}
}
