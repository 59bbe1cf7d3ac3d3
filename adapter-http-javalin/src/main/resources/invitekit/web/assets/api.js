// The pages' only way to the server: JSON over fetch with the session cookie (same origin only),
// and problems (RFC 9457) turned into ApiError.

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code || (status === 0 ? "network" : `http_${status}`);
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.suggestions = Array.isArray(problem.suggestions) ? problem.suggestions : [];
    this.retryAfter = retryAfter ? Number(retryAfter) : null;
  }
}

/**
 * Calls the API. Path segments the caller did not write itself must be encoded by it.
 * @returns the parsed JSON body, or null for an empty answer
 * @throws ApiError for every answer that is not 2xx, and for network failures (status 0)
 */
export async function api(method, path, body = undefined, { auth = true } = {}) {
  const response = await send(method, path, body, auth);
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, data || {}, response.headers.get("Retry-After"));
  }
  return data;
}

async function send(method, path, body, auth) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // The cookie goes only where the call needs a signed-in user; a public call (an invitation's
      // accept, a sign-up) is about the credentials in its body, not about who else is signed in here.
      credentials: auth ? "same-origin" : "omit",
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, {});
  }
}
