package main

import (
	"embed"
	"html/template"
	"net/http"
)

// The Playground's page, script and stylesheet, embedded in the binary:
// no build step, nothing loaded from elsewhere.
//
//go:embed playground
var playgroundFS embed.FS

var playgroundPage = template.Must(template.ParseFS(playgroundFS, "playground/index.html"))

// index serves the Playground to a session, and the sign-in page to
// anyone else.
func (s *server) index(w http.ResponseWriter, r *http.Request) {
	sess := s.session(r)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if sess == nil {
		data, _ := playgroundFS.ReadFile("playground/signin.html")
		_, _ = w.Write(data)
		return
	}
	setPrincipal(r, "session")
	_ = playgroundPage.Execute(w, map[string]string{"CSRF": sess.csrf, "User": sess.user, "Environment": sess.env})
}

// asset serves the stylesheet to anyone (the sign-in page uses it) and
// the script to a session or the key.
func (s *server) asset(w http.ResponseWriter, r *http.Request) {
	switch r.PathValue("file") {
	case "playground.css":
		serveAsset(w, "playground/playground.css", "text/css; charset=utf-8")
	case "playground.js":
		s.authed(func(w http.ResponseWriter, _ *http.Request, _ principal) {
			serveAsset(w, "playground/playground.js", "text/javascript; charset=utf-8")
		})(w, r)
	default:
		s.authed(func(w http.ResponseWriter, r *http.Request, _ principal) {
			writeErr(w, http.StatusNotFound, "not_found", "no such asset")
		})(w, r)
	}
}

func serveAsset(w http.ResponseWriter, name, contentType string) {
	data, err := playgroundFS.ReadFile(name)
	if err != nil {
		http.Error(w, "missing asset", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(data)
}
