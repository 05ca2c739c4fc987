package ingest

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// rdtShopifyHeader is the header of a Shopify orders export.
var rdtShopifyHeader = []string{"Name", "Email", "Financial Status", "Paid at", "Fulfillment Status",
	"Fulfilled at", "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total",
	"Discount Code", "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity",
	"Lineitem name", "Lineitem price", "Lineitem compare at price", "Lineitem sku",
	"Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status",
	"Billing Name", "Billing Street", "Billing Address1", "Billing Address2", "Billing Company",
	"Billing City", "Billing Zip", "Billing Province", "Billing Country", "Billing Phone",
	"Shipping Name", "Shipping Street", "Shipping Address1", "Shipping Address2",
	"Shipping Company", "Shipping City", "Shipping Zip", "Shipping Province", "Shipping Country",
	"Shipping Phone", "Notes", "Note Attributes", "Cancelled at", "Payment Method",
	"Payment Reference", "Refunded Amount", "Vendor", "Outstanding Balance", "Employee",
	"Location", "Device ID", "Id", "Tags", "Risk Level", "Source", "Lineitem discount",
	"Tax 1 Name", "Tax 1 Value", "Tax 2 Name", "Tax 2 Value", "Tax 3 Name", "Tax 3 Value",
	"Tax 4 Name", "Tax 4 Value", "Tax 5 Name", "Tax 5 Value", "Phone", "Receipt Number",
	"Duties", "Billing Province Name", "Shipping Province Name", "Payment ID",
	"Payment Terms Name", "Next Payment Due At", "Payment References"}

// rdtShopifyCSV generates a Shopify-like orders export of about n rows:
// one row per line item, the order's fields only on its first row (so most
// fields of the other rows are empty), addresses with commas in quotes,
// occasional notes with quotes and line breaks.
func rdtShopifyCSV(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString(strings.Join(rdtShopifyHeader, ","))
	b.WriteString("\n")
	products := []string{"Classic Tee - M", "Hoodie \"Winter\" Edition", "Mug", "Sticker Pack, 5 pcs", "Gift Card"}
	cities := []string{"Riyadh", "Jeddah", "London", "New York", "Dubai"}
	for order := 1001; n > 0; order++ {
		items := 1 + rng.IntN(3)
		for li := 0; li < items; li++ {
			n--
			price := 5 + rng.IntN(120)
			qty := 1 + rng.IntN(3)
			f := make([]string, len(rdtShopifyHeader))
			f[0] = fmt.Sprintf("#%d", order)
			f[1] = fmt.Sprintf("customer%d@example.com", rng.IntN(50000))
			f[15] = fmt.Sprintf("2024-%02d-%02d %02d:%02d:%02d +0300", 1+rng.IntN(12), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60))
			f[16] = fmt.Sprint(qty)
			f[17] = products[rng.IntN(len(products))]
			if strings.ContainsAny(f[17], ",\"") {
				f[17] = `"` + strings.ReplaceAll(f[17], `"`, `""`) + `"`
			}
			f[18] = fmt.Sprintf("%d.00", price)
			f[20] = fmt.Sprintf("SKU-%04d", rng.IntN(9999))
			f[21], f[22], f[23] = "true", "true", "fulfilled"
			f[59] = "0.00"
			if li == 0 {
				f[2], f[3], f[4], f[5] = "paid", f[15], "fulfilled", f[15]
				f[6], f[7] = "yes", "SAR"
				f[8], f[9], f[10], f[11] = fmt.Sprintf("%d.00", price*qty), "15.00", "7.50", fmt.Sprintf("%d.50", price*qty+22)
				f[14] = "Standard"
				city := cities[rng.IntN(len(cities))]
				f[24] = "Amal Haddad"
				f[25] = fmt.Sprintf(`"%d King Fahd Rd, Apt %d"`, rng.IntN(900), rng.IntN(50))
				f[26] = f[25]
				f[29], f[30], f[32], f[33] = city, fmt.Sprint(10000+rng.IntN(89999)), "SA", "+966501234567"
				copy(f[34:44], f[24:34])
				if rng.IntN(20) == 0 {
					f[44] = "\"Please deliver after 5pm.\nCall \"\"Amal\"\" first, thanks\""
				}
				f[47], f[48], f[50] = "Shopify Payments", fmt.Sprintf("c%d.1", rng.IntN(1e9)), "Qalb Store"
				f[55], f[57], f[58] = fmt.Sprint(5000000000+order), "Low", "web"
				f[60], f[61] = "VAT 15%", "7.50"
				f[70] = "+966501234567"
				f[73], f[74] = "Riyadh Province", "Riyadh Province"
				f[75] = fmt.Sprint(40000000000 + order)
			}
			b.WriteString(strings.Join(f, ","))
			b.WriteString("\n")
		}
	}
	return b.Bytes()
}

// BenchmarkCSVReader measures the CSV scanner alone, and through Open
// (sniffing plus the UTF-8 check), on a generated Shopify orders export.
func BenchmarkCSVReader(b *testing.B) {
	data := rdtShopifyCSV(100_000)
	rows := bytes.Count(data, []byte{'\n'})
	b.Run("scanner", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			c, err := newCSVReader(bytes.NewReader(data), 0)
			if err != nil {
				b.Fatal(err)
			}
			for {
				_, err := c.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("open", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			rr, _, err := Open("orders_export.csv", bytes.NewReader(data), FileMapping{})
			if err != nil {
				b.Fatal(err)
			}
			for {
				_, err := rr.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}

func BenchmarkJSONReader(b *testing.B) {
	var buf bytes.Buffer
	for i := range 50_000 {
		fmt.Fprintf(&buf, `{"event":"page_view","user":{"id":%d,"email":"u%d@example.com"},"properties":{"device":"ios","path":"/p/%d","tags":["a","b"]},"ts":"2024-03-05T14:30:00Z"}`+"\n", i, i, i%100)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rr, _, err := Open("events.ndjson", bytes.NewReader(data), FileMapping{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := rr.Next(); err != nil {
				break
			}
		}
	}
}

func TestShopifyGenerator(t *testing.T) {
	data := rdtShopifyCSV(2000)
	rr, info := rdtOpen(t, "orders_export.csv", string(data), FileMapping{})
	if len(rr.Header()) != len(rdtShopifyHeader) || info.Delimiter != "," {
		t.Fatalf("header %d, info %+v", len(rr.Header()), info)
	}
	for _, row := range rdtReadAll(t, rr) {
		if row.Err != "" || len(row.Fields) != len(rdtShopifyHeader) {
			t.Fatalf("line %d: %q %s", row.Line, row.Fields, row.Err)
		}
	}
}
