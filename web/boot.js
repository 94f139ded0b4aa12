// netplay boot, run as the page's head is parsed (before go-app's deferred
// loader, app.js):
//
// 1. It starts web/engine.js as a Web Worker at once. That first worker
//    downloads and compiles app.wasm (streamed, on its own thread) and
//    sends the module here; without a worker, or when the worker cannot,
//    the page compiles it itself. go-app's loader would fetch app.wasm
//    through a JavaScript stream to show a percentage, a task per chunk on
//    the page's thread (the largest part of a cold load's work there): its
//    fetch gets a body
//    that ends when the compile does, and its instantiateStreaming
//    instantiates the module compiled here.
// 2. The page's Go side finds window.netplayEngine and sends runs to the
//    worker, so compiling and running never freeze the page
//    (wasm/playground/engine_wasm.go). The first worker starts Go as soon
//    as the module is compiled and warms the engine up when told, in the
//    task after go-app ran the page's instance: on two cores, both Go
//    instances warming up at once slowed the page. A worker started later
//    (restart) is given the module.
// 3. The editor bundle (web/editor.js) is deferred; the Go side mounts
//    editors as soon as it runs, so go-app gets the instance only once the
//    bundle is there (or the page has loaded without it).
// 4. go-app registers its service worker (for offline use) at once, and
//    its install downloads every resource a second time and compiles
//    editor.js for its code cache: half a second of CPU here, spent while
//    the page and the engine start. The registration waits until the
//    engine has warmed up (at most 10 s), then for an idle moment.
(() => {
  const instantiate = WebAssembly.instantiateStreaming;
  const compileStreaming = WebAssembly.compileStreaming;
  if (!instantiate || !compileStreaming) return;
  const wasmPath = "/web/app.wasm";

  const pageFetch = window.fetch;
  let moduleReady, moduleFailed;
  const compiled = new Promise((resolve, reject) => { moduleReady = resolve; moduleFailed = reject; });
  compiled.catch(() => {}); // go-app's loader shows the error
  let compilingHere = false;
  // compileHere is the page compiling app.wasm itself: without a worker,
  // or when the worker could not.
  const compileHere = () => {
    if (compilingHere) return;
    compilingHere = true;
    compileStreaming(pageFetch.call(window, wasmPath)).then((module) => {
      moduleReady(module);
      if (started && !engine.module) engine.give(module);
    }, moduleFailed);
  };

  let handedOver = false; // go-app's loader asked for app.wasm
  window.fetch = function (input, init) {
    const url = typeof input === "string" ? input : input && input.url;
    if (handedOver || !url || new URL(url, location.href).pathname !== wasmPath) {
      return pageFetch.apply(this, arguments);
    }
    handedOver = true;
    window.fetch = pageFetch;
    // go-app's loader shows how much of this body has arrived: a byte a
    // percent of the worker's download (its "progress"), the rest when the
    // module is compiled.
    const body = new ReadableStream({
      start(c) {
        progress.sink = (percent) => {
          if (percent > progress.sent) c.enqueue(new Uint8Array(percent - progress.sent));
          progress.sent = Math.max(progress.sent, percent);
        };
        progress.sink(progress.percent);
        compiled.then(() => { progress.sink(100); c.close(); }, (err) => c.error(err));
      },
    });
    return Promise.resolve(new Response(body, {
      headers: { "Content-Type": "application/wasm", "Content-Length": "100" },
    }));
  };
  // The worker's download, in percent, and what go-app's loader was given.
  const progress = { percent: 0, sent: 0, sink: null };

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
    starts: 0,     // engines that started (said "started"), for the browser tests
    // start creates a worker. The first one compiles app.wasm and sends
    // the module here; later ones (restart) get it from here.
    start(first) {
      const w = new Worker("/web/engine.js", first ? { name: "compile" } : {});
      w.onmessage = (e) => this.deliver(e.data);
      w.onerror = (e) => { e.preventDefault(); this.deliver({ type: "crash", error: String(e.message || e) }); };
      if (this.module) w.postMessage({ type: "module", module: this.module });
      this.worker = w;
    },
    give(module) {
      this.module = module;
      this.worker.postMessage({ type: "module", module });
    },
    deliver(m) {
      if (m.type === "module") { // the first worker compiled app.wasm
        this.module = m.module;
        moduleReady(m.module);
        return;
      }
      if (m.type === "progress") {
        progress.percent = m.percent;
        if (progress.sink) progress.sink(m.percent);
        return;
      }
      if (m.type === "started") this.starts++;
      if (m.type === "warm") { window.netplayEngineWarm = true; return warmed(); }
      if (m.type === "compile-error") return compileHere();
      if (m.type === "crash" && !this.module) compileHere();
      if (this.handler) this.handler(m); else this.inbox.push(m);
    },
    listen(fn) { this.handler = fn; for (const m of this.inbox.splice(0)) fn(m); },
    send(m) { this.worker.postMessage(m); },
    // restart ends the worker (a program that no longer yields) and starts
    // a fresh one from the same module.
    restart() { this.worker.terminate(); this.start(false); },
  };
  let started = false;
  if (typeof Worker !== "undefined") {
    try {
      engine.start(true);
      started = true;
    } catch (err) {
      console.warn("netplay: no engine worker, scenarios run on the page:", err);
    }
  }
  if (!started) compileHere();

  let warmed;
  const warm = new Promise((resolve) => { warmed = resolve; });
  const sw = navigator.serviceWorker;
  if (sw && typeof sw.register === "function") {
    const register = sw.register.bind(sw);
    const later = Promise.race([
      started ? warm : compiled.catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, 10000)),
    ]).then(() => new Promise((resolve) => {
      if (window.requestIdleCallback) requestIdleCallback(resolve, { timeout: 2000 });
      else setTimeout(resolve, 0);
    }));
    sw.register = (...args) => later.then(() => register(...args));
  }
  compiled.then(() => { if (started) window.netplayEngine = engine; }, () => {});

  // The first worker runs the engine once the page has mounted (the task
  // after go-app's go.run), or 5 s after the module if the page never runs.
  let workerStarted = false;
  const startWorker = () => {
    if (started && !workerStarted) {
      workerStarted = true;
      engine.worker.postMessage({ type: "start" });
    }
  };
  compiled.then(() => setTimeout(startWorker, 5000), () => {});

  WebAssembly.instantiateStreaming = async function (source, imports) {
    if (!handedOver) return instantiate.call(WebAssembly, source, imports);
    const module = await compiled;
    const instance = await WebAssembly.instantiate(module, imports);
    await editorReady;
    setTimeout(startWorker, 0); // go-app runs the instance first
    return { module, instance };
  };
})();
