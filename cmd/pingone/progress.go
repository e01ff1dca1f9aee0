package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// progress draws a one-line progress bar on stderr while long work runs
// (all-page walks, imports, exports), redrawn a few times a second. It is
// drawn only when stderr is a terminal: in a pipe or a log file it writes
// nothing at all.
//
// It is written here rather than taken from a library: it is one line,
// the work reports a count, and the tests need to switch it on and off
// through the app's streams, not through a package's own terminal check.
type progress struct {
	w      io.Writer
	label  string
	unit   string
	width  int
	total  atomic.Int64 // 0: unknown
	done   atomic.Int64
	start  time.Time
	mu     sync.Mutex
	stop   chan struct{}
	wg     sync.WaitGroup
	closed bool
}

// progress returns a bar for work of total units (0: unknown), or a bar
// that draws nothing when stderr is not a terminal.
func (a *app) progress(label, unit string, total int64) *progress {
	if !a.errTTY {
		return &progress{closed: true}
	}
	p := &progress{w: a.errw, label: label, unit: unit, width: a.errWidth, start: time.Now(), stop: make(chan struct{})}
	if p.width <= 0 {
		p.width = 80
	}
	p.total.Store(total)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(150 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.draw(false)
			}
		}
	}()
	return p
}

// add counts n more units done.
func (p *progress) add(n int64) { p.done.Add(n) }

// setTotal sets the total once it is known.
func (p *progress) setTotal(n int64) { p.total.Store(n) }

// finish draws the final state and ends the line.
func (p *progress) finish() {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	p.mu.Unlock()
	close(p.stop)
	p.wg.Wait()
	p.draw(true)
}

func (p *progress) draw(final bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed && !final {
		return
	}
	line := p.line(time.Since(p.start))
	end := ""
	if final {
		end = "\n"
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K%s", line, end)
}

// line renders the bar: "importing users [=====>    ] 412/1000 41% 12s".
func (p *progress) line(elapsed time.Duration) string {
	done, total := p.done.Load(), p.total.Load()
	secs := elapsed.Round(time.Second)
	if total <= 0 {
		return fmt.Sprintf("%s: %d %s  %s", p.label, done, p.unit, secs)
	}
	done = min(done, total)
	tail := fmt.Sprintf(" %d/%d %s %3d%% %s", done, total, p.unit, done*100/total, secs)
	barWidth := p.width - len(p.label) - len(tail) - 4
	if barWidth < 10 {
		return p.label + tail
	}
	barWidth = min(barWidth, 40)
	filled := int(int64(barWidth) * done / total)
	bar := strings.Repeat("=", filled)
	if filled < barWidth {
		bar += ">" + strings.Repeat(" ", barWidth-filled-1)
	}
	return fmt.Sprintf("%s [%s]%s", p.label, bar, tail)
}
