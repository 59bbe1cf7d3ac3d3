// The landing page of a member invitation link: /invite#token=…
// The token stays in the fragment (never in a query string, never in a Referer); the page puts it
// only in the path of the two API calls that need it. A signed-in user with the invited email
// accepts with one button; a visitor signs up (or gives the password of their account) and
// accepts in the same call, then trades the answer for the cookie session as log-in does.
import { api, ApiError } from "./api.js";
import { check, clearFieldError, focusFirstError, prepare, rules, setFieldError, setFormError, showProblem, value }
  from "./forms.js";
import { t } from "./i18n.js";
import { logOut, saveSession } from "./session.js";
import { formatDate, problemText, publicPage, ready, renderHeader, setBusy, setTitle } from "./ui.js";

await publicPage("member_invite.title");

const token = new URLSearchParams(location.hash.slice(1)).get("token");
const tokenPath = `/api/invitations/token/${encodeURIComponent(token || "")}`;
const ACCOUNT_FIELDS = ["password", "first_name", "last_name"];
const state = { preview: null, me: null, existing: false };
const acceptError = document.getElementById("accept-error");
const accountForm = prepare(document.getElementById("account-form"));
const existingToggle = document.getElementById("account-existing");

// ---- a link that leads nowhere ---------------------------------------------------------------

const DEAD = { not_found: "invalid", invitation_expired: "expired", invitation_cancelled: "cancelled",
  invitation_accepted: "accepted", EXPIRED: "expired", CANCELLED: "cancelled", ACCEPTED: "accepted" };

function dead(errorOrCode) {
  const code = typeof errorOrCode === "string" ? errorOrCode : errorOrCode.code;
  const kind = DEAD[code];
  const title = t(`member_invite.dead.${kind || "error"}.title`);
  document.getElementById("invite-loading").hidden = true;
  document.getElementById("offer").hidden = true;
  document.getElementById("dead-title").textContent = title;
  document.getElementById("dead-text").textContent = kind ? t(`member_invite.dead.${kind}.text`) : problemText(errorOrCode);
  document.getElementById("dead-action").hidden = kind !== "accepted" || state.me !== null;
  document.getElementById("dead").hidden = false;
  setTitle(title);
  ready();
  document.getElementById("dead-title").focus();
}

// ---- the offer -------------------------------------------------------------------------------

function start() {
  const p = state.preview;
  const role = t(`role.${p.role}`);
  document.getElementById("offer-title").textContent = t("member_invite.heading", { family: p.tenant_name });
  setTitle(t("member_invite.heading", { family: p.tenant_name }));
  document.getElementById("offer-intro").textContent = p.inviter_name
    ? t("member_invite.intro", { inviter: p.inviter_name, family: p.tenant_name, role })
    : t("member_invite.intro_anonymous", { family: p.tenant_name, role });
  document.getElementById("offer-family").textContent = p.tenant_name;
  document.getElementById("offer-role").textContent = role;
  document.getElementById("offer-email").textContent = p.email;
  document.getElementById("offer-expires").textContent = formatDate(p.expires_at);
  document.getElementById("invite-loading").hidden = true;
  document.getElementById("offer").hidden = false;
  if (!state.me) {
    showAccountForm();
  } else if (state.me.user.email.toLowerCase() === p.email.toLowerCase()) {
    document.getElementById("signed-in-text").textContent = t("member_invite.signed_in", { email: state.me.user.email });
    document.getElementById("signed-in").hidden = false;
    ready();
    document.getElementById("accept").focus();
    return;
  } else {
    showMismatch();
  }
  ready(true);
}

function showMismatch() {
  document.getElementById("signed-in").hidden = true;
  document.getElementById("mismatch-text").textContent = t("member_invite.mismatch.text",
    { current: state.me.user.email, email: state.preview.email });
  document.getElementById("mismatch").hidden = false;
}

function goToFamily(membership) {
  location.assign(`/family/manage?tenant=${encodeURIComponent(membership.tenant.id)}`);
}

function refused(error) {
  if (error instanceof ApiError && (error.status === 404 || error.status === 410)) {
    dead(error);
    return true;
  }
  return false;
}

// ---- signed in: one button -------------------------------------------------------------------

document.getElementById("accept").addEventListener("click", async (event) => {
  const button = event.currentTarget;
  acceptError.hidden = true;
  setBusy(button, true);
  try {
    goToFamily(await api("POST", `${tokenPath}/accept`));
  } catch (error) {
    setBusy(button, false);
    if (refused(error)) {
      return;
    }
    if (error instanceof ApiError && error.code === "email_mismatch") {
      showMismatch();
      return;
    }
    acceptError.textContent = error instanceof ApiError && error.code === "tenant_full"
      ? t("member_invite.error.tenant_full") : problemText(error);
    acceptError.hidden = false;
    acceptError.focus();
  }
});

document.getElementById("switch-account").addEventListener("click", async (event) => {
  setBusy(event.currentTarget, true);
  try {
    await logOut();
  } catch {
    // reloaded, the page says whether the session is still there
  }
  location.reload();
});

// ---- signed out: sign up or log in, and accept in one call -----------------------------------

function showAccountForm() {
  existingToggle.addEventListener("change", () => setExisting(existingToggle.checked));
  document.getElementById("account-existing-label").textContent =
    t("member_invite.existing", { email: state.preview.email });
  setExisting(false);
  accountForm.hidden = false;
}

/** With an existing account only its password is asked; the names are the account's. */
function setExisting(existing) {
  state.existing = existing;
  existingToggle.checked = existing;
  document.getElementById("account-names").hidden = existing;
  document.getElementById("account-confirm").hidden = existing;
  document.getElementById("account-password-hint").hidden = existing;
  document.getElementById("account-password-label").textContent = t(existing ? "field.current_password" : "field.new_password");
  document.getElementById("account-password").autocomplete = existing ? "current-password" : "new-password";
  document.getElementById("account-submit").textContent = t(existing ? "member_invite.submit_login" : "member_invite.submit_signup");
  for (const name of ["first_name", "last_name", "password_confirm"]) {
    clearFieldError(accountForm, name);
  }
}

accountForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const checks = state.existing
    ? [["password", rules.required]]
    : [["first_name", rules.name], ["last_name", rules.name], ["password", rules.password],
      ["password_confirm", rules.required]];
  let ok = check(accountForm, checks);
  if (!state.existing) {
    const password = value(accountForm, "password");
    if (ok && password.trim().toLowerCase() === state.preview.email.toLowerCase()) {
      ok = setFieldError(accountForm, "password", t("validation.password_email")) && false;
    }
    if (value(accountForm, "password_confirm") && password !== value(accountForm, "password_confirm")) {
      ok = setFieldError(accountForm, "password_confirm", t("validation.password_mismatch")) && false;
    }
  }
  if (!ok) {
    focusFirstError(accountForm);
    return;
  }
  const body = { password: value(accountForm, "password") };
  if (!state.existing) {
    body.first_name = value(accountForm, "first_name").trim();
    body.last_name = value(accountForm, "last_name").trim();
  }
  const button = document.getElementById("account-submit");
  setBusy(button, true);
  let result;
  try {
    result = await api("POST", `${tokenPath}/accept`, body, { auth: false });
  } catch (error) {
    setBusy(button, false);
    accountRefused(error);
    return;
  }
  try {
    await saveSession(result.auth);
  } catch (error) {
    // The membership exists and the account can log in; only this browser's session is missing.
    setBusy(button, false);
    setFormError(accountForm, t("member_invite.error.session", { problem: problemText(error) }));
    return;
  }
  renderHeader({ user: result.auth.user, memberships: [] });
  goToFamily(result.membership);
});

function accountRefused(error) {
  if (refused(error)) {
    return;
  }
  if (!(error instanceof ApiError)) {
    setFormError(accountForm, problemText(error));
  } else if (error.code === "invalid_credentials") {
    // Sent with names: an account with the invited email exists, and this is not its password.
    // Sent as an existing account: a wrong password or no account at all, answered alike.
    const asExisting = state.existing;
    setExisting(true);
    setFieldError(accountForm, "password",
      t(asExisting ? "member_invite.error.invalid_credentials_or_no_account" : "member_invite.error.invalid_credentials"));
    document.getElementById("account-password").focus();
  } else if (error.errors.some((e) => ACCOUNT_FIELDS.includes(e.field))) {
    const namesMissing = state.existing && error.errors.some((e) => e.field !== "password");
    if (namesMissing) {
      setExisting(false); // there is no account with this email yet
    }
    showProblem(accountForm, error);
    if (namesMissing) {
      setFormError(accountForm, t("member_invite.error.no_account"));
    }
  } else {
    showProblem(accountForm, error, { codes: { tenant_full: null }, messages: { tenant_full: "member_invite.error.tenant_full" } });
  }
}

// ---- start: everything above is defined, now load the invitation -------------------------------

// Another invitation link opened in this tab changes only the fragment: start over with it.
window.addEventListener("hashchange", () => location.reload());

if (!token || !/^[A-Za-z0-9_-]{16,128}$/.test(token)) {
  dead("not_found");
} else {
  try {
    state.me = await api("GET", "/api/me");
    renderHeader(state.me);
  } catch {
    state.me = null; // signed out (or unknown): the link works through the form
  }
  try {
    state.preview = await api("GET", tokenPath, undefined, { auth: false });
    if (state.preview.status && state.preview.status !== "PENDING") {
      dead(state.preview.status);
    } else {
      start();
    }
  } catch (error) {
    dead(error);
  }
}
