// The signed-in session is an HttpOnly cookie that the server sets and clears (POST and DELETE
// /api/auth/session): every tab shares it, a refresh keeps it, and no script can read it. Nothing
// about it is kept in storage or in a URL.
import { api } from "./api.js";
import { forgetAccountLocale } from "./i18n.js";

/** Signs in with an email and a password; the server sets the session cookie. Resolves to {user}. */
export function logIn(email, password) {
  return api("POST", "/api/auth/session", { email, password });
}

/**
 * Trades the tokens of an auth result (sign-up, an accepted invitation, a verified email) for the
 * cookie session; the tokens stop working.
 */
export async function saveSession(auth) {
  await api("POST", "/api/auth/session", { access_token: auth.access_token });
}

/** Ends the session: the server revokes it and clears the cookie. */
export async function logOut() {
  forgetAccountLocale(); // the next person at this browser gets its language, not this account's
  await api("DELETE", "/api/auth/session");
}
