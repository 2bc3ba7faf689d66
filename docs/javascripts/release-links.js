// Frozen links: a link to a result names the release that computed it.
//
// Each release is published under /<version>/, with `latest` a copy of the
// newest one. A link copied while reading `latest` would silently follow the
// next release, so it is rewritten to the release's own path. The calculator
// root carries the release it was built for (data-release, set only in
// release builds) and the relative path to the site root (data-page-prefix).

// `href` on the path of release `root.dataset.release` (unchanged outside releases).
export function frozenUrl(root, href) {
  const release = root.dataset.release;
  if (!release) return href;
  const url = new URL(href);
  const siteRoot = new URL(root.dataset.pagePrefix || "./", url);
  const segments = siteRoot.pathname.split("/");
  const last = segments.length - 2; // the path ends with "/"
  if (last < 1 || segments[last] === release) return href;
  segments[last] = release;
  const frozen = new URL(url.href);
  frozen.pathname = segments.join("/") + url.pathname.slice(siteRoot.pathname.length);
  return frozen.href;
}
