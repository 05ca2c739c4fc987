//go:build js && wasm

// Command edge is Qalb's share API on Cloudflare Workers: share.NewHandler
// over the KV namespace bound as REPORTS, built with standard Go
// (GOOS=js GOARCH=wasm) and run by github.com/syumai/workers. The site is
// served as Workers static assets (wrangler.toml [assets]); the worker runs
// first only for /api/*, and anything else that reaches it is handed to the
// ASSETS binding.
//
// Each request may start a fresh Go instance, so nothing is kept in globals:
// the store and handler are built per request (both are cheap), rate
// limiting is left to Cloudflare, and each client's daily storage quota is
// counted in KV (share.KVQuota), by the address Cloudflare puts in
// CF-Connecting-IP.
//
// Variables (wrangler.toml [vars] or `wrangler dev --var`):
//
//	SHARE_MIN_TTL_SECONDS  shortest accepted ttl (default 3600, never below
//	                       KV's minimum of 60); the local tests lower it to
//	                       exercise expiry.
//	SHARE_CLIENT_DAILY_BYTES  bytes of reports one client may store per UTC
//	                       day (default share.DefaultClientDailyBytes).
package main

import (
	"io"
	"log"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/qalbhq/qalb/share"
	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/fetch"
)

const (
	kvBinding     = "REPORTS"
	assetsBinding = "ASSETS"
	kvMinTTL      = 60 * time.Second
)

func main() {
	workers.Serve(http.HandlerFunc(serve))
}

func serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, share.APIPrefix) {
		serveAPI(w, r)
		return
	}
	serveAsset(w, r)
}

func serveAPI(w http.ResponseWriter, r *http.Request) {
	opts := share.Options{}
	if s := cloudflare.Getenv("SHARE_MIN_TTL_SECONDS"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			opts.MinTTL = max(time.Duration(n)*time.Second, kvMinTTL)
		}
	}
	opts.ClientIPHeader = "CF-Connecting-IP"
	perDay := int64(share.DefaultClientDailyBytes)
	if s := cloudflare.Getenv("SHARE_CLIENT_DAILY_BYTES"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
			perDay = n
		}
	}
	store, err := share.NewKVStore(kvBinding, nil)
	if err == nil {
		opts.Quota, err = share.NewKVQuota(kvBinding, perDay)
	}
	if err != nil {
		log.Printf("edge: %v", err)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"error":"storage unavailable"}`+"\n")
		return
	}
	share.NewHandler(store, opts).ServeHTTP(w, r)
}

// serveAsset passes a request the static-asset layer did not answer (a
// non-navigation request for a missing file) to the ASSETS binding, which
// applies the configured not-found handling.
func serveAsset(w http.ResponseWriter, r *http.Request) {
	assets := cloudflare.GetBinding(assetsBinding)
	if assets.IsUndefined() {
		http.NotFound(w, r)
		return
	}
	client := fetch.NewClient(fetch.WithBinding(assets))
	req, err := fetch.NewRequest(r.Context(), r.Method, r.URL.String(), nil)
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	req.Header = r.Header.Clone()
	res, err := client.Do(req, nil)
	if err != nil {
		log.Printf("edge: assets: %v", err)
		http.Error(w, "asset fetch failed", http.StatusBadGateway)
		return
	}
	for k, v := range res.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.StatusCode)
	// A null JS body (HEAD, 204, 304) must not be read: syumai/workers'
	// stream wrapper would call getReader on null.
	switch {
	case r.Method == http.MethodHead, res.StatusCode == http.StatusNoContent,
		res.StatusCode == http.StatusNotModified, res.StatusCode < 200:
		return
	}
	defer res.Body.Close()
	io.Copy(w, res.Body)
}
