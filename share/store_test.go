package share

import (
	"bytes"
	"errors"
	"net/netip"
	"testing"
	"time"
)

func netipFrom4(a, b, c byte) netip.Addr { return netip.AddrFrom4([4]byte{10, a, b, c}) }

func TestRecordEncoding(t *testing.T) {
	r := Record{
		Ciphertext:      []byte("\x00\xffciphertext<null>"),
		DeleteTokenHash: HashToken("token"),
		Created:         time.Date(2030, 1, 2, 3, 4, 5, 6, time.UTC),
		Expires:         time.Date(2030, 2, 2, 3, 4, 5, 0, time.UTC),
	}
	check := func(what string, got Record, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if !bytes.Equal(got.Ciphertext, r.Ciphertext) || got.DeleteTokenHash != r.DeleteTokenHash ||
			!got.Created.Equal(r.Created) || !got.Expires.Equal(r.Expires) {
			t.Fatalf("%s: round trip %+v != %+v", what, got, r)
		}
	}
	got, err := decodeRecord(encodeRecord(r))
	check("binary", got, err)
	got, err = decodeKV(encodeKV(r))
	check("kv", got, err)

	// What syumai/workers' kv.GetString yields for a missing key, and other
	// values we never write, read as missing.
	for _, s := range []string{"<null>", "<undefined>", "", "null", "qalb-share-v0:AAAA"} {
		if _, err := decodeKV(s); !errors.Is(err, ErrNotFound) {
			t.Errorf("decodeKV(%q) = %v, want ErrNotFound", s, err)
		}
	}
	for _, s := range []string{kvPrefix + "!!!", kvPrefix, kvPrefix + "AAAA"} {
		if _, err := decodeKV(s); err == nil || errors.Is(err, ErrNotFound) {
			t.Errorf("decodeKV(%q) = %v, want a corruption error", s, err)
		}
	}
	if _, err := decodeRecord(append([]byte{9}, make([]byte, recordHeaderSize)...)); err == nil {
		t.Error("unknown version accepted")
	}
}

func TestRandomIDs(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := randomString(idBytes)
		if !validID(id) || seen[id] {
			t.Fatalf("bad or repeated id %q", id)
		}
		seen[id] = true
		if tok := randomString(tokenBytes); len(tok) != 43 {
			t.Fatalf("token %q", tok)
		}
	}
}
