// Package text reads what customers wrote: it cleans a text of export
// debris (HTML remnants, escaped newlines), tells its language (Arabic,
// English, another language, or a mix), normalises Arabic spelling and
// scores the sentiment of English and Arabic text in [-1, 1] with the words
// that drove the score.
//
// The knowledge lives in data files, not in code: an English lexicon
// (VADER's, extended; en-lexicon.txt) and an Arabic model (a logistic
// regression over normalised words, learned from permissively licensed
// labelled sets, plus a hand-built lexicon; ar-model.txt). The caller loads
// them (the CLI from embedded bytes, the browser's Worker from the site) and
// passes them in, so this package stays pure and the wasm small.
// Provenance and licences of the files: data/README.md.
package text
