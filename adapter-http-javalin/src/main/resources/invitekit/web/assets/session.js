// The signed-in session lives in sessionStorage: one browser tab, gone when it closes, never in a URL.
const KEY = "invitekit.session";

export function session() {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY));
    return value && value.access_token ? value : null;
  } catch {
    return null;
  }
}

/** Keeps the tokens of an auth result ({user, access_token, refresh_token}). */
export function saveSession(auth) {
  sessionStorage.setItem(KEY, JSON.stringify({
    access_token: auth.access_token,
    refresh_token: auth.refresh_token,
    user: auth.user,
  }));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}
