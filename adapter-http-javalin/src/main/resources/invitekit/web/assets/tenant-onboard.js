// The onboarding wizard behind an invitation link: /tenant-onboard#token=…
// The token stays in the fragment (never sent in a query string, never in a Referer); the page
// puts it only in the path of the API calls that need it.
// Each step is a history entry (#token=…&step=business), so Back and Forward move between steps.
// The draft — every field but the passwords — is kept in this tab's sessionStorage under a digest
// of the token (never the token itself), so a reload keeps it; once the business exists, a reload
// or the emailed link opened again carries on at payments or done for the signed-in owner.
import { api, ApiError } from "./api.js";
import { check, clearFieldError, focusFirstError, prepare, rules, setFieldError, setFormError, showProblem, value }
  from "./forms.js";
import { preferLocale, t } from "./i18n.js";
import { limitText, permissionName, tierName } from "./labels.js";
import { saveSession } from "./session.js";
import { normalizeSubdomain, suggestSubdomain } from "./subdomain.js";
import { formatDate, h, problemText, publicPage, ready, renderHeader, setBusy, setTitle } from "./ui.js";
import { reveal } from "./feedback.js";

await publicPage("onboard.title");

const fragment = () => new URLSearchParams(location.hash.slice(1));
const token = fragment().get("token");
const tokenPath = `/api/platform/tenant-invitations/token/${encodeURIComponent(token || "")}`;
const ACCOUNT_FIELDS = ["password", "first_name", "last_name"];
const state = { preview: null, steps: [], existing: false, tenant: null, user: null, payments: null, step: null };
const STEPS = ["account", "business", "payments", "done"];
const DRAFT_FIELDS = { account: ["first_name", "last_name"], business: ["business_name", "subdomain", "contact_email", "phone"] };

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
  setTitle(t(`onboard.dead.${kind || "error"}.title`));
  ready();
  document.getElementById("dead-title").focus();
}

// ---- steps -----------------------------------------------------------------------------------

function start(draft) {
  const preview = state.preview;
  setSteps(preview.permissions?.can_accept_payments === true);
  renderOffer(preview);
  setUpBusiness(preview, draft);
  if (draft?.existing) {
    setExisting(true);
  }
  for (const name of DRAFT_FIELDS.account) {
    if (typeof draft?.account?.[name] === "string") {
      accountForm.elements.namedItem(name).value = draft.account[name];
    }
  }
  document.getElementById("onboard-loading").hidden = true;
  document.getElementById("wizard").hidden = false;
  const step = allowed(fragment().get("step") || draft?.step || "account");
  enter(step, { push: false, focus: false });
  ready();
  const first = step === "business" ? "business-business-name" : (state.existing ? "account-password" : "account-first-name");
  document.getElementById(first).focus();
}

function setSteps(payments) {
  state.steps = payments ? ["account", "business", "payments", "done"] : ["account", "business", "done"];
  if (!payments) {
    document.querySelector('#stepper li[data-step="payments"]')?.remove();
  }
}

/**
 * The step a visitor may be on: before the business exists, account, or business once the account
 * step has what it needs (a password is asked again at the end when a reload dropped it); after,
 * payments (when the plan has them) or done.
 */
function allowed(step) {
  const wanted = STEPS.includes(step) ? step : "account";
  if (state.tenant) {
    if (wanted === "done" || !state.steps.includes("payments") || state.payments) {
      return wanted === "payments" && state.steps.includes("payments") ? "payments" : "done";
    }
    return "payments";
  }
  if (wanted === "account") {
    return "account";
  }
  return state.existing || (value(accountForm, "first_name").trim() && value(accountForm, "last_name").trim())
    ? "business" : "account";
}

/** Moves to a step: a new history entry (push), or the current one rewritten (a reload, Back, Forward). */
function enter(step, { push = true, focus = true } = {}) {
  const target = allowed(step);
  if (target === "done") {
    renderSummary();
  }
  const url = `#token=${encodeURIComponent(token)}&step=${target}`;
  const depth = history.state?.depth ?? 0; // how many of this wizard's entries lie behind this one
  if (push && target !== state.step) {
    history.pushState({ step: target, depth: depth + 1 }, "", url);
  } else if (location.hash !== url || history.state?.step !== target) {
    history.replaceState({ step: target, depth }, "", url);
  }
  state.step = target;
  show(target, focus);
  saveDraft();
}

window.addEventListener("popstate", () => {
  if (fragment().get("token") !== token) {
    location.reload(); // another invitation's link in this tab
    return;
  }
  if (!document.getElementById("wizard").hidden) {
    enter(fragment().get("step"), { push: false });
  }
});

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
  setTitle(t("onboard.step_of", { n: index + 1, total: state.steps.length, name: t(`onboard.step.${step}`) }));
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
existingToggle.addEventListener("change", () => {
  setExisting(existingToggle.checked);
  saveDraft();
});

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
  enter("business");
});

// ---- step 2: business ------------------------------------------------------------------------

let followName = true; // the subdomain follows the name until the owner edits it
let checkTimer = null;
let lastCheck = { name: null, promise: null };
let shownCheck = 0;

function setUpBusiness(p, draft) {
  const nameInput = document.getElementById("business-business-name");
  nameInput.value = p.suggested_business_name || "";
  if (p.reserved_subdomain) {
    subdomainInput.value = p.reserved_subdomain;
    followName = false;
  } else {
    subdomainInput.value = suggestSubdomain(nameInput.value);
  }
  document.getElementById("business-contact-email").value = p.email;
  for (const name of DRAFT_FIELDS.business) {
    if (typeof draft?.business?.[name] === "string") {
      businessForm.elements.namedItem(name).value = draft.business[name];
    }
  }
  if (typeof draft?.follow_name === "boolean") {
    followName = draft.follow_name;
  }
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

// The page's Back is the browser's Back while the entry behind is the wizard's own.
document.getElementById("business-back").addEventListener("click", () => {
  if ((history.state?.depth ?? 0) > 0) {
    history.back();
  } else {
    enter("account");
  }
});

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
  if (!value(accountForm, "password")) {
    // A reload empties the password fields (they are never kept): ask for them again on step 1.
    setBusy(button, false);
    enter("account", { focus: false });
    setFieldError(accountForm, "password", t("onboard.account.password_again"));
    document.getElementById("account-password").focus();
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
    reveal(businessForm.querySelector(".form-error"));
    return;
  }
  state.tenant = result.tenant;
  state.user = result.user;
  clearPasswords();
  renderHeader({ user: result.user, memberships: [{ tenant: result.tenant, role: "OWNER" }] });
  enter(state.steps.includes("payments") ? "payments" : "done");
}

function clearPasswords() {
  accountForm.elements.namedItem("password").value = "";
  accountForm.elements.namedItem("password_confirm").value = "";
}

function refused(error) {
  if (!(error instanceof ApiError)) {
    setFormError(businessForm, problemText(error));
    reveal(businessForm.querySelector(".form-error"));
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
    enter("account", { focus: false });
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
    enter("account", { focus: false });
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
      saveDraft();
      location.assign(answer.redirect_url); // the payment provider takes over from here
      return;
    }
    state.payments = "unavailable";
    enter("done");
  } catch (error) {
    reveal(failure, problemText(error));
  } finally {
    setBusy(button, false);
  }
});

document.getElementById("payments-skip").addEventListener("click", () => {
  state.payments = "skipped";
  enter("done");
});

// ---- step 4: done ----------------------------------------------------------------------------

function renderSummary() {
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
  document.getElementById("go-dashboard").href = `/business?tenant=${encodeURIComponent(tenant.id)}`;
}

// ---- the draft: this tab's sessionStorage, under a digest of the token --------------------------

let draftKey = null;

async function keyFor(secret) {
  const bytes = new TextEncoder().encode(secret);
  if (crypto.subtle) { // secure contexts (https, localhost)
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  }
  let hash = 0x811c9dc5; // FNV-1a elsewhere: a key, not a secret
  for (const b of bytes) {
    hash = Math.imul(hash ^ b, 0x01000193) >>> 0;
  }
  return hash.toString(16);
}

function loadDraft() {
  try {
    return JSON.parse(sessionStorage.getItem(draftKey) || "null");
  } catch {
    return null; // storage off, or a draft this page cannot read: start afresh
  }
}

/** Everything typed so far except the passwords; once the business exists, only where the owner is. */
function saveDraft() {
  if (!draftKey) {
    return;
  }
  const draft = state.tenant
    ? { step: state.step, tenant: state.tenant.id, payments: state.payments }
    : {
      step: state.step,
      existing: state.existing,
      follow_name: followName,
      account: Object.fromEntries(DRAFT_FIELDS.account.map((n) => [n, value(accountForm, n)])),
      business: Object.fromEntries(DRAFT_FIELDS.business.map((n) => [n, value(businessForm, n)])),
    };
  try {
    sessionStorage.setItem(draftKey, JSON.stringify(draft));
  } catch {
    // storage full or off: the wizard works without a draft
  }
}

accountForm.addEventListener("input", (event) => {
  if (event.target.type !== "password") {
    saveDraft();
  }
});
businessForm.addEventListener("input", saveDraft);

// ---- after the accept: the signed-in owner carries on -----------------------------------------

/** The link was used: for the owner it made, the new business (else the "already used" page). */
async function resume(used, draft) {
  let tenant;
  let me;
  try {
    tenant = await api("GET", `${tokenPath}/tenant`);
    me = await api("GET", "/api/me");
  } catch {
    dead(used); // not signed in, or not as the owner this link made
    return;
  }
  state.tenant = tenant;
  state.user = me.user;
  state.payments = draft?.tenant === tenant.id ? draft.payments || null : null;
  renderHeader(me);
  setSteps(tenant.permissions?.can_accept_payments === true);
  document.getElementById("onboard-loading").hidden = true;
  document.getElementById("wizard").hidden = false;
  enter(fragment().get("step") || draft?.step || "payments", { push: false, focus: false });
  ready();
  document.getElementById(`step-${state.step}-title`).focus();
}

// ---- start: everything above is defined, now load the invitation -------------------------------

// Another invitation link opened in this tab changes only the fragment: start over with it.
window.addEventListener("hashchange", () => {
  if (fragment().get("token") !== token) {
    location.reload();
  }
});

if (!token || !/^[A-Za-z0-9_-]{16,128}$/.test(token)) {
  dead("not_found");
} else {
  draftKey = `invitekit.onboard.${await keyFor(token)}`;
  const draft = loadDraft();
  try {
    state.preview = await api("GET", tokenPath, undefined, { auth: false });
    // The language the admin chose for this invitation, unless the visitor's account chose one.
    if (await preferLocale(state.preview.locale)) {
      await publicPage("onboard.title");
    }
  } catch (error) {
    if (error instanceof ApiError && error.code === "invitation_accepted") {
      await resume(error, draft);
    } else {
      dead(error);
    }
  }
  if (state.preview) {
    start(draft);
  }
}
