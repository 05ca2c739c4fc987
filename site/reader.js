// Qalb file reader (a Worker started by worker.js).
//
// Chromium moves a Blob's bytes into a Worker only while that Worker's event
// loop runs. The engine's Worker computes for seconds at a time, so slices
// it asks for itself arrive only when it stops to wait for them. This Worker
// does nothing else: it reads the slice the engine asks for and, at once,
// the next one, so that one is in memory by the time the engine wants it.
// Each slice travels to the engine transferred, not copied.
//
// Messages in:  {type: "read", key, blob, offset, end}   answer: {key, buf} or {key, error}
//               {type: "forget", key}                    drop the slice read ahead for key
"use strict";

let ahead = null; // {key, offset, end, promise}: the slice read ahead

function slice(blob, offset, end) {
  const promise = blob.slice(offset, end).arrayBuffer();
  promise.catch(() => {}); // an unused read-ahead that fails is nobody's error
  return promise;
}

self.onmessage = async (event) => {
  const m = event.data;
  if (m.type === "forget") {
    if (ahead && ahead.key === m.key) ahead = null;
    return;
  }
  if (m.type !== "read") return;
  let promise;
  if (ahead && ahead.key === m.key && ahead.offset === m.offset && ahead.end === m.end) {
    promise = ahead.promise;
  } else {
    promise = slice(m.blob, m.offset, m.end);
  }
  ahead = null;
  if (m.end < m.blob.size) {
    const end = Math.min(m.blob.size, m.end + (m.end - m.offset));
    ahead = { key: m.key, offset: m.end, end, promise: slice(m.blob, m.end, end) };
  }
  try {
    const buf = await promise;
    self.postMessage({ key: m.key, buf }, [buf]);
  } catch (err) {
    const text = err && err.name ? `${err.name}: ${err.message}` : String(err);
    self.postMessage({ key: m.key, error: text });
  }
};
