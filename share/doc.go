// Package share is the saved-reports API: opaque encrypted reports stored for
// a limited time, behind a plain net/http handler and a Store interface.
//
// The browser encrypts a report with AES-GCM (WebCrypto) and uploads only the
// ciphertext; the key stays in the link's #fragment, so nothing here can read
// a report. The same handler runs self-hosted over an embedded bbolt store
// (OpenBolt) and on Cloudflare Workers over KV (NewKVStore, js/wasm only).
//
// # API, version 1
//
// Every response carries X-Content-Type-Options: nosniff, Referrer-Policy:
// no-referrer, Cache-Control: no-store, Content-Security-Policy: default-src
// 'none'; frame-ancestors 'none' and Cross-Origin-Resource-Policy:
// same-origin. There is no CORS: the API is for the page it is served with.
// Errors are JSON, {"error":"message"}, with Content-Type application/json.
//
//	POST /api/reports?ttl=SECONDS
//	Content-Type: application/octet-stream
//	<ciphertext>
//
// stores the body for ttl seconds (a decimal integer; default
// Options.DefaultTTL, 7 days; allowed Options.MinTTL..Options.MaxTTL, 1 hour to
// 30 days; anything else is 400). The expiry is passed only as the ttl query
// parameter. Replies 201 Created with Location: /api/reports/ID and
//
//	{"id":"…","deleteToken":"…","expires":"2006-01-02T15:04:05Z"}
//
// id is 16 random bytes and deleteToken 32 random bytes, both base64url
// without padding (22 and 43 characters). expires is RFC 3339 in UTC, whole
// seconds (now+ttl rounded down). A body over Options.MaxBytes (default 5 MiB)
// is 413; an empty body, another Content-Type or a bad ttl is 400.
//
//	GET /api/reports/ID
//
// replies 200 with the ciphertext as application/octet-stream and an
// X-Report-Expires header (RFC 3339). A malformed ID is 400; an unknown or
// expired one 404 (expired records are deleted when seen).
//
//	DELETE /api/reports/ID
//	Authorization: Bearer TOKEN        (or X-Delete-Token: TOKEN)
//
// replies 204. No token is 401, a wrong token 403 (SHA-256 hashes compared in
// constant time), an unknown or expired ID 404, a malformed one 400.
//
// Other paths are 404 and other methods 405 (with Allow), both JSON. When
// Options.RateLimit is set, each client address (IPv4 address or IPv6 /64)
// gets a token bucket of RateLimit requests refilled at RateLimit per minute;
// an empty bucket answers 429 with Retry-After in seconds.
//
// # Bounded resources
//
// A request body is read as it arrives, at most 64 KiB at a time, never sized
// from Content-Length. The report bytes held at once (bodies being received,
// reports being sent to clients that may read slowly or never) are bounded
// by Options.MaxInFlight (64 MiB); a request past it is 503 with
// Retry-After. Each client address may store Options.ClientDailyBytes (64
// MiB) per UTC day; past it, and when the store is full (its quota,
// BoltStore.SetQuota, or the disk), POST is 507 Insufficient Storage. The
// counts are kept in memory by default (one long-running server) or in the
// store itself (Options.Quota: NewKVQuota on the edge, where every request
// may run in a fresh instance), keyed on Options.ClientIPHeader when the
// platform sets one (CF-Connecting-IP).
// `qalb serve` adds a write timeout and a cap on open connections, and its
// bbolt file is compacted after a sweep when most of it is free.
package share
