// netplay engine worker (started by web/boot.js): runs app.wasm's engine
// side, which compiles and runs scenarios for the page
// (wasm/playground/engine_wasm.go). Messages that arrive before the Go
// side listens wait in inbox.
importScripts("/wasm_exec.js");
const inbox = [];
let handler = null;
self.netplayEngineListen = (fn) => {
  handler = fn;
  for (const m of inbox.splice(0)) fn(m);
};
self.netplayEngineSend = (m) => postMessage(m);
onmessage = async (e) => {
  const m = e.data;
  if (m.type !== "module") {
    if (handler) handler(m); else inbox.push(m);
    return;
  }
  try {
    const go = new Go();
    const instance = await WebAssembly.instantiate(m.module, go.importObject);
    await go.run(instance);
    postMessage({ type: "crash", error: "the engine exited" });
  } catch (err) {
    postMessage({ type: "crash", error: String(err) });
  }
};
