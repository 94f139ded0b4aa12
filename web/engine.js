// netplay engine worker (started by web/boot.js): runs app.wasm's engine
// side, which compiles and runs scenarios for the page
// (wasm/playground/engine_wasm.go). Messages that arrive before the Go
// side listens wait in inbox.
//
// The first worker (named "compile") downloads and compiles app.wasm
// itself, streamed, and hands the module to the page: the bytes then
// arrive on this thread, not on the page's, which is busy parsing the
// editor bundle and laying out the page. It starts the engine (Go's start,
// the package inits) at once, and its warm-up only when the page says
// "start", once the page has mounted: both warming up at once on a
// machine with two cores made the page's start a fifth slower (tti
// 1.17-1.51 s against 0.95-1.20 in pairs), and since the precompiled
// header the engine's warm-up is short enough that the first diagram
// came only 0-0.1 s sooner for it (notes/page.md, session 15). Workers
// started later get the module from the page and run it at once.
const compiled = self.name === "compile" ? WebAssembly.compileStreaming(fetch("/web/app.wasm").then(counted)) : null;

// counted passes the download through, telling the page how much of it
// has arrived ({type: "progress", percent}): the loading splash shows it.
// The total is the uncompressed size (the server's X-Raw-Content-Length;
// the body arrives decompressed).
function counted(resp) {
  const total = parseInt(resp.headers.get("X-Raw-Content-Length") || resp.headers.get("Content-Length"), 10);
  if (!resp.ok || !resp.body || !(total > 0)) return resp;
  let loaded = 0, said = -1;
  const count = new TransformStream({
    transform(chunk, c) {
      loaded += chunk.byteLength;
      const percent = Math.min(99, Math.floor((loaded * 100) / total));
      if (percent !== said) {
        said = percent;
        postMessage({ type: "progress", percent });
      }
      c.enqueue(chunk);
    },
  });
  return new Response(resp.body.pipeThrough(count), { status: resp.status, statusText: resp.statusText, headers: resp.headers });
}
importScripts("/wasm_exec.js");
const inbox = [];
let handler = null;
self.netplayEngineListen = (fn) => {
  handler = fn;
  for (const m of inbox.splice(0)) fn(m);
};
// transfer, when given, is an ArrayBuffer handed over, not copied (the
// bytes of a run's whole output).
self.netplayEngineSend = (m, transfer) => postMessage(m, transfer ? [transfer] : []);

let memory = null; // the engine's linear memory: it only grows, so its size is the peak

async function runEngine(module) {
  try {
    const go = new Go();
    const instance = await WebAssembly.instantiate(module, go.importObject);
    memory = instance.exports.mem;
    await go.run(instance);
    postMessage({ type: "crash", error: "the engine exited" });
  } catch (err) {
    postMessage({ type: "crash", error: String(err) });
  }
}

// The engine's warm-up (running the default scenario ahead) waits for
// the page's "start"; Go's own start and the package inits do not: the
// first worker runs them as soon as the module is compiled, while the
// page starts, so the warm-up begins at once when the page says.
let start;
const startSaid = new Promise((resolve) => { start = resolve; });
self.netplayEngineWarmWhen = (fn) => { startSaid.then(() => fn()); };
if (compiled) {
  compiled.then((module) => {
    postMessage({ type: "module", module });
    runEngine(module);
  }, (err) => postMessage({ type: "compile-error", error: String(err) }));
}

onmessage = (e) => {
  const m = e.data;
  if (m.type === "start") {
    start();
  } else if (m.type === "module") { // a later worker (restart): no page start to wait for
    start();
    runEngine(m.module);
  } else if (m.type === "resources") { // what this worker downloaded, for the page's benchmark
    postMessage({
      type: "resources",
      origin: performance.timeOrigin,
      entries: performance.getEntriesByType("resource").map((e) => ({ name: e.name, transfer: e.transferSize, body: e.encodedBodySize, end: e.responseEnd })),
    });
  } else if (m.type === "memory") { // the engine's memory, for the page's benchmark
    postMessage({ type: "memory", bytes: memory ? memory.buffer.byteLength : 0 });
  } else if (handler) {
    handler(m);
  } else {
    inbox.push(m);
  }
};
