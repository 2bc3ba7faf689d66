// Turns result HTML into nodes that can do nothing but show content.
//
// The result HTML comes only from the calculator's own renderer (the Python
// render_result_html), which escapes every value it prints, user input
// included. This module is the second line of defence, should that ever
// fail: an allow-list, so anything it does not know is dropped.
//
// * The HTML is parsed in an inert document (its scripts never run, its
//   images never load), and the nodes that pass are adopted as they are,
//   never serialised and parsed again (which could change their meaning).
// * Elements: only those listed below, checked with their namespace (an SVG
//   <a> is not an HTML <a>); anything else is removed with its content.
// * Attributes: only those listed below, plus aria-* and data-*. Every value
//   is checked after removing control characters, whitespace and invisible
//   separators: no value may hold a url(...) other than a reference inside
//   the page (url(#id)), and a link's href must resolve, both as written and
//   as cleaned, to http:, https: or mailto:, or stay inside the site.
// The site's Content-Security-Policy, which forbids inline scripts and
// handlers, is a third line.

const HTML = "http://www.w3.org/1999/xhtml";
const SVG = "http://www.w3.org/2000/svg";

const HTML_ELEMENTS = new Set([
  "a", "abbr", "article", "aside", "b", "br", "button", "caption", "cite", "code", "col",
  "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
  "figure", "footer", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "ins", "kbd", "li",
  "mark", "meter", "ol", "output", "p", "pre", "progress", "q", "s", "samp", "section", "small",
  "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
  "time", "tr", "u", "ul", "var", "wbr",
]);

// Shapes, text and grouping; no <a>, <use>, <image>, <foreignObject>, <script>,
// <style> or animation elements (<set>, <animate…>), which can load or run things.
const SVG_ELEMENTS = new Set([
  "svg", "g", "title", "desc", "rect", "line", "polyline", "polygon", "circle", "ellipse",
  "path", "text", "tspan", "defs", "linearGradient", "radialGradient", "stop", "clipPath",
  "marker", "pattern",
]);

const GLOBAL_ATTRIBUTES = new Set(["class", "id", "title", "lang", "dir", "role", "hidden",
  "tabindex"]);
const ARIA_OR_DATA = /^(?:aria|data)-[a-z0-9][a-z0-9._-]*$/;

const HTML_ATTRIBUTES = {
  a: ["href", "hreflang", "rel"],
  button: ["type", "disabled", "value"],
  col: ["span"],
  colgroup: ["span"],
  data: ["value"],
  del: ["datetime"],
  details: ["open"],
  ins: ["datetime"],
  li: ["value"],
  meter: ["value", "min", "max", "low", "high", "optimum"],
  ol: ["start", "reversed", "type"],
  output: ["for"],
  progress: ["value", "max"],
  td: ["colspan", "rowspan", "headers"],
  th: ["colspan", "rowspan", "headers", "scope", "abbr"],
  time: ["datetime"],
};

// Geometry and presentation attributes, for any allowed SVG element.
const SVG_ATTRIBUTES = new Set([
  "viewBox", "preserveAspectRatio", "width", "height", "x", "y", "x1", "x2", "y1", "y2",
  "cx", "cy", "r", "rx", "ry", "dx", "dy", "d", "points", "transform", "focusable",
  "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-dasharray",
  "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-opacity", "opacity",
  "text-anchor", "dominant-baseline", "alignment-baseline", "font-size", "font-weight",
  "font-family", "font-style", "letter-spacing", "textLength", "lengthAdjust",
  "vector-effect", "shape-rendering", "offset", "stop-color", "stop-opacity", "clip-path",
  "clipPathUnits", "gradientUnits", "gradientTransform", "markerWidth",
  "markerHeight", "refX", "refY", "orient", "markerUnits", "marker-start", "marker-mid",
  "marker-end", "patternUnits", "visibility", "display",
]);

const URL_ATTRIBUTES = new Set(["href"]);
const SCHEMES = new Set(["http:", "https:", "mailto:"]);

// C0 and C1 controls, every kind of whitespace, soft hyphen, the zero-width
// and bidirectional marks, and the replacement character the parser puts in
// place of NUL: characters a reader cannot see that could hide a scheme
// ("\x01javascript:", "java\tscript:").
const INVISIBLE = /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\ufffd]/g;
const IN_PAGE_URL = /^url\(#[A-Za-z][\w.-]*\)$/i;

/** Whether a link target is harmless: http(s), mailto, or a place in the site. */
export function safeUrl(value, base = document.baseURI) {
  const cleaned = value.replace(INVISIBLE, "");
  try {
    return [value, cleaned].every((text) => SCHEMES.has(new URL(text, base).protocol));
  } catch {
    return false;
  }
}

function allowedElement(element) {
  // A customised built-in element (is="…") would run a registered element's
  // code once adopted; removing the attribute does not undo that.
  if (element.hasAttribute("is")) return false;
  if (element.namespaceURI === HTML) return HTML_ELEMENTS.has(element.localName);
  if (element.namespaceURI === SVG) return SVG_ELEMENTS.has(element.localName);
  return false;
}

function allowedAttribute(element, attribute) {
  const name = attribute.localName;
  if (attribute.namespaceURI !== null || name !== attribute.name) return false;
  const known = GLOBAL_ATTRIBUTES.has(name) || ARIA_OR_DATA.test(name)
    || (element.namespaceURI === HTML && (HTML_ATTRIBUTES[element.localName] || []).includes(name))
    || (element.namespaceURI === SVG && SVG_ATTRIBUTES.has(name));
  if (!known) return false;
  const cleaned = attribute.value.replace(INVISIBLE, "").toLowerCase();
  if (cleaned.includes("url(") && !IN_PAGE_URL.test(cleaned)) return false;
  if (element.localName === "button" && name === "type" && cleaned !== "button") return false;
  if (URL_ATTRIBUTES.has(name)) return safeUrl(attribute.value);
  return true;
}

// Walks the tree without recursion (deep nesting cannot exhaust the stack),
// dropping what is not allowed.
function clean(root) {
  const pending = [root];
  while (pending.length) {
    const parent = pending.pop();
    for (const node of [...parent.childNodes]) {
      if (node.nodeType === Node.TEXT_NODE) continue;
      if (node.nodeType !== Node.ELEMENT_NODE || !allowedElement(node)) {
        node.remove();
        continue;
      }
      for (const attribute of [...node.attributes]) {
        if (!allowedAttribute(node, attribute)) node.removeAttributeNode(attribute);
      }
      pending.push(node);
    }
  }
}

/** A fragment of `document` holding only the allowed parts of `html`. */
export function sanitizedFragment(html) {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, "text/html");
  clean(parsed.body);
  const fragment = document.createDocumentFragment();
  fragment.append(...[...parsed.body.childNodes].map((node) => document.adoptNode(node)));
  return fragment;
}
