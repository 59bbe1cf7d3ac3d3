// The pages' only way to the server: JSON over fetch, bearer token from the session, one refresh
// attempt when the access token has run out, and problems (RFC 9457) turned into ApiError.
import { clearSession, saveSession, session } from "./session.js";

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

let refreshing = null;

/**
 * Calls the API. Path segments the caller did not write itself must be encoded by it.
 * @returns the parsed JSON body, or null for an empty answer
 * @throws ApiError for every answer that is not 2xx, and for network failures (status 0)
 */
export async function api(method, path, body = undefined, { auth = true } = {}) {
  let response = await send(method, path, body, auth);
  if (response.status === 401 && auth && session()?.refresh_token) {
    if (await refresh()) {
      response = await send(method, path, body, auth);
    }
  }
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
  const current = session();
  if (auth && current) {
    headers.Authorization = `Bearer ${current.access_token}`;
  }
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, {});
  }
}

/** One refresh at a time, however many calls found their token expired. */
function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const response = await fetch("/api/auth/refresh", {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ refresh_token: session().refresh_token }),
          credentials: "omit",
        });
        if (!response.ok) {
          clearSession();
          return false;
        }
        saveSession(await response.json());
        return true;
      } catch {
        return false;
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}
