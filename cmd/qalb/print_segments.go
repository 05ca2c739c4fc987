package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/qalbhq/qalb/engine/report"
)

// segmentNames are the RFM segments' English names.
var segmentNames = map[string]string{"champions": "Champions", "loyal": "Loyal", "potential_loyalists": "Potential loyalists",
	"new": "New", "promising": "Promising", "need_attention": "Need attention", "about_to_sleep": "About to sleep",
	"at_risk": "At risk", "cant_lose": "Can't lose them", "hibernating": "Hibernating", "lost": "Lost"}

// printSegments summarises the segments section (nothing when it is absent).
func printSegments(w io.Writer, x *report.Segments) {
	if x == nil {
		return
	}
	if r := x.RFM; r != nil {
		var parts []string
		for _, s := range r.Segments {
			if s.Size > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", segmentNames[s.Key], s.Size))
			}
		}
		fmt.Fprintf(w, "RFM: %d customers with orders: %s\n", r.Buyers, strings.Join(parts, ", "))
	}
	if c := x.Clusters; c != nil {
		fmt.Fprintf(w, "Clusters: %d of %d customers (silhouette %.2f)\n", c.K, c.Customers, c.Silhouette)
	}
	if icp := x.ICP; icp != nil {
		fmt.Fprintf(w, "ICP: profile learnt from %d best of %d accounts; %d prospects who have not bought\n", icp.Best, icp.Accounts, len(icp.Prospects))
	}
}
