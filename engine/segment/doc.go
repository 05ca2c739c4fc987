// Package segment turns unified customers into segments a marketer can act
// on: RFM scores and the named RFM segments, rule-based segments compiled to
// fast predicates, automatic clusters described by their distinctive
// features with a persona each, ICP fit for B2B accounts, breakdowns of a
// segment against the rest, and CSV exports safe to open in a spreadsheet.
// It works on plain per-customer columns (Columns), so it knows nothing of
// files or of the engine's session.
//
// # RFM
//
// Each customer with at least one order gets three scores from 1 to 5:
//
//   - R from recency: whole days from the date of the customer's last order
//     to the report's as-of date (UTC calendar dates). Fewer days is better.
//     A customer none of whose orders carries a date counts as the least
//     recent.
//   - F from frequency: the number of orders (cancelled and fully refunded
//     orders left out). More is better.
//   - M from monetary value: revenue (order totals less refunds) in the
//     customer's main currency, the currency of their first counted order
//     as the files list them (files in name order, rows in file order),
//     rounded to cents so that equal sums compare equal. More is better.
//     Amounts in different currencies are never compared: M is scored
//     among the customers of the same main currency only. When the user
//     gives exchange rates, every customer's spend in every currency is
//     converted to one reporting currency and M is scored over all of them.
//
// Quintile scores and ties. Among the n customers scored together, a
// customer's score is
//
//	score = 1 + floor(5 × w / n)
//
// where w is the number of those customers whose value is strictly worse.
// Equal values therefore always get the same score (the tie takes the
// score of its lowest rank), the result does not depend on the order of the
// input, and every score lies in 1..5. For example, with ten customers of
// distinct values the scores are 1,1,2,2,3,3,4,4,5,5 from worst to best; when
// six of ten customers bought once they all get F = 1 and a customer with two
// orders gets F = 1 + floor(5×6/10) = 4.
//
// # Named segments
//
// The segment comes from R and FM = floor((F + M) / 2) on the 5 × 5 grid
// below, the widely used RFM segment grid (Putler, "RFM Analysis For
// Successful Customer Segmentation", putler.com/rfm-analysis; the same R × F
// grid as the segment map common to open RFM notebooks), with Lost at R = 1,
// FM = 1 as in Putler's table:
//
//	          FM=1            FM=2                 FM=3                 FM=4       FM=5
//	R=5   New             Potential loyalists  Potential loyalists  Champions  Champions
//	R=4   Promising       Potential loyalists  Potential loyalists  Loyal      Loyal
//	R=3   About to sleep  About to sleep       Need attention       Loyal      Loyal
//	R=2   Hibernating     Hibernating          At risk              At risk    Can't lose them
//	R=1   Lost            Hibernating          At risk              At risk    Can't lose them
//
// Every customer with an order lands in exactly one of the 11 segments, so
// the segment sizes add up to the customers with orders.
package segment
