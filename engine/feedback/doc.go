// Package feedback computes survey metrics the way they are published:
// the Net Promoter Score (NPS), customer satisfaction (CSAT) and the customer
// effort score (CES), each with a 95% interval and its sample size, tests of
// the difference between two periods or groups, trends by week, month or
// quarter, comparisons by segment and driver analysis.
//
// Definitions (every function follows them exactly):
//   - NPS = % promoters (9–10) − % detractors (0–6) on the 0–10
//     likelihood-to-recommend scale; a decimal answer is a promoter from 9 up
//     and a detractor below 7. Its standard error comes from the trinomial
//     variance p_P + p_D − (p_P − p_D)² over n (the variance of a score of
//     +1 per promoter, 0 per passive and −1 per detractor). Below
//     SmallN answers the interval is the adjusted-Wald one (Rocks 2016;
//     Sauro and Lewis: add ¾ promoter, ¾ detractor and 3 answers in all).
//   - CSAT = % of answers in the top two boxes of the scale (the top box on
//     a 3-point scale), with a Wilson score interval; its mean with a
//     Student t interval is given too.
//   - CES: the mean with a t interval, % easy (top two boxes, oriented so
//     that high means easy: a reversed scale, 1 = very easy, is turned
//     round first) and Net Effort = % easy − % difficult (bottom two
//     boxes), a trinomial like NPS.
//   - Differences: a z-test for NPS (unpooled trinomial variances) and for
//     proportions (pooled), Welch's t-test for means; two-sided p-values.
//     Below MinN answers in either group there is no verdict, only a warning.
//
// The functions are plain: they take answers as numbers and return values;
// the engine decides which column and survey the answers come from.
package feedback
