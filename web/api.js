// The JSON API, with relative URLs: the page is served by the same server.

// kind: "network" (no answer: server down or unreachable), "http" (an error
// status; code and message come from the server's {"error": {…}} body when it
// sent one), or "abort" (superseded by a newer request).
export class ApiError extends Error {
  constructor(kind, message, { status = 0, code = "" } = {}) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.status = status;
    this.code = code;
  }
}

async function getJson(path, signal) {
  let response;
  try {
    response = await fetch(path, { signal, headers: { Accept: "application/json" } });
  } catch (err) {
    if (err && err.name === "AbortError") throw new ApiError("abort", "aborted");
    throw new ApiError("network", "The Longjing server did not answer.");
  }
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    if (err && err.name === "AbortError") throw new ApiError("abort", "aborted");
    body = null;
  }
  if (!response.ok) {
    const error = body && body.error;
    throw new ApiError("http", (error && error.message) || `HTTP ${response.status} ${response.statusText}`, {
      status: response.status,
      code: (error && error.code) || "",
    });
  }
  if (body === null) throw new ApiError("http", "The server sent an unreadable answer.", { status: response.status });
  return body;
}

export function search(params, signal) {
  return getJson("api/search?" + params.toString(), signal);
}

export function article(id, signal) {
  return getJson("api/articles/" + encodeURIComponent(id), signal);
}

export function taxonomy(signal) {
  return getJson("api/taxonomy", signal);
}

// Insights over the same selection parameters (docs/api.md).
export function pivot(params, signal) {
  return getJson("api/pivot?" + params.toString(), signal);
}

export function trends(params, signal) {
  return getJson("api/trends?" + params.toString(), signal);
}

export function significant(params, signal) {
  return getJson("api/significant?" + params.toString(), signal);
}

export function feedUrl(params) {
  const p = new URLSearchParams(params);
  p.delete("page");
  p.delete("per_page");
  const text = p.toString();
  return "api/feed.atom" + (text ? "?" + text : "");
}
