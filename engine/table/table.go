// Package table is Qalb's columnar data model: typed columns with nulls,
// strings interned once per analysis, and the provenance (file, line) of
// every row, so that any figure can be traced back to the input it came from.
package table

import (
	"fmt"
	"math/bits"
	"slices"
)

// Type is the type of a column's values.
type Type uint8

const (
	String Type = iota + 1
	Int
	Float
	Time // Unix seconds, UTC
	Bool
)

func (t Type) String() string {
	switch t {
	case String:
		return "string"
	case Int:
		return "int"
	case Float:
		return "float"
	case Time:
		return "time"
	case Bool:
		return "bool"
	}
	return fmt.Sprintf("type(%d)", uint8(t))
}

// MarshalText makes types readable in JSON.
func (t Type) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Column holds one typed column. Only the slice matching Type is used; a null
// row keeps a zero value there and its bit set in Nulls, except in a String
// column, where id 0 is the null and Nulls stays empty: most cells of an
// export are text, and a quarter of them are blank.
type Column struct {
	Name  string
	Type  Type
	Str   []uint32 // ids in the table's Strings
	Int   []int64
	Float []float64
	Time  []int64
	Bool  []bool
	Nulls Bitmap
}

// NewColumn returns an empty column with room for capacity rows.
func NewColumn(name string, t Type, capacity int) *Column {
	c := &Column{Name: name, Type: t}
	switch t {
	case String:
		c.Str = make([]uint32, 0, capacity)
	case Int:
		c.Int = make([]int64, 0, capacity)
	case Float:
		c.Float = make([]float64, 0, capacity)
	case Time:
		c.Time = make([]int64, 0, capacity)
	case Bool:
		c.Bool = make([]bool, 0, capacity)
	}
	return c
}

// Len is the number of rows.
func (c *Column) Len() int {
	switch c.Type {
	case String:
		return len(c.Str)
	case Int:
		return len(c.Int)
	case Float:
		return len(c.Float)
	case Time:
		return len(c.Time)
	case Bool:
		return len(c.Bool)
	}
	return 0
}

// IsNull reports whether row i has no value.
func (c *Column) IsNull(i int) bool {
	if c.Type == String {
		return i < len(c.Str) && c.Str[i] == 0
	}
	return c.Nulls.Get(i)
}

// NullCount is the number of rows without a value.
func (c *Column) NullCount() int {
	if c.Type == String {
		n := 0
		for _, id := range c.Str {
			if id == 0 {
				n++
			}
		}
		return n
	}
	return c.Nulls.Count()
}

// AppendNull adds a row without a value.
func (c *Column) AppendNull() {
	if c.Type == String {
		c.Str = append(c.Str, 0) // inlined where it is called: most nulls are text
		return
	}
	c.appendNull()
}

func (c *Column) appendNull() {
	i := c.Len()
	switch c.Type {
	case Int:
		c.Int = append(c.Int, 0)
	case Float:
		c.Float = append(c.Float, 0)
	case Time:
		c.Time = append(c.Time, 0)
	case Bool:
		c.Bool = append(c.Bool, false)
	}
	c.Nulls.Set(i)
}

// AppendStr, AppendInt, AppendFloat, AppendTime and AppendBool add one value;
// the caller picks the one matching the column's Type.
func (c *Column) AppendStr(id uint32)   { c.Str = append(c.Str, id) }
func (c *Column) AppendInt(v int64)     { c.Int = append(c.Int, v) }
func (c *Column) AppendFloat(v float64) { c.Float = append(c.Float, v) }
func (c *Column) AppendTime(v int64)    { c.Time = append(c.Time, v) }
func (c *Column) AppendBool(v bool)     { c.Bool = append(c.Bool, v) }

// Bitmap is a growable set of row indexes.
type Bitmap struct{ words []uint64 }

// Set adds i.
func (b *Bitmap) Set(i int) {
	w := i >> 6
	if w >= len(b.words) {
		b.words = append(b.words, make([]uint64, w+1-len(b.words))...)
	}
	b.words[w] |= 1 << (uint(i) & 63)
}

// Get reports whether i is in the set.
func (b *Bitmap) Get(i int) bool {
	w := i >> 6
	return w < len(b.words) && b.words[w]&(1<<(uint(i)&63)) != 0
}

// Count is the number of rows in the set.
func (b *Bitmap) Count() int {
	n := 0
	for _, w := range b.words {
		for ; w != 0; w &= w - 1 {
			n++
		}
	}
	return n
}

// Table is the typed content of one input file: its columns and, for every
// row, the line of the file it came from.
type Table struct {
	File    string
	Columns []*Column
	Lines   Runs // 1-based line where each row starts
	Strings *Strings
}

// Rows is the number of rows.
func (t *Table) Rows() int { return t.Lines.Len() }

// Column returns the column named name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Text returns row i of a string column as text ("" when null).
func (t *Table) Text(c *Column, i int) string { return t.Strings.Value(c.Str[i]) }

// SetStr replaces the value of row i of a string column.
func (c *Column) SetStr(i int, id uint32) { c.Str[i] = id }

// Truncate drops the rows from n on, undoing appends.
func (c *Column) Truncate(n int) {
	for i := n; i < c.Len(); i++ {
		c.Nulls.Clear(i)
	}
	switch c.Type {
	case String:
		c.Str = c.Str[:n]
	case Int:
		c.Int = c.Int[:n]
	case Float:
		c.Float = c.Float[:n]
	case Time:
		c.Time = c.Time[:n]
	case Bool:
		c.Bool = c.Bool[:n]
	}
}

// Clear removes i.
func (b *Bitmap) Clear(i int) {
	if w := i >> 6; w < len(b.words) {
		b.words[w] &^= 1 << (uint(i) & 63)
	}
}

// AppendColumn appends the rows of o, a column of the same type whose
// string ids are named in another Strings: remap[id] is the id here.
func (c *Column) AppendColumn(o *Column, remap []uint32) {
	n := c.Len()
	switch c.Type {
	case String:
		c.Str = slices.Grow(c.Str, len(o.Str)) // at its size: the part is its last rows, often
		for _, id := range o.Str {
			c.Str = append(c.Str, remap[id])
		}
	case Int:
		c.Int = append(c.Int, o.Int...)
	case Float:
		c.Float = append(c.Float, o.Float...)
	case Time:
		c.Time = append(c.Time, o.Time...)
	case Bool:
		c.Bool = append(c.Bool, o.Bool...)
	}
	for w, word := range o.Nulls.words {
		for ; word != 0; word &= word - 1 {
			if i := w<<6 + bits.TrailingZeros64(word); i < o.Len() {
				c.Nulls.Set(n + i)
			}
		}
	}
}
