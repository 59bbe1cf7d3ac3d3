// The shareable link of a join code: /join/{code}. Signed in, one button joins (POST /api/join,
// the same call and answers as typing the code). Signed out, log-in and sign-up come back here
// through ?next=, so the code survives the detour without being stored anywhere.
import { api, ApiError } from "./api.js";
import { t } from "./i18n.js";
import { problemText, publicPage, ready, renderHeader, setBusy, waitText } from "./ui.js";

await publicPage("join_link.title");

const code = pathCode();
document.getElementById("join-link-code").textContent = code;
document.getElementById("join-link-text").textContent = t("join_link.text");

const MESSAGES = { invalid_code: "join.error.invalid_code", malformed_code: "join.error.malformed_code",
  validation_failed: "join.error.malformed_code", rate_limited: "join.error.rate_limited",
  tenant_full: "join.error.tenant_full", tenant_inactive: "join.error.tenant_inactive",
  email_not_verified: "join.error.email_not_verified" };

/** The code as the link has it; the server forgives case, spaces, dashes and look-alike letters. */
function pathCode() {
  const raw = location.pathname.replace(/^\/join\//, "").replace(/\/$/, "");
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a broken escape: the server answers that it is not a code
  }
}

let me = null;
try {
  me = await api("GET", "/api/me");
} catch {
  me = null; // signed out: log in or sign up first
}

if (me) {
  renderHeader(me);
  document.getElementById("join-signed-in-text").textContent = t("join_link.signed_in", { email: me.user.email });
  document.getElementById("join-signed-in").hidden = false;
  ready();
  document.getElementById("join-confirm").focus();
} else {
  const next = encodeURIComponent(location.pathname);
  document.getElementById("join-login").href = `/login?next=${next}`;
  document.getElementById("join-signup").href = `/signup?next=${next}`;
  document.getElementById("join-signed-out").hidden = false;
  ready(true);
}

document.getElementById("join-confirm").addEventListener("click", async (event) => {
  const button = event.currentTarget;
  const failure = document.getElementById("join-error");
  failure.hidden = true;
  setBusy(button, true);
  try {
    const joined = await api("POST", "/api/join", { code });
    location.assign(`/family/manage?tenant=${encodeURIComponent(joined.tenant.id)}`);
  } catch (error) {
    setBusy(button, false);
    const key = error instanceof ApiError ? MESSAGES[error.code] : null;
    failure.textContent = key ? t(key, { wait: waitText(error.retryAfter) }) : problemText(error);
    failure.hidden = false;
    failure.focus();
  }
});
