// The onboarding wizard behind an invitation link: /tenant-onboard#token=…
// The token stays in the fragment (never sent in a query string, never in a Referer); the page
// puts it only in the path of the two API calls that need it.
import { api, ApiError } from "./api.js";
import { check, clearFieldError, focusFirstError, prepare, rules, setFieldError, setFormError, showProblem, value }
  from "./forms.js";
import { preferLocale, t } from "./i18n.js";
import { limitText, permissionName, tierName } from "./labels.js";
import { saveSession } from "./session.js";
import { normalizeSubdomain, suggestSubdomain } from "./subdomain.js";
import { formatDate, h, problemText, publicPage, ready, renderHeader, setBusy } from "./ui.js";

publicPage("onboard.title");

const token = new URLSearchParams(location.hash.slice(1)).get("token");
const tokenPath = `/api/platform/tenant-invitations/token/${encodeURIComponent(token || "")}`;
const ACCOUNT_FIELDS = ["password", "first_name", "last_name"];
const state = { preview: null, steps: [], existing: false, tenant: null, user: null, payments: null };

const accountForm = prepare(document.getElementById("account-form"));
const businessForm = prepare(document.getElementById("business-form"));
const subdomainInput = document.getElementById("business-subdomain");

// ---- a link that leads nowhere ---------------------------------------------------------------

function dead(errorOrCode) {
  const code = typeof errorOrCode === "string" ? errorOrCode : errorOrCode.code;
  const kind = { not_found: "invalid", invitation_expired: "expired", invitation_cancelled: "cancelled",
    invitation_accepted: "accepted" }[code];
  document.getElementById("onboard-loading").hidden = true;
  document.getElementById("wizard").hidden = true;
  document.getElementById("dead-title").textContent = t(`onboard.dead.${kind || "error"}.title`);
  document.getElementById("dead-text").textContent = kind ? t(`onboard.dead.${kind}.text`) : problemText(errorOrCode);
  document.getElementById("dead-action").hidden = kind !== "accepted";
  document.getElementById("dead").hidden = false;
  document.title = `${t(`onboard.dead.${kind || "error"}.title`)} · ${t("app.name")}`;
  ready();
  document.getElementById("dead-title").focus();
}

// ---- steps -----------------------------------------------------------------------------------

function start() {
  const preview = state.preview;
  const payments = preview.permissions?.can_accept_payments === true;
  state.steps = payments ? ["account", "business", "payments", "done"] : ["account", "business", "done"];
  if (!payments) {
    document.querySelector('#stepper li[data-step="payments"]').remove();
  }
  renderOffer(preview);
  setUpBusiness(preview);
  document.getElementById("onboard-loading").hidden = true;
  document.getElementById("wizard").hidden = false;
  show("account", false);
  ready();
  document.getElementById("account-first-name").focus();
}

function show(step, focus = true) {
  const index = state.steps.indexOf(step);
  for (const section of document.querySelectorAll(".wizard-step")) {
    section.hidden = section.id !== `step-${step}`;
  }
  for (const li of document.querySelectorAll("#stepper li")) {
    const at = state.steps.indexOf(li.dataset.step);
    li.classList.toggle("done", at < index);
    if (at === index) {
      li.setAttribute("aria-current", "step");
    } else {
      li.removeAttribute("aria-current");
    }
  }
  document.title = `${t("onboard.step_of", { n: index + 1, total: state.steps.length, name: t(`onboard.step.${step}`) })}`
    + ` · ${t("app.name")}`;
  if (focus) {
    document.getElementById(`step-${step}-title`).focus();
  }
}

// ---- step 1: account -------------------------------------------------------------------------

function renderOffer(p) {
  document.getElementById("offer-intro").textContent = t("onboard.account.intro", { inviter: p.inviter_name });
  document.getElementById("offer-email").textContent = p.email;
  document.getElementById("offer-tier").textContent = tierName(p.subscription_tier);
  document.getElementById("offer-users").textContent = limitText(p.max_users);
  document.getElementById("offer-resources").textContent = limitText(p.max_resources);
  const granted = Object.entries(p.permissions || {}).filter(([, on]) => on).map(([name]) => name);
  document.getElementById("offer-permissions").replaceChildren(...(granted.length
    ? granted.map((name) => h("li", { text: permissionName(name) }))
    : [h("li", { text: t("onboard.offer.no_permissions") })]));
  document.getElementById("offer-expires").textContent = formatDate(p.expires_at);
  document.getElementById("account-existing-label").textContent = t("onboard.account.existing", { email: p.email });
}

const existingToggle = document.getElementById("account-existing");
existingToggle.addEventListener("change", () => setExisting(existingToggle.checked));

/** With an existing account only its password is asked; the names are the account's. */
function setExisting(existing) {
  state.existing = existing;
  existingToggle.checked = existing;
  document.getElementById("account-names").hidden = existing;
  document.getElementById("account-confirm").hidden = existing;
  document.getElementById("account-password-hint").hidden = existing;
  document.getElementById("account-password-label").textContent = t(existing ? "field.current_password" : "field.new_password");
  document.getElementById("account-password").autocomplete = existing ? "current-password" : "new-password";
  for (const name of ["first_name", "last_name", "password_confirm"]) {
    clearFieldError(accountForm, name);
  }
}

accountForm.addEventListener("submit", (event) => {
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
  show("business");
});

// ---- step 2: business ------------------------------------------------------------------------

let followName = true; // the subdomain follows the name until the owner edits it
let checkTimer = null;
let lastCheck = { name: null, promise: null };
let shownCheck = 0;

function setUpBusiness(p) {
  const nameInput = document.getElementById("business-business-name");
  nameInput.value = p.suggested_business_name || "";
  if (p.reserved_subdomain) {
    subdomainInput.value = p.reserved_subdomain;
    followName = false;
  } else {
    subdomainInput.value = suggestSubdomain(nameInput.value);
  }
  document.getElementById("business-contact-email").value = p.email;
  nameInput.addEventListener("input", () => {
    if (followName) {
      subdomainInput.value = suggestSubdomain(nameInput.value);
      scheduleCheck();
    }
  });
  subdomainInput.addEventListener("input", () => {
    followName = subdomainInput.value.trim() === "";
    scheduleCheck();
  });
  if (subdomainInput.value) {
    checkSubdomain();
  }
}

function scheduleCheck() {
  clearTimeout(checkTimer);
  clearFieldError(businessForm, "subdomain");
  document.getElementById("business-subdomain-ok").textContent = "";
  document.getElementById("business-subdomain-suggestions").hidden = true;
  document.getElementById("business-subdomain-pending").textContent =
    subdomainInput.value.trim() ? t("onboard.subdomain.checking") : "";
  checkTimer = setTimeout(checkSubdomain, 300);
}

/** Asks the server whether the subdomain is free (once per value) and shows the answer. */
async function checkSubdomain() {
  clearTimeout(checkTimer);
  const name = normalizeSubdomain(subdomainInput.value);
  if (lastCheck.name !== name || !lastCheck.promise) {
    lastCheck = { name, promise: availability(name) };
  }
  const ticket = ++shownCheck;
  const result = await lastCheck.promise;
  if (ticket === shownCheck && normalizeSubdomain(subdomainInput.value) === name) {
    renderAvailability(result);
  }
  return result;
}

async function availability(name) {
  if (!name) {
    return { subdomain: name, available: false, reason: "required", suggestions: [] };
  }
  if (name === state.preview.reserved_subdomain) {
    return { subdomain: name, available: true, reason: null, suggestions: [] }; // kept for this invitation
  }
  try {
    return await api("GET", `/api/platform/subdomains/${encodeURIComponent(name)}/availability`, undefined,
      { auth: false });
  } catch (error) {
    return { subdomain: name, available: null, error };
  }
}

function renderAvailability(result) {
  const ok = document.getElementById("business-subdomain-ok");
  const pending = document.getElementById("business-subdomain-pending");
  const box = document.getElementById("business-subdomain-suggestions");
  pending.textContent = "";
  ok.textContent = "";
  box.hidden = true;
  clearFieldError(businessForm, "subdomain");
  if (result.available === true) {
    ok.textContent = t("onboard.subdomain.available", { subdomain: result.subdomain });
    return;
  }
  if (result.available === null) {
    pending.textContent = t("onboard.subdomain.unchecked");
    return;
  }
  setFieldError(businessForm, "subdomain", t(`onboard.subdomain.${result.reason || "taken"}`, { subdomain: result.subdomain }));
  const suggestions = result.suggestions || [];
  if (suggestions.length) {
    box.replaceChildren(h("span", { class: "hint", text: t("onboard.subdomain.try") }), ...suggestions.map((s) => h("button", {
      type: "button", class: "suggestion", text: s, onclick: () => {
        subdomainInput.value = s;
        followName = false;
        subdomainInput.focus();
        checkSubdomain();
      },
    })));
    box.hidden = false;
  }
}

document.getElementById("business-back").addEventListener("click", () => show("account"));

businessForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const ok = check(businessForm, [["business_name", rules.name], ["subdomain", rules.required],
    ["contact_email", rules.optionalEmail], ["phone", rules.phone]]);
  const button = document.getElementById("business-submit");
  setBusy(button, true);
  const free = ok && subdomainInput.value.trim() ? await checkSubdomain() : null;
  if (!ok || (free && free.available === false)) {
    setBusy(button, false);
    focusFirstError(businessForm);
    return;
  }
  try {
    await accept();
  } finally {
    setBusy(button, false);
  }
});

/** Leaving step 2 accepts the invitation: the tenant and (if needed) the account are created. */
async function accept() {
  const body = {
    password: value(accountForm, "password"),
    business_name: value(businessForm, "business_name").trim(),
    subdomain: normalizeSubdomain(subdomainInput.value),
  };
  if (!state.existing) {
    body.first_name = value(accountForm, "first_name").trim();
    body.last_name = value(accountForm, "last_name").trim();
  }
  if (value(businessForm, "contact_email").trim()) {
    body.contact_email = value(businessForm, "contact_email").trim();
  }
  if (value(businessForm, "phone").trim()) {
    body.phone = value(businessForm, "phone").trim();
  }
  let result;
  try {
    result = await api("POST", `${tokenPath}/accept`, body, { auth: false });
  } catch (error) {
    refused(error);
    return;
  }
  try {
    await saveSession(result);
  } catch (error) {
    // The tenant exists and the owner can log in; only this browser's session is missing.
    setFormError(businessForm, problemText(error));
    return;
  }
  state.tenant = result.tenant;
  state.user = result.user;
  renderHeader({ user: result.user, memberships: [{ tenant: result.tenant, role: "OWNER" }] });
  if (state.steps.includes("payments")) {
    show("payments");
  } else {
    finish();
  }
}

function refused(error) {
  if (!(error instanceof ApiError)) {
    setFormError(businessForm, problemText(error));
    return;
  }
  if (error.status === 404 || error.status === 410) {
    dead(error);
  } else if (error.code === "invalid_credentials") {
    // Sent with names: an account with the invited email exists, and this is not its password.
    // Sent as an existing account (no names): a wrong password or no account at all, which the
    // server answers alike so that a link holder cannot probe for accounts.
    const asExisting = state.existing;
    setExisting(true);
    show("account", false);
    accountForm.querySelector(".form-error").hidden = true;
    setFieldError(accountForm, "password",
      t(asExisting ? "onboard.error.invalid_credentials_or_no_account" : "onboard.error.invalid_credentials"));
    document.getElementById("account-password").focus();
  } else if (error.code === "subdomain_taken") {
    lastCheck = { name: null, promise: null };
    renderAvailability({ subdomain: normalizeSubdomain(subdomainInput.value), available: false, reason: "taken",
      suggestions: error.suggestions });
    subdomainInput.focus();
  } else if (error.errors.some((e) => ACCOUNT_FIELDS.includes(e.field))) {
    const namesMissing = state.existing && error.errors.some((e) => e.field !== "password");
    if (namesMissing) {
      setExisting(false); // there is no account with this email yet
    }
    show("account", false);
    showProblem(accountForm, error);
    if (namesMissing) {
      setFormError(accountForm, t("onboard.error.no_account"));
    }
  } else {
    showProblem(businessForm, error);
  }
}

// ---- step 3: payments ------------------------------------------------------------------------

document.getElementById("payments-begin").addEventListener("click", async (event) => {
  const button = event.currentTarget;
  const failure = document.getElementById("payments-error");
  failure.hidden = true;
  setBusy(button, true);
  try {
    const answer = await api("POST", `/api/tenants/${encodeURIComponent(state.tenant.id)}/payment-onboarding`);
    if (answer.redirect_url && /^https?:\/\//i.test(answer.redirect_url)) {
      state.payments = "redirected";
      location.assign(answer.redirect_url); // the payment provider takes over from here
      return;
    }
    state.payments = "unavailable";
    finish();
  } catch (error) {
    failure.textContent = problemText(error);
    failure.hidden = false;
    failure.focus();
  } finally {
    setBusy(button, false);
  }
});

document.getElementById("payments-skip").addEventListener("click", () => {
  state.payments = "skipped";
  finish();
});

// ---- step 4: done ----------------------------------------------------------------------------

function finish() {
  const tenant = state.tenant;
  const rows = [
    ["onboard.summary.business", tenant.name],
    ["onboard.summary.address", tenant.domain],
    ["onboard.summary.plan", tierName(tenant.subscription_tier)],
    ["onboard.summary.users", limitText(tenant.max_users)],
    ["onboard.summary.resources", limitText(tenant.max_resources)],
    ["onboard.summary.contact", tenant.contact_email],
    ["onboard.summary.phone", tenant.phone],
    ["onboard.summary.account", state.user.email],
    ["onboard.summary.payments", state.payments ? t(`onboard.summary.payments.${state.payments}`) : null],
  ].filter(([, shown]) => shown);
  document.getElementById("summary").replaceChildren(...rows.flatMap(([key, shown]) => [
    h("dt", { text: t(key) }), h("dd", { text: shown })]));
  document.getElementById("go-dashboard").href = `/family/manage?tenant=${encodeURIComponent(tenant.id)}`;
  show("done");
}

// ---- start: everything above is defined, now load the invitation -------------------------------

// Another invitation link opened in this tab changes only the fragment: start over with it.
window.addEventListener("hashchange", () => location.reload());

if (!token || !/^[A-Za-z0-9_-]{16,128}$/.test(token)) {
  dead("not_found");
} else {
  try {
    state.preview = await api("GET", tokenPath, undefined, { auth: false });
    // The language the admin chose for this invitation, unless the visitor's account chose one.
    if (await preferLocale(state.preview.locale)) {
      publicPage("onboard.title");
    }
    start();
  } catch (error) {
    dead(error);
  }
}
