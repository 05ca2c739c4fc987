// Package identity resolves the customers behind records from many sources:
// union-find over customer ids, normalised emails and phone numbers, with a
// merge log that explains every merge.
package identity
