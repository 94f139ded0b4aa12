// netplay boot, run as the page's head is parsed (before go-app's deferred
// loader, app.js):
//
// 1. It starts web/engine.js as a Web Worker at once and, when go-app's
//    loader has compiled app.wasm, gives it that module (no second
//    download or compile): the page's Go side finds
//    window.netplayEngine and sends runs there, so compiling and running
//    never freeze the page (wasm/playground/engine_wasm.go). Without
//    Worker support the page runs scenarios itself.
// 2. The editor bundle (web/editor.js) is deferred; the Go side mounts
//    editors as soon as it runs, so go-app gets the module only once the
//    bundle is there (or the page has loaded without it).
(() => {
  const instantiate = WebAssembly.instantiateStreaming;
  if (!instantiate) return;

  const editorReady = new Promise((resolve) => {
    if (window.netplayEditor || document.readyState === "complete") return resolve();
    window.addEventListener("netplay-editor", resolve, { once: true });
    window.addEventListener("load", resolve, { once: true });
  });

  const engine = {
    module: null,
    worker: null,
    handler: null, // the page's Go side, set by listen
    inbox: [],     // what the worker said before the page listened
    // start creates the worker; it loads its scripts while the page is
    // still parsing and waits for the module.
    start() {
      const w = new Worker("/web/engine.js");
      w.onmessage = (e) => this.deliver(e.data);
      w.onerror = (e) => { e.preventDefault(); this.deliver({ type: "crash", error: String(e.message || e) }); };
      if (this.module) w.postMessage({ type: "module", module: this.module });
      this.worker = w;
    },
    give(module) {
      this.module = module;
      this.worker.postMessage({ type: "module", module });
    },
    deliver(m) { if (this.handler) this.handler(m); else this.inbox.push(m); },
    listen(fn) { this.handler = fn; for (const m of this.inbox.splice(0)) fn(m); },
    send(m) { this.worker.postMessage(m); },
    // restart ends the worker (a program that no longer yields) and starts
    // a fresh one from the same module.
    restart() { this.worker.terminate(); this.start(); },
  };
  let started = false;
  if (typeof Worker !== "undefined") {
    try {
      engine.start();
      started = true;
    } catch (err) {
      console.warn("netplay: no engine worker, scenarios run on the page:", err);
    }
  }
  const startEngine = (module) => {
    if (started && !window.netplayEngine) {
      engine.give(module);
      window.netplayEngine = engine;
    }
  };

  WebAssembly.instantiateStreaming = async function (source, imports) {
    const r = await instantiate.call(WebAssembly, source, imports);
    startEngine(r.module);
    await editorReady;
    return r;
  };
})();
