package share

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNotFound is returned by a Store's Get when no record exists under an id.
var ErrNotFound = errors.New("share: report not found")

// ErrFull is returned (possibly wrapped) by a Store's Put when its quota is
// reached; the handler answers 507 Insufficient Storage, as for a full disk.
var ErrFull = errors.New("share: storage full")

// Record is one stored report. The server never sees plaintext: Ciphertext is
// whatever the browser uploaded (AES-GCM output), and only the SHA-256 of the
// delete token is kept, never the token itself.
type Record struct {
	Ciphertext      []byte
	DeleteTokenHash [32]byte  // sha256 of the delete token as sent by the client
	Created         time.Time // when the report was stored
	Expires         time.Time // after this instant the report is gone
}

// Expired reports whether r is no longer readable at now.
func (r Record) Expired(now time.Time) bool { return !now.Before(r.Expires) }

// Store keeps records by id. Implementations must be safe for concurrent use.
//
//   - Put stores r under id, replacing any previous record (ids are 128 random
//     bits, so the handler never reuses one). A store may drop a record after
//     r.Expires on its own; it need not, because the handler also checks expiry.
//   - Get returns ErrNotFound (possibly wrapped) when id is absent. It may
//     return an expired record; the handler deletes those when it sees them.
//   - Delete removes id; deleting an absent id is not an error.
type Store interface {
	Put(ctx context.Context, id string, r Record) error
	Get(ctx context.Context, id string) (Record, error)
	Delete(ctx context.Context, id string) error
}

// HashToken returns the hash under which a delete token is stored.
func HashToken(token string) [32]byte { return sha256.Sum256([]byte(token)) }

// Binary record encoding, shared by the bbolt and KV stores:
//
//	version  1 byte (recordVersion)
//	created  8 bytes, Unix nanoseconds, big-endian
//	expires  8 bytes, Unix nanoseconds, big-endian
//	hash     32 bytes, sha256 of the delete token
//	body     the ciphertext, to the end
const (
	recordVersion    = 1
	recordHeaderSize = 1 + 8 + 8 + 32
)

// encodeRecord returns the binary encoding of r.
func encodeRecord(r Record) []byte {
	b := make([]byte, recordHeaderSize+len(r.Ciphertext))
	b[0] = recordVersion
	binary.BigEndian.PutUint64(b[1:9], uint64(r.Created.UnixNano()))
	binary.BigEndian.PutUint64(b[9:17], uint64(r.Expires.UnixNano()))
	copy(b[17:49], r.DeleteTokenHash[:])
	copy(b[recordHeaderSize:], r.Ciphertext)
	return b
}

// decodeRecord parses the binary encoding. The returned ciphertext is a copy,
// so b may be reused (bbolt values are only valid inside their transaction).
func decodeRecord(b []byte) (Record, error) {
	if len(b) < recordHeaderSize {
		return Record{}, fmt.Errorf("share: corrupt record: %d bytes", len(b))
	}
	if b[0] != recordVersion {
		return Record{}, fmt.Errorf("share: unknown record version %d", b[0])
	}
	var r Record
	r.Created = time.Unix(0, int64(binary.BigEndian.Uint64(b[1:9]))).UTC()
	r.Expires = time.Unix(0, int64(binary.BigEndian.Uint64(b[9:17]))).UTC()
	copy(r.DeleteTokenHash[:], b[17:49])
	r.Ciphertext = append([]byte(nil), b[recordHeaderSize:]...)
	return r, nil
}

// kvPrefix starts every value the KV store writes. Values are text (KV's
// string API is the only one in syumai/workers that reports a missing key
// without hanging), so the binary encoding is carried as base64 after it.
const kvPrefix = "qalb-share-v1:"

// encodeKV returns the text form of r stored in Cloudflare KV.
func encodeKV(r Record) string {
	return kvPrefix + base64.StdEncoding.EncodeToString(encodeRecord(r))
}

// decodeKV parses a value read from Cloudflare KV. Anything that does not
// start with kvPrefix is treated as a missing key: syumai/workers' GetString
// turns the JS null KV returns for an absent key into the text "<null>", and
// no value we write can look like that.
func decodeKV(s string) (Record, error) {
	rest, ok := strings.CutPrefix(s, kvPrefix)
	if !ok {
		return Record{}, ErrNotFound
	}
	b, err := base64.StdEncoding.DecodeString(rest)
	if err != nil {
		return Record{}, fmt.Errorf("share: corrupt KV record: %w", err)
	}
	return decodeRecord(b)
}
