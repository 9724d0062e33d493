// mlkata serve: the page scripts. No framework, no network but this server.
"use strict";

function typeset(root) {
  if (!window.katex) return;
  for (const el of (root || document).querySelectorAll("span.math:not([data-done])")) {
    try {
      katex.render(el.textContent, el, {displayMode: el.dataset.display === "1", throwOnError: false});
    } catch (e) { /* leave the TeX visible */ }
    el.dataset.done = "1";
  }
}

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") el.className = v; else el.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

async function post(url, body) {
  const r = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"},
                              body: JSON.stringify(body || {}), credentials: "same-origin"});
  const data = await r.json().catch(() => ({error: "the server answered " + r.status}));
  if (!r.ok) throw new Error(data.error || ("HTTP " + r.status));
  return [data, r];
}

const MARK = {pass: "PASS", fail: "FAIL", error: "ERROR", timeout: "TIMEOUT", oom: "OUT OF MEMORY",
              forbidden: "FORBIDDEN", skipped: "skipped"};

function renderVerdict(res, warnings, cardsDue) {
  const box = document.getElementById("verdict");
  box.replaceChildren();
  const passed = res.status === "pass";
  const core = res.tests.filter(t => t.tier === "core");
  const corePass = core.filter(t => t.status === "pass").length;
  box.append(h("div", {class: "verdict-head " + res.status, id: "verdict-status", "data-status": res.status},
    h("strong", {}, MARK[res.status] || res.status), " ",
    h("span", {}, `${corePass}/${core.length} core cases`),
    h("span", {class: "dim"}, ` · ${res.duration.toFixed(2)} s` + (res.strict ? " · strict" : ""))));
  if (res.message) box.append(h("pre", {class: "message"}, res.message));
  if (res.diagnosis) {
    const d = res.diagnosis;
    box.append(h("div", {class: "diagnosis", id: "diagnosis"},
      h("strong", {}, "Looks like: " + d.title), h("p", {}, d.explain),
      d.section ? h("p", {class: "dim"}, "sheet " + d.section) : null));
  }
  for (const n of res.notes || []) box.append(h("p", {class: "note"}, n));
  for (const w of warnings || []) box.append(h("p", {class: "warning"}, "warning: " + w));
  if (cardsDue) box.append(h("p", {class: "dim"}, `${cardsDue} related card(s) are due now: `, h("a", {href: "/review"}, "review")));
  const table = h("table", {class: "cases"},
    h("thead", {}, h("tr", {}, h("th", {}, "case"), h("th", {}, "tier"), h("th", {}, "status"),
                        h("th", {}, "input · expected vs got"), h("th", {}, "time"))));
  const body = h("tbody");
  for (const t of res.tests) {
    const detail = h("td", {class: "detail"});
    if (t.summary) detail.append(h("div", {class: "dim"}, t.summary));
    if (t.message) detail.append(h("pre", {}, t.message));
    if (t.why) detail.append(h("div", {class: "why"}, t.why));
    if (t.output) detail.append(h("details", {}, h("summary", {}, "printed"), h("pre", {}, t.output)));
    body.append(h("tr", {class: t.status},
      h("td", {}, t.name), h("td", {}, t.tier), h("td", {class: "st"}, MARK[t.status] || t.status), detail,
      h("td", {}, t.seconds === null || t.seconds === undefined ? "" : (t.seconds * 1000).toFixed(1) + " ms")));
  }
  table.append(body);
  box.append(table);
  if (res.output) box.append(h("details", {}, h("summary", {}, "printed while importing"), h("pre", {}, res.output)));
  if (!passed) box.append(h("p", {class: "dim"}, "stuck? press Hint"));
}

function initProblem() {
  const root = document.querySelector("[data-problem]");
  const pid = root.dataset.problem;
  const editor = document.getElementById("editor");
  const state = document.getElementById("state");
  const checkBtn = document.getElementById("check");
  let loaded = editor.value;

  // the editor: CodeMirror 6 (vendored) over the textarea, which stays the value the page sends;
  // without CodeMirror the textarea itself is the editor (Tab indents, Enter keeps the indentation)
  let view = null;
  const CM = window.MlkataEditor;
  if (CM) {
    view = new CM.EditorView({
      parent: editor.parentNode,
      state: CM.EditorState.create({
        doc: editor.value,
        extensions: [
          CM.basicSetup, CM.python(), CM.indentUnit.of("    "),
          CM.keymap.of([{key: "Mod-Enter", run: () => { check(); return true; }}, CM.indentWithTab]),
          CM.EditorView.updateListener.of((u) => { if (u.docChanged) editor.value = u.state.doc.toString(); }),
        ],
      }),
    });
    editor.parentNode.insertBefore(view.dom, editor);
    editor.hidden = true;
    view.dom.id = "cm";
  }
  function setSource(text) {
    editor.value = text;
    if (view) view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}});
  }
  window.mlkataEditor = {get: () => editor.value, set: setSource};

  editor.addEventListener("keydown", (e) => {
    if (e.key === "Tab" && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      const s = editor.selectionStart, t = editor.selectionEnd;
      const v = editor.value;
      if (s === t && !e.shiftKey) {
        editor.setRangeText("    ", s, t, "end");
      } else {
        // indent or dedent every selected line
        const start = v.lastIndexOf("\n", s - 1) + 1;
        const lines = v.slice(start, t).split("\n");
        const out = lines.map(l => e.shiftKey ? l.replace(/^ {1,4}/, "") : "    " + l).join("\n");
        editor.setRangeText(out, start, t, "select");
      }
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      check();
    } else if (e.key === "Enter") {
      // keep the indentation of the line, one level more after a colon
      e.preventDefault();
      const s = editor.selectionStart;
      const v = editor.value;
      const line = v.slice(v.lastIndexOf("\n", s - 1) + 1, s);
      let indent = line.match(/^\s*/)[0];
      if (/:\s*$/.test(line)) indent += "    ";
      editor.setRangeText("\n" + indent, s, editor.selectionEnd, "end");
    }
  });

  // the same file as the CLI's: when the page comes back into view, pick up edits made elsewhere
  window.addEventListener("focus", async () => {
    if (editor.value !== loaded) return;  // never overwrite unsaved typing
    const r = await fetch("/api/source/" + pid, {credentials: "same-origin"});
    if (!r.ok) return;
    const data = await r.json();
    if (data.exists && data.source !== editor.value) { setSource(data.source); loaded = data.source; }
  });

  async function check() {
    if (checkBtn.disabled) return;
    checkBtn.disabled = true;
    document.body.classList.add("judging");
    state.textContent = "judging…";
    state.id = "state";
    const poll = setInterval(async () => {
      const r = await fetch("/api/queue", {credentials: "same-origin"}).catch(() => null);
      if (r && r.ok) {
        const q = await r.json();
        if (q.waiting > 1) state.textContent = `judging… (${q.waiting - 1} other check(s) queued)`;
      }
    }, 1000);
    try {
      const t0 = performance.now();
      const [res, r] = await post("/api/check/" + pid, {source: editor.value,
                                                        strict: document.getElementById("strict").checked});
      const t1 = performance.now();
      loaded = editor.value;
      document.getElementById("unsaved")?.remove();  // the check wrote the file
      const warnings = JSON.parse(r.headers.get("X-Mlkata-Warnings") || "[]");
      renderVerdict(res, warnings, Number(r.headers.get("X-Mlkata-Cards-Due") || 0));
      window.mlkataTiming = {request: t1 - t0, render: performance.now() - t1};
      state.textContent = "";
      const st = document.getElementById("status");
      if (st) { st.textContent = res.status === "pass" ? "checked: pass" : "checked: " + res.status; }
    } catch (e) {
      state.textContent = "error: " + e.message;
    } finally {
      clearInterval(poll);
      document.body.classList.remove("judging");
      checkBtn.disabled = false;
    }
  }
  checkBtn.addEventListener("click", check);

  document.getElementById("hint").addEventListener("click", async () => {
    try {
      const [d] = await post("/api/hint/" + pid);
      const box = document.getElementById("hints");
      const el = h("div", {class: "hint"}, h("strong", {}, `hint ${d.level}/3 (${d.name})`));
      const body = h("div");
      body.innerHTML = d.html;  // rendered server-side from the bank's Markdown, raw HTML disabled
      el.append(body);
      box.append(el);
      typeset(el);
    } catch (e) { state.textContent = "error: " + e.message; }
  });

  document.getElementById("solution").addEventListener("click", async () => {
    if (!confirm("Show the reference solution? Your next pass will then count as shaky.")) return;
    try {
      const [d] = await post("/api/solution/" + pid);
      document.getElementById("solution-box").replaceChildren(
        h("h2", {}, "Reference solution"), h("pre", {class: "solution"}, d.source));
    } catch (e) { state.textContent = "error: " + e.message; }
  });
}

function initReview() {
  const card = document.getElementById("card");
  const session = document.getElementById("session");
  const rated = Number(sessionStorage.getItem("mlkata-rated") || 0);
  session.textContent = `${rated} rated in this session`;
  session.dataset.rated = String(rated);
  if (!card) return;
  const answer = document.getElementById("answer");
  const started = performance.now();
  let busy = false;
  function reveal() { answer.hidden = false; document.getElementById("reveal-hint").hidden = true; }
  function next(extraSkip) {
    const skip = (card.dataset.skip ? card.dataset.skip.split(",") : []).concat(extraSkip || []);
    location.href = "/review" + (skip.length ? "?skip=" + encodeURIComponent(skip.join(",")) : "");
  }
  async function rate(name) {
    if (busy || answer.hidden) return;
    busy = true;
    try {
      await post("/api/review/" + card.dataset.card, {rating: name, duration_ms: Math.round(performance.now() - started)});
      sessionStorage.setItem("mlkata-rated", String(Number(sessionStorage.getItem("mlkata-rated") || 0) + 1));
      next();
    } catch (e) { busy = false; session.textContent = "error: " + e.message; }
  }
  for (const b of document.querySelectorAll("button.rate")) b.addEventListener("click", () => rate(b.dataset.rating));
  const names = {"1": "again", "2": "hard", "3": "good", "4": "easy"};
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === " " || e.key === "Enter") { e.preventDefault(); reveal(); }
    else if (names[e.key]) rate(names[e.key]);
    else if (e.key === "s") next([card.dataset.card]);
    else if (e.key === "m") { const d = answer.querySelector("details"); if (d && !answer.hidden) d.open = !d.open; }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  typeset(document);
  const page = document.body.dataset.page;
  if (page === "problem") initProblem();
  if (page === "review") initReview();
  document.body.dataset.ready = "1";
  // when the page became usable (math typeset, handlers bound), for bench/web_latency.py
  document.body.dataset.readyMs = performance.now().toFixed(1);
});
