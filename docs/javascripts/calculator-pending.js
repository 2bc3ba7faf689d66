// The calculator page opened from a link, before the link's own result exists.
//
// The result pre-rendered at build time is for the default inputs, so a link
// must never show it (design.md §3): until the engine has computed the link's
// result, the result region holds this pending view instead, with
// data-verdict="" and aria-busy="true". It shows the link's inputs (both
// scenarios for a comparison link) and the engine's download progress; the
// summary above the form (narrow screens) copies its first block, so it says
// the same. calculator-link.js already blanked the region while the page was
// parsed; this module fills it in.
//
// A preset link leaves the preset's figures out of the address: they are
// filled into the form at once from the build's data (calculator.preset_page),
// so the form never shows the generic prices for a preset link.

const MB = 1e6;
const OFFLINE = "Starting the live engine from the copy saved on this device\u2026";
const PIN = "pin";

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function parseData(text, fallback) {
  try {
    return JSON.parse(text || "");
  } catch {
    return fallback;
  }
}

// The form control of a field, by its name only (never an id).
function control(form, name) {
  return [...form.elements].find((item) => item.name === name) || null;
}

// A field's label as the form shows it, without its unit.
function labelOf(form, name) {
  const field = control(form, name);
  const label = field && field.id ? form.querySelector(`label[for="${CSS.escape(field.id)}"]`) : null;
  if (!label) return name;
  const copy = label.cloneNode(true);
  for (const unit of copy.querySelectorAll(".tp-unit")) unit.remove();
  return copy.textContent.trim() || name;
}

// The text a value stands for: a select's option label, else the value typed.
function valueText(form, name, value) {
  const field = control(form, name);
  if (field && field.tagName === "SELECT") {
    const option = [...field.options].find((item) => item.value === value);
    if (option) return option.textContent.trim();
  }
  return value === "" ? "(empty)" : value;
}

// [[field, value]] a query sets, by the published query names; unknown names
// are kept as written so that the reader sees what the link says.
function linkValues(query, names) {
  const values = [];
  for (const [param, value] of new URLSearchParams(query)) {
    if (param === PIN) continue;
    values.push([names.get(param) || param, value]);
  }
  return values;
}

// The preset figures a query implies but does not spell out: {field: value}.
export function presetFigures(root, query, names) {
  const data = parseData(root.dataset.presets, null);
  if (!data || !data.presets) return {};
  const given = new Map(linkValues(query, names));
  const preset = data.presets[given.get("preset") || ""];
  if (!preset) return {};
  const sameDay = (given.get("as_of") || data.as_of) === data.as_of;
  const implied = { ...preset.figures, ...(sameDay ? preset.dated : {}) };
  for (const name of given.keys()) delete implied[name];
  return implied;
}

// Puts a preset link's figures into the form (the link's own values win).
export function fillPresetFigures(root, form, query, names) {
  for (const [name, value] of Object.entries(presetFigures(root, query, names))) {
    const field = control(form, name);
    if (field && "value" in field) field.value = String(value);
  }
}

function inputsList(root, form, query, names) {
  const rows = linkValues(query, names);
  const implied = presetFigures(root, query, names);
  const list = element("dl", "tp-pending-inputs");
  for (const [name, value] of [...rows, ...Object.entries(implied).map(([k, v]) => [k, String(v)])]) {
    const item = element("div");
    const term = element("dt", "", labelOf(form, name));
    const text = valueText(form, name, value);
    const detail = element("dd", "", name in implied && !rows.some(([k]) => k === name)
      ? `${text} (from the preset)` : text);
    item.append(term, detail);
    list.append(item);
  }
  if (!list.children.length) return element("p", "tp-pending-defaults", "The default inputs.");
  return list;
}

function side(root, form, title, query, names) {
  const part = element("section", "tp-pending-side");
  part.append(element("h3", "", title), inputsList(root, form, query, names));
  return part;
}

// The pending view for `query` (the page's query; a comparison link's pin
// parameter holds scenario A's own query).
export function showPending(root, form, query, names) {
  const region = root.querySelector("#calculator-result");
  const params = new URLSearchParams(query);
  const pinned = params.has(PIN) ? params.get(PIN) : null;
  params.delete(PIN);
  const view = element("div", "tp-pending tp-result tp-result--pending");
  const glance = element("div", "tp-pending tp-glance tp-glance--pending");
  const heading = element("h2", "tp-verdict");
  heading.append(
    element("span", "tp-verdict-kicker", "Recommendation"), " ",
    element("span", "tp-verdict-label", pinned === null
      ? "Being computed for this link\u2019s inputs"
      : "Both scenarios being computed"),
  );
  const bar = element("progress", "tp-progress-bar");
  bar.max = 100;
  const progress = element("p", "tp-progress");
  progress.append(bar, " ", element("span", "tp-progress-text", "Starting the live engine\u2026"));
  glance.append(heading, progress);
  view.append(glance);
  if (pinned === null) {
    view.append(side(root, form, "This link\u2019s inputs", params.toString(), names));
  } else {
    const both = element("div", "tp-pending-compare");
    both.append(
      side(root, form, "A (pinned): pending", pinned, names),
      side(root, form, "B (current): pending", params.toString(), names),
    );
    view.append(both);
  }
  region.dataset.verdict = "";
  region.dataset.source = "pending";
  region.dataset.state = "pending";
  region.setAttribute("aria-busy", "true");
  region.replaceChildren(view);
}

function megabytes(bytes) {
  return (bytes / MB).toFixed(1);
}

// Download progress, in the pending view and its copy above the form. From
// the offline copy nothing downloads: no figures then, and a bar with no value
// (a busy bar).
export function showProgress(root, loaded, total, offline = false) {
  if (offline) {
    for (const slot of root.querySelectorAll(".tp-progress-text")) slot.textContent = OFFLINE;
    for (const bar of root.querySelectorAll(".tp-progress-bar")) bar.removeAttribute("value");
    return;
  }
  if (!(total > 0)) return;
  const share = Math.min(100, Math.round((loaded / total) * 100));
  const left = Math.max(0, total - loaded);
  const text = share >= 100
    ? `Live engine downloaded (${megabytes(total)} MB); starting Python\u2026`
    : `Downloading the live engine: ${share} % (${megabytes(loaded)} of ${megabytes(total)} MB, `
      + `${megabytes(left)} MB left)`;
  for (const slot of root.querySelectorAll(".tp-progress-text")) slot.textContent = text;
  for (const bar of root.querySelectorAll(".tp-progress-bar")) bar.value = share;
}

// No result can come (the engine did not start, or the link's inputs are
// invalid): the link's inputs stay, with no verdict, and `why` in words.
export function pendingFailed(root, why) {
  const region = root.querySelector("#calculator-result");
  if (region.dataset.source !== "pending") return;
  region.setAttribute("aria-busy", "false");
  for (const slot of root.querySelectorAll(".tp-progress-text")) slot.textContent = why;
  for (const bar of root.querySelectorAll(".tp-progress-bar")) bar.remove();
}
