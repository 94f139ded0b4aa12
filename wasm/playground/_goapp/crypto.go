// Replaces go-app's pkg/app/crypto.go in the page's wasm build (see
// README.md): the same AES-GCM sealing of encrypted states, with its nonce
// and the random ids (a store's, the device's: uuid.NewString in go-app)
// from the browser's crypto.getRandomValues, which crypto/rand reads in
// the browser too. crypto/rand and github.com/google/uuid (with MD5 and
// its parsers) are then out of the page. Otherwise copied unchanged from
// go-app (MIT, Copyright (c) 2016 Maxence Charriere).

package app

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/hex"
	"syscall/js"

	"github.com/maxence-charriere/go-app/v9/pkg/errors"
)

// randomBytes fills b from crypto.getRandomValues, which takes at most
// 65,536 bytes at a time.
func randomBytes(b []byte) {
	const most = 64 << 10
	for len(b) > 0 {
		n := len(b)
		if n > most {
			n = most
		}
		a := js.Global().Get("Uint8Array").New(n)
		js.Global().Get("crypto").Call("getRandomValues", a)
		js.CopyBytesToGo(b[:n], a)
		b = b[n:]
	}
}

// newUUID returns a random (version 4, RFC 9562) UUID in its string form,
// as uuid.NewString does.
func newUUID() string {
	var u [16]byte
	randomBytes(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return string(s[:])
}

func encrypt(key string, v []byte) ([]byte, error) {
	c, err := aes.NewCipher([]byte(key))
	if err != nil {
		return nil, err
	}

	gcm, err := cipher.NewGCM(c)
	if err != nil {
		return nil, err
	}

	nonce := make([]byte, gcm.NonceSize())
	randomBytes(nonce)

	return gcm.Seal(nonce, nonce, v, nil), nil
}

func decrypt(key string, v []byte) ([]byte, error) {
	c, err := aes.NewCipher([]byte(key))
	if err != nil {
		return nil, err
	}

	gcm, err := cipher.NewGCM(c)
	if err != nil {
		return nil, err
	}

	nonceSize := gcm.NonceSize()
	if len(v) < nonceSize {
		return nil, errors.New("ciphertext too short")
	}

	nonce, ciphertext := v[:nonceSize], v[nonceSize:]
	return gcm.Open(nil, nonce, ciphertext, nil)
}
