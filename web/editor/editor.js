// The netplay C editor: CodeMirror 6 with C highlighting, line numbers,
// compile-error and warning markers, a "current line" highlight for stepping and
// Ctrl/Cmd+Enter to run. The Go side (app/editor, js_wasm.go) drives it
// through window.netplayEditor; nothing here knows about netplay's model.
import { EditorView, keymap, Decoration, lineNumbers, highlightActiveLineGutter, highlightSpecialChars, drawSelection, dropCursor, rectangularSelection, crosshairCursor, highlightActiveLine } from "@codemirror/view";
import { EditorState, StateEffect, StateField, Prec } from "@codemirror/state";
import { indentOnInput, syntaxHighlighting, defaultHighlightStyle, bracketMatching, foldGutter, foldKeymap } from "@codemirror/language";
import { history, defaultKeymap, historyKeymap } from "@codemirror/commands";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { lintKeymap, lintGutter, setDiagnostics } from "@codemirror/lint";
import { cpp } from "@codemirror/lang-cpp";

// codemirror's basicSetup without autocompletion: C has no completion
// source in lang-cpp, so it would only add bytes to the page.
const setup = [
  lineNumbers(), lintGutter(), highlightActiveLineGutter(), highlightSpecialChars(), history(), foldGutter(),
  drawSelection(), dropCursor(), EditorState.allowMultipleSelections.of(true), indentOnInput(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }), bracketMatching(), closeBrackets(),
  rectangularSelection(), crosshairCursor(), highlightActiveLine(), highlightSelectionMatches(),
  keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap]),
];

const views = new Map();   // element id -> EditorView
let runHandler = null;     // called on Mod-Enter
let hoverHandler = null;   // called with (id, line) when the pointer moves to another line (0: left)
let editHandler = null;    // called with id when a view's text changed
const changeHandlers = new Map(); // element id -> function(doc)

// The "current line" of a step (one line at most per editor).
const setCurrent = StateEffect.define();
const currentLine = StateField.define({
  create() { return Decoration.none; },
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setCurrent)) continue;
      const line = e.value;
      if (!line || line < 1 || line > tr.state.doc.lines) {
        deco = Decoration.none;
      } else {
        const from = tr.state.doc.line(line).from;
        deco = Decoration.set([Decoration.line({ class: "cm-np-current" }).range(from)]);
      }
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const runKeys = Prec.highest(keymap.of([{
  key: "Mod-Enter",
  preventDefault: true,
  run() { if (runHandler) runHandler(); return true; },
}]));

// mount creates the view for id in the element with that id. go-app reuses
// elements: the element may hold another id's view (destroyed here), and
// id's old view may live in another element (destroyed too).
// hoverLines reports the line under the pointer, once per change.
function hoverLines(id) {
  let last = 0;
  const report = (line) => {
    if (line === last) return;
    last = line;
    if (hoverHandler) hoverHandler(id, line);
  };
  return EditorView.domEventHandlers({
    mousemove(e, view) {
      const pos = view.posAtCoords({ x: e.clientX, y: e.clientY });
      report(pos == null ? 0 : view.state.doc.lineAt(pos).number);
    },
    mouseleave() { report(0); },
  });
}

function extensions(id) {
  return [
    setup,
    cpp(),
    runKeys,
    currentLine,
    hoverLines(id),
    EditorView.updateListener.of((u) => {
      if (!u.docChanged) return;
      const h = changeHandlers.get(id);
      if (h) h(u.state.doc.toString());
      if (editHandler) editHandler(id);
    }),
  ];
}

function mount(id, doc) {
  const el = document.getElementById(id);
  if (!el) return false;
  const old = views.get(id);
  if (old) {
    if (old.dom.parentNode === el) return true;
    if (early.has(old) && !old.dom.isConnected) return adopt(el, id, old, doc);
    drop(id, old);
  }
  const here = el.npView;
  if (here) drop(here.id, here.view);
  const view = new EditorView({ doc: doc || "", parent: el, extensions: extensions(id) });
  views.set(id, view);
  el.npView = { id, view };
  return true;
}

// The server's rendering of the page (go-app prerenders it) shows each
// program as text in its editor's element. The views are made from it as
// soon as this bundle runs, while app.wasm is still downloading: making
// them is one of the longest tasks of the page's start (cold code and
// layout), and the download leaves the thread idle.
// When go-app replaces the prerendered page, mount adopts each view into
// its new element: what the learner typed meanwhile is kept, unless the
// page opened another scenario (a share link) with other text.
const early = new WeakMap(); // view -> the text it was made with

function mountPrerendered() {
  for (const pre of document.querySelectorAll(".np-editor > pre.np-editor-text")) {
    const el = pre.parentElement;
    if (!el.id || views.has(el.id)) continue;
    const doc = pre.textContent;
    pre.remove();
    mount(el.id, doc);
    early.set(views.get(el.id), doc);
  }
}

function adopt(el, id, view, doc) {
  const here = el.npView;
  if (here) drop(here.id, here.view);
  const first = early.get(view);
  early.delete(view);
  el.appendChild(view.dom);
  el.npView = { id, view };
  if ((doc || "") !== first) {
    view.setState(EditorState.create({ doc: doc || "", extensions: extensions(id) }));
  } else {
    view.requestMeasure();
  }
  return true;
}

function drop(id, view) {
  const el = view.dom.parentNode;
  if (el && el.npView && el.npView.view === view) el.npView = null;
  view.destroy();
  if (views.get(id) === view) views.delete(id);
}

function unmount(id) {
  const v = views.get(id);
  if (v) drop(id, v);
  changeHandlers.delete(id);
}

function get(id) {
  const v = views.get(id);
  return v ? v.state.doc.toString() : null;
}

function set(id, doc) {
  const v = views.get(id);
  if (!v) return;
  if (v.state.doc.toString() === doc) return;
  v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: doc } });
}

// Every Run clears the marks first; with none shown that is a no-op
// (otherwise a transaction on the first Run, while the lint state's code
// is still cold, delays the diagram).
const marked = new WeakSet(); // views showing compile errors

// errors: [{line, col, msg, warning}] with 1-based line and column; a
// warning (gcc -Wall's) is marked as one, in the gutter and underlined.
function setErrors(id, errors) {
  const v = views.get(id);
  if (!v) return;
  if (!(errors && errors.length) && !marked.has(v)) return;
  if (errors && errors.length) marked.add(v); else marked.delete(v);
  const doc = v.state.doc;
  const diags = [];
  for (const e of errors || []) {
    const n = Math.min(Math.max(1, e.line | 0), doc.lines);
    const line = doc.line(n);
    const from = Math.min(line.from + Math.max(0, (e.col | 0) - 1), line.to);
    diags.push({ from, to: line.to > from ? line.to : from, severity: e.warning ? "warning" : "error", message: String(e.msg) });
  }
  v.dispatch(setDiagnostics(v.state, diags));
}

const lit = new WeakSet(); // views with a current line

function highlight(id, line) {
  const v = views.get(id);
  if (!v) return;
  if (!(line > 0) && !lit.has(v)) return;
  if (line > 0) lit.add(v); else lit.delete(v);
  const effects = [setCurrent.of(line | 0)];
  if (line > 0 && line <= v.state.doc.lines) {
    effects.push(EditorView.scrollIntoView(v.state.doc.line(line).from, { y: "nearest" }));
  }
  v.dispatch({ effects });
}

// goto puts the cursor at line:col (1-based; col 0: the line's start),
// scrolled into view, and focuses the editor (an error's link).
function goto(id, line, col) {
  const v = views.get(id);
  if (!v) return;
  const doc = v.state.doc;
  const l = doc.line(Math.min(Math.max(1, line | 0), doc.lines));
  const pos = Math.min(l.from + Math.max(0, (col | 0) - 1), l.to);
  v.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
  v.focus();
}

function focus(id) {
  const v = views.get(id);
  if (v) v.focus();
}

window.netplayEditor = {
  mount, unmount, get, set, setErrors, highlight, focus, goto,
  onRun(fn) { runHandler = fn; },
  onHover(fn) { hoverHandler = fn; },
  onEdit(fn) { editHandler = fn; },
  onChange(id, fn) { changeHandlers.set(id, fn); },
};
mountPrerendered();
window.dispatchEvent(new Event("netplay-editor"));
