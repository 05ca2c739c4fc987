// DuckDB-WASM's browser module imports "apache-arrow" by name; a page under
// the site's Content-Security-Policy cannot have an inline import map, so the
// benchmark rewrites that import to this file, which re-exports what
// duckdb.html's classic <script> of Arrow's browser bundle put on window.
const A = window.Arrow;
if (!A) throw new Error("apache-arrow's bundle (Arrow.esnext.min.js) did not load");
export const { Type, Table, RecordBatchReader, tableToIPC, tableFromIPC } = A;
export default A;
