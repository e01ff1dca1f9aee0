// The PingOne Playground: lists the catalogue's actions by family, builds
// a form from an action's input schema, checks the input against it, runs
// the action through the Actions RPC and shows its output or its error.
// Plain JavaScript, no build step, no dependency.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  let catalogue = [];
  let current = null; // the selected action
  let fields = []; // its input fields: {name, schema, el}

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  }

  // ---- JSON Schema: the keywords the catalogue's input schemas use ----

  function types(s) {
    if (!s || s.type === undefined) return [];
    return Array.isArray(s.type) ? s.type : [s.type];
  }

  function mainType(s) {
    return types(s).find((t) => t !== "null") || "";
  }

  function typeOf(v) {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v; // string, boolean, object
  }

  const dateTime = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

  // validate returns the problems of v under s, as "path: problem".
  function validate(s, v, path, out) {
    out = out || [];
    path = path || "";
    const at = path || "(input)";
    if (s === true || s === undefined) return out;
    if (s === false) { out.push(`${at}: is not allowed`); return out; }
    const ts = types(s);
    const t = typeOf(v);
    if (ts.length && !ts.includes(t) && !(t === "integer" && ts.includes("number"))) {
      out.push(`${at}: want ${ts.join(" or ")}, not ${t}`);
      return out;
    }
    if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
      out.push(`${at}: want one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`);
    }
    if (s.not && validate(s.not, v, path).length === 0) out.push(`${at}: this value is not allowed`);
    if (s.anyOf && !s.anyOf.some((alt) => validate(alt, v, path).length === 0)) {
      // Report the problems of the closest alternative.
      const tries = s.anyOf.map((alt) => validate(alt, v, path));
      tries.sort((a, b) => a.length - b.length);
      out.push(...tries[0]);
    }
    if (t === "string") {
      const n = [...v].length;
      if (s.minLength !== undefined && n < s.minLength) out.push(`${at}: ${s.minLength === 1 ? "is empty" : "is shorter than " + s.minLength}`);
      if (s.maxLength !== undefined && n > s.maxLength) out.push(`${at}: is longer than ${s.maxLength}`);
      if (s.format === "date-time" && !dateTime.test(v)) out.push(`${at}: want a date and time such as 2026-01-31T09:00:00Z`);
    }
    if (t === "integer" || t === "number") {
      if (s.minimum !== undefined && v < s.minimum) out.push(`${at}: want at least ${s.minimum}`);
      if (s.maximum !== undefined && v > s.maximum) out.push(`${at}: want at most ${s.maximum}`);
    }
    if (t === "array" && s.items) v.forEach((x, i) => validate(s.items, x, `${path}/${i}`, out));
    if (t === "object") {
      for (const r of s.required || []) if (!(r in v)) out.push(`${path}/${r}: is required`);
      for (const [k, x] of Object.entries(v)) {
        if (s.properties && k in s.properties) validate(s.properties[k], x, `${path}/${k}`, out);
        else if (s.additionalProperties !== undefined) validate(s.additionalProperties, x, `${path}/${k}`, out);
      }
      for (const [k, deps] of Object.entries(s.dependentRequired || {})) {
        if (k in v) for (const d of deps) if (!(d in v)) out.push(`${path}/${d}: is required with ${k}`);
      }
    }
    return out;
  }

  // skeleton returns a value valid under s: its required members, each
  // with the simplest value its schema takes (the first variant of an
  // anyOf).
  function skeleton(s, name) {
    if (!s || s === true) return {};
    if (s.anyOf && !s.properties) return skeleton(Object.assign({}, s.anyOf[0], { type: s.type || s.anyOf[0].type }), name);
    if (s.enum) return s.enum.find((e) => e !== null) ?? s.enum[0];
    const t = mainType(s);
    switch (t) {
      case "object": {
        const o = {};
        for (const r of s.required || []) o[r] = skeleton((s.properties || {})[r], r);
        return o;
      }
      case "array": return [];
      case "string": {
        if (s.format === "date-time") return new Date().toISOString().replace(/\.\d+Z$/, "Z");
        const min = s.minLength || 0;
        if (min === 0) return "";
        const hint = `<${name || "value"}>`;
        return hint.length >= min ? hint : "x".repeat(min);
      }
      case "integer": case "number": return s.minimum ?? 0;
      case "boolean": return false;
    }
    return null;
  }

  // ---- the catalogue ----

  function renderList() {
    const words = $("search").value.toLowerCase().split(/\s+/).filter(Boolean);
    const box = $("families");
    box.replaceChildren();
    let shown = 0;
    const byFamily = new Map();
    for (const a of catalogue) {
      const text = `${a.name} ${a.title} ${a.family} ${a.description}`.toLowerCase();
      if (!words.every((w) => text.includes(w))) continue;
      if (!byFamily.has(a.family)) byFamily.set(a.family, []);
      byFamily.get(a.family).push(a);
      shown++;
    }
    for (const [family, list] of byFamily) {
      const ul = el("ul");
      for (const a of list) {
        const b = el("button", { type: "button", class: "action", "data-action": a.name, title: a.name }, a.title);
        if (a.hints.destructive) b.append(el("span", { class: "tag danger", text: "destructive" }));
        else if (!a.hints.readOnly) b.append(el("span", { class: "tag write", text: "write" }));
        if (current && current.name === a.name) b.classList.add("selected");
        b.addEventListener("click", () => select(a.name));
        ul.append(el("li", {}, b));
      }
      box.append(el("h2", { class: "family", text: `${family} (${list.length})` }), ul);
    }
    $("count").textContent = `${shown} of ${catalogue.length} actions`;
  }

  function pathParams(a) {
    return [...a.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => p !== "environmentID");
  }

  function select(name) {
    current = catalogue.find((a) => a.name === name);
    if (!current) return;
    history.replaceState(null, "", "#" + name);
    document.querySelectorAll("button.action").forEach((b) => b.classList.toggle("selected", b.dataset.action === name));
    $("placeholder").hidden = true;
    $("detail").hidden = false;
    $("result").hidden = true;
    $("problems").hidden = true;
    $("title").textContent = current.title;
    $("route").textContent = `${current.method} ${current.path} · ${current.name}`;
    const badges = $("badges");
    badges.replaceChildren();
    const h = current.hints;
    badges.append(el("span", { class: "tag " + (h.readOnly ? "read" : "write"), text: h.readOnly ? "read-only" : "changes data" }));
    if (h.destructive) badges.append(el("span", { class: "tag danger", text: "destructive" }));
    if (h.returnsSecret) badges.append(el("span", { class: "tag danger", text: "returns a secret" }));
    $("description").textContent = current.description;

    const schema = current.inputSchema || {};
    const props = schema.properties || {};
    const required = new Set(schema.required || []);
    const ids = pathParams(current).filter((p) => p in props);
    const rest = Object.keys(props).filter((k) => k !== "body" && !ids.includes(k))
      .sort((x, y) => (required.has(y) - required.has(x)) || x.localeCompare(y));
    const box = $("fields");
    box.replaceChildren();
    fields = [];
    for (const name of [...ids, ...rest]) {
      const s = props[name];
      const input = fieldInput(name, s);
      const label = el("label", { for: input.id }, name);
      if (required.has(name)) label.append(el("span", { class: "required", title: "required", text: " *" }));
      const row = el("div", { class: "field" }, label, input);
      const hint = s.description || "";
      if (hint || mainType(s) === "array") row.append(el("small", { class: "muted", text: hint + (mainType(s) === "array" ? " (comma-separated)" : "") }));
      box.append(row);
      fields.push({ name, schema: s, el: input });
    }
    const body = props.body;
    $("body-field").hidden = !body;
    $("body").value = body ? JSON.stringify(skeleton(body, "body"), null, 2) : "";
  }

  function fieldInput(name, s) {
    const id = "f-" + name;
    const t = mainType(s);
    if (s.enum || t === "boolean") {
      const values = s.enum || [true, false];
      const sel = el("select", { id }, el("option", { value: "", text: "(not set)" }));
      for (const v of values) if (v !== null) sel.append(el("option", { value: JSON.stringify(v), text: String(v) }));
      return sel;
    }
    if (t === "integer" || t === "number") {
      const attrs = { id, type: "number", step: t === "integer" ? "1" : "any" };
      if (s.minimum !== undefined) attrs.min = s.minimum;
      if (s.maximum !== undefined) attrs.max = s.maximum;
      return el("input", attrs);
    }
    if (t === "string" || (t === "array" && mainType(s.items) === "string")) {
      return el("input", { id, type: "text", autocomplete: "off", spellcheck: "false",
        placeholder: s.format === "date-time" ? "2026-01-31T09:00:00Z" : "" });
    }
    return el("textarea", { id, rows: "3", spellcheck: "false", placeholder: "JSON" });
  }

  // input builds the action's input from the form; problems go to errs.
  function input(errs) {
    const out = {};
    for (const f of fields) {
      const raw = f.el.value.trim();
      if (raw === "") continue;
      const t = mainType(f.schema);
      if (f.el.tagName === "SELECT") out[f.name] = JSON.parse(raw);
      else if (t === "integer" || t === "number") out[f.name] = Number(raw);
      else if (t === "string") out[f.name] = raw;
      else if (t === "array" && mainType(f.schema.items) === "string") out[f.name] = raw.split(",").map((x) => x.trim()).filter(Boolean);
      else {
        try { out[f.name] = JSON.parse(raw); } catch (e) { errs.push(`/${f.name}: not valid JSON (${e.message})`); }
      }
    }
    if (!$("body-field").hidden) {
      const raw = $("body").value.trim();
      if (raw !== "") {
        try { out.body = JSON.parse(raw); } catch (e) { errs.push(`/body: not valid JSON (${e.message})`); }
      }
    }
    return out;
  }

  function showProblems(list) {
    const ul = $("problems");
    ul.replaceChildren(...list.map((p) => el("li", { text: p })));
    ul.hidden = list.length === 0;
  }

  function confirmDestructive(a) {
    return new Promise((resolve) => {
      const d = $("confirm");
      $("confirm-title").textContent = `Run ${a.title}?`;
      $("confirm-text").textContent = `${a.description} This is destructive: it cannot be undone.`;
      d.returnValue = "";
      d.addEventListener("close", () => resolve(d.returnValue === "ok"), { once: true });
      d.showModal();
      $("confirm-cancel").focus();
    });
  }

  async function run(ev) {
    ev.preventDefault();
    if (!current) return;
    const a = current;
    const errs = [];
    const value = input(errs);
    if (errs.length === 0) errs.push(...validate(a.inputSchema, value, ""));
    showProblems(errs);
    if (errs.length) return;
    if (!a.hints.readOnly && !$("allow-writes").checked) {
      showResult(a, 0, { error: { kind: "writes_off", message: `${a.title} changes data: turn on "Allow writes" to run it. Nothing was sent.` } });
      return;
    }
    if (a.hints.destructive && !(await confirmDestructive(a))) {
      showResult(a, 0, { error: { kind: "not_confirmed", message: "Not confirmed: nothing was sent." } });
      return;
    }
    const headers = { "Content-Type": "application/json", "X-CSRF-Token": csrf };
    if (!a.hints.readOnly) headers["Pingone-Allow-Writes"] = "true";
    if (a.hints.destructive) headers["Pingone-Confirm"] = a.name;
    $("run").disabled = true;
    $("result-title").textContent = "Running…";
    try {
      const resp = await fetch("/v1/actions/" + encodeURIComponent(a.name), {
        method: "POST", headers, body: JSON.stringify(value), credentials: "same-origin",
      });
      let data;
      try { data = await resp.json(); } catch { data = { error: { kind: "bad_answer", message: `HTTP ${resp.status}, not JSON` } }; }
      if (current === a) showResult(a, resp.status, data);
      if (resp.status === 401) signedOut();
    } catch (e) {
      showResult(a, 0, { error: { kind: "network", message: "The server did not answer: " + e.message } });
    } finally {
      $("run").disabled = false;
    }
  }

  function showResult(a, status, data) {
    $("result").hidden = false;
    const err = data && data.error;
    const dl = $("error");
    dl.replaceChildren();
    dl.hidden = !err;
    if (err) {
      $("result-title").textContent = status ? `Error (HTTP ${status})` : "Not run";
      const rows = [["Kind", err.kind], ["Message", err.message], ["Field", err.field], ["Status", err.status],
        ["Code", err.code], ["Error ID", err.errorId], ["Correlation ID", err.correlationId]];
      for (const [k, v] of rows) if (v !== undefined && v !== "") dl.append(el("dt", { text: k }), el("dd", { "data-field": k, text: String(v) }));
      if (err.details && err.details.length) {
        const ul = el("ul");
        for (const d of err.details) ul.append(el("li", { text: [d.code, d.target, d.message].filter(Boolean).join(" · ") }));
        dl.append(el("dt", { text: "Details" }), el("dd", {}, ul));
      }
      $("output").textContent = "";
      $("output").hidden = true;
      return;
    }
    const n = Array.isArray(data.items) ? ` (${data.items.length} item${data.items.length === 1 ? "" : "s"}${data.next_cursor ? ", more: pass next_cursor as cursor" : ""})` : "";
    $("result-title").textContent = "Output" + n;
    $("output").hidden = false;
    $("output").textContent = JSON.stringify(data, null, 2);
  }

  function signedOut() {
    $("who").replaceChildren("Signed out. ", el("a", { href: "/signin", text: "Sign in again" }));
  }

  async function load() {
    $("app").hidden = false;
    $("search").addEventListener("input", renderList);
    $("form").addEventListener("submit", run);
    try {
      const resp = await fetch("/v1/actions", { credentials: "same-origin" });
      if (resp.status === 401) { signedOut(); $("placeholder").textContent = "Signed out."; return; }
      const data = await resp.json();
      catalogue = data.actions;
    } catch (e) {
      $("placeholder").textContent = "Could not load the catalogue: " + e.message;
      return;
    }
    $("placeholder").textContent = "Pick an action on the left.";
    renderList();
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted) select(wanted);
  }

  // For tests and the curious: the schema helpers.
  window.playground = { validate, skeleton, catalogue: () => catalogue };

  load();
})();
