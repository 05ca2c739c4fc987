//go:build js && wasm

package share

import (
	"context"
	"fmt"
	"time"

	"github.com/syumai/workers/cloudflare/kv"
)

// kvMinTTL is Cloudflare KV's smallest expirationTtl.
const kvMinTTL = 60

// kvKeyPrefix namespaces report keys inside the KV namespace.
const kvKeyPrefix = "report:"

// KVStore is a Store over a Cloudflare Workers KV namespace (edge worker).
//
// Values are written as text: kvPrefix followed by the base64 of the binary
// record, so they are binary-safe. Reads use kv.GetString, which for a
// missing key yields the text "<null>" (syumai/workers converts the JS null
// with js.Value.String); GetReader is avoided because it never returns for a
// missing key. decodeKV treats any value without kvPrefix as missing.
//
// Each record is put with expirationTtl = the time left until Expires
// (at least KV's minimum of 60 s), so KV drops it by itself; the handler
// also checks Expires on every read. KV is eventually consistent: a delete
// or expiry can take up to a minute to reach other locations.
type KVStore struct {
	ns  *kv.Namespace
	now func() time.Time
}

// NewKVStore opens the KV namespace bound as binding (e.g. "REPORTS") for
// the current request. It must be called while serving a request.
func NewKVStore(binding string, now func() time.Time) (*KVStore, error) {
	ns, err := kv.NewNamespace(binding)
	if err != nil {
		return nil, fmt.Errorf("share: KV binding: %w", err)
	}
	if now == nil {
		now = time.Now
	}
	return &KVStore{ns: ns, now: now}, nil
}

// Put implements Store.
func (s *KVStore) Put(ctx context.Context, id string, r Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ttl := int((r.Expires.Sub(s.now()) + time.Second - 1) / time.Second)
	if ttl < kvMinTTL {
		ttl = kvMinTTL
	}
	return s.ns.PutString(kvKeyPrefix+id, encodeKV(r), &kv.PutOptions{ExpirationTTL: ttl})
}

// Get implements Store.
func (s *KVStore) Get(ctx context.Context, id string) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	v, err := s.ns.GetString(kvKeyPrefix+id, nil)
	if err != nil {
		return Record{}, err
	}
	return decodeKV(v)
}

// Delete implements Store.
func (s *KVStore) Delete(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.ns.Delete(kvKeyPrefix + id)
}

// NewKVQuota returns a Quota kept in the KV namespace bound as binding,
// for the edge worker, where every request may run in a fresh instance and
// in-memory counts would forgive everyone: each client may store perDay
// bytes per UTC day (see keyQuota for how, and how exactly).
func NewKVQuota(binding string, perDay int64) (Quota, error) {
	ns, err := kv.NewNamespace(binding)
	if err != nil {
		return nil, fmt.Errorf("share: KV binding: %w", err)
	}
	return &keyQuota{keys: kvKeys{ns}, perDay: perDay}, nil
}

// kvKeys is a KV namespace as keyQuota's key store.
type kvKeys struct{ ns *kv.Namespace }

func (k kvKeys) List(prefix string, limit int) ([]string, bool, error) {
	res, err := k.ns.List(&kv.ListOptions{Prefix: prefix, Limit: limit})
	if err != nil {
		return nil, false, err
	}
	names := make([]string, len(res.Keys))
	for i, key := range res.Keys {
		names[i] = key.Name
	}
	return names, res.ListComplete, nil
}

func (k kvKeys) Add(key string, ttl time.Duration) error {
	return k.ns.PutString(key, "", &kv.PutOptions{ExpirationTTL: int(ttl / time.Second)})
}

func (k kvKeys) Remove(key string) { k.ns.Delete(key) }
