// The DuckDB-WASM side of the side-by-side benchmark (scripts/bench-sidebyside.mjs):
// what a page built on DuckDB-WASM does to answer the questions Qalb's
// overview and RFM answer, cold, on the file picked in #file. Each step is
// timed with performance.now(); window.duckBench.run() resolves with the
// times and the answers' sizes, checked by the driver.
import * as duckdb from "./duckdb/duckdb-browser.mjs";

const longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
} catch {
  /* no longtask support */
}

const status = (t) => {
  document.getElementById("status").textContent = t;
};

// The file's columns, typed as the narrow orders export needs: left to the
// sniffer, order_date would become TIMESTAMP WITH TIME ZONE, which needs the
// ICU extension — fetched from the network, which the page forbids.
const COLUMNS = `{'order_id':'VARCHAR','email':'VARCHAR','name':'VARCHAR','country':'VARCHAR','city':'VARCHAR',
  'order_date':'TIMESTAMP','total':'DOUBLE','currency':'VARCHAR','items':'INTEGER'}`;

// RFM per customer, scored into quintiles as Qalb's RFM step does: recency in
// days before the last order in the file, frequency = orders, monetary =
// revenue.
const RFM = `CREATE TABLE rfm AS
WITH c AS (
  SELECT email, max(order_date) AS last, count(*) AS frequency, sum(total) AS monetary
  FROM orders WHERE email IS NOT NULL GROUP BY email),
latest AS (SELECT max(order_date) AS d FROM orders)
SELECT email, date_diff('day', last, latest.d) AS recency, frequency, monetary,
  ntile(5) OVER (ORDER BY date_diff('day', last, latest.d) DESC) AS r,
  ntile(5) OVER (ORDER BY frequency) AS f,
  ntile(5) OVER (ORDER BY monetary) AS m
FROM c, latest`;

const SEGMENTS = `SELECT r, f, m, count(*) AS customers, sum(monetary) AS revenue FROM rfm GROUP BY ALL ORDER BY ALL`;

const COUNTRIES = `SELECT country, count(*) AS orders, count(DISTINCT email) AS customers, sum(total) AS revenue
FROM orders GROUP BY country ORDER BY revenue DESC`;

async function run() {
  const file = document.getElementById("file").files[0];
  if (!file) throw new Error("no file picked");
  const t = { start: performance.now() };
  const abs = (p) => new URL(p, location.href).href;
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: abs("duckdb/duckdb-mvp.wasm"), mainWorker: abs("duckdb/duckdb-browser-mvp.worker.js") },
    eh: { mainModule: abs("duckdb/duckdb-eh.wasm"), mainWorker: abs("duckdb/duckdb-browser-eh.worker.js") },
  });
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  // No extension may be fetched while analysing (and the page's CSP would refuse it).
  await conn.query("SET autoinstall_known_extensions = false; SET autoload_known_extensions = false");
  t.init = performance.now();
  status("ready");

  await db.registerFileHandle(file.name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const name = file.name.replace(/'/g, "''");
  await conn.query(`CREATE TABLE orders AS SELECT * FROM read_csv('${name}', header = true, columns = ${COLUMNS})`);
  t.read = performance.now();
  const rows = Number((await conn.query("SELECT count(*) AS n FROM orders")).getChild("n").get(0));

  await conn.query(RFM);
  const segments = (await conn.query(SEGMENTS)).numRows;
  const customers = Number((await conn.query("SELECT count(*) AS n FROM rfm")).getChild("n").get(0));
  const countries = (await conn.query(COUNTRIES)).numRows;
  t.analyse = performance.now();
  status("done");

  const longest = Math.max(0, ...longTasks.filter((x) => x.start >= t.start && x.start < t.analyse).map((x) => x.duration));
  const engine = await db.getVersion();
  await conn.close();
  await db.terminate();
  return {
    bundle: bundle.mainModule.split("/").pop(),
    version: duckdb.PACKAGE_VERSION,
    engine,
    initMs: t.init - t.start,
    readMs: t.read - t.init,
    analyseMs: t.analyse - t.read,
    totalMs: t.analyse - t.start,
    longest,
    rows,
    customers,
    segments,
    countries,
  };
}
window.duckBench = { run };
status("loaded");
