// Why the live engine is not running, in one sentence a reader understands,
// with the technical detail behind a disclosure and a way to try again.
//
// A failure is the plain object the worker (calculator-worker.js) or the page
// reports: {code, file, status, detail, seconds}. Codes:
//   no-webassembly  the browser has no WebAssembly (or it is turned off)
//   no-worker       the browser cannot run Web Workers
//   worker          the worker's script did not load or crashed while starting
//   http            an engine file answered an HTTP error status
//   network         an engine file could not be downloaded at all
//   corrupt         an engine file arrived but could not be used
//   timeout         the engine did not start in time (a slow download)
//   broken          the running engine failed
//   unknown         anything else

function because(failure) {
  const file = failure.file || "a file it needs";
  switch (failure.code) {
    case "no-webassembly":
      return "this browser has WebAssembly turned off or does not support it";
    case "no-worker":
      return "this browser cannot run the background script (Web Worker) it needs";
    case "worker":
      return `its script (${failure.file || "the worker"}) could not be loaded or run; check `
        + "your connection and try again";
    case "http":
      if (failure.status === 404 || failure.status === 410) {
        return `a file it needs (${file}) is missing from this site (HTTP ${failure.status})`;
      }
      return `the server did not deliver a file it needs (${file}, HTTP ${failure.status}); `
        + "try again in a moment";
    case "network":
      return `a file it needs (${file}) could not be downloaded; check your connection `
        + "and try again";
    case "corrupt":
      return `a file it needs (${file}) arrived damaged; try again, and report it if it `
        + "keeps happening";
    case "timeout":
      return `the engine did not start within ${failure.seconds} seconds, usually because `
        + "of a slow connection; try again";
    case "broken":
      return "the engine hit an internal error; try again";
    default:
      return "the engine could not start; try again";
  }
}

// The one sentence shown in the status line.
export function failureSentence(failure) {
  return `Live recalculation is unavailable because ${because(failure)}.`;
}

// Everything a maintainer needs to know, for the disclosure.
export function failureDetail(failure) {
  const lines = [`code: ${failure.code}`];
  if (failure.file) lines.push(`file: ${failure.file}`);
  if (failure.status) lines.push(`HTTP status: ${failure.status}`);
  if (failure.detail) lines.push(String(failure.detail));
  lines.push(`browser: ${navigator.userAgent}`);
  return lines.join("\n");
}

// Shows (or refreshes) the "Try again" button and the technical details just
// after the status line; `retry` restarts the engine.
export function showFailureTools(root, failure, retry) {
  let box = root.querySelector(".tp-failure");
  if (!box) {
    box = document.createElement("div");
    box.className = "tp-failure";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button tp-retry";
    button.dataset.action = "retry";
    button.textContent = "Try again";
    const details = document.createElement("details");
    details.className = "tp-failure-details";
    const summary = document.createElement("summary");
    summary.textContent = "Technical details";
    const pre = document.createElement("pre");
    pre.className = "tp-failure-detail";
    details.append(summary, pre);
    box.append(button, details);
    root.querySelector("#calculator-status").after(box);
  }
  box.hidden = false;
  box.querySelector(".tp-failure-detail").textContent = failureDetail(failure);
  const button = box.querySelector(".tp-retry");
  button.onclick = () => {
    box.hidden = true;
    retry();
  };
}

export function hideFailureTools(root) {
  const box = root.querySelector(".tp-failure");
  if (box) box.hidden = true;
}
