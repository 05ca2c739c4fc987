// Package predict holds the forward-looking models of customer behaviour:
// the BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005, "Counting
// your customers the easy way"), the Gamma-Gamma model of spend per purchase
// (Fader & Hardie, "The Gamma-Gamma model of monetary value", 2013), and
// what follows from them for one customer: the probability of being alive,
// the expected number of purchases in a coming period and the lifetime value
// over a horizon with a discount rate. It also builds the per-customer
// frequency/recency/age summary the models read from dated transactions,
// and scores churn risk with its reasons.
//
// Everything here is plain functions over plain slices: no I/O, no
// knowledge of files or of the engine's tables, so the same numbers come out
// natively and under WebAssembly. Models are fitted by maximum likelihood
// with gonum's BFGS on log-parameters, from several starts; a fit says
// whether it converged and whether the starts agreed.
//
// Time is in whatever period the caller chooses (weeks or days); the
// parameters α and γ then carry that unit (α in periods, γ in currency).
package predict
