import { api, ApiError } from "./api.js";
import { check, clearFieldError, prepare, rules, showProblem, value } from "./forms.js";
import { DEFAULT_LOCALE, plural, SUPPORTED, t } from "./i18n.js";
import { flagName, limitText, permissionName, tierName } from "./labels.js";
import { platform } from "./platform.js";
import { confirmDialog, fatal, formatDate, h, isAdmin, problemText, ready, setBusy, signedInPage } from "./ui.js";
import { reveal } from "./feedback.js";
import { searchField } from "./search-field.js";

const me = await signedInPage("invitations.title");
if (!isAdmin(me)) {
  fatal(t("admin.only"));
  await new Promise(() => {});
}

// ---- the invite form -----------------------------------------------------------------------

const form = prepare(document.getElementById("invite-form"));
const tierSelect = document.getElementById("invite-tier");
// The tiers, permissions and flags on offer are the server's (GET /api/platform/info), in its order.
tierSelect.append(...platform.tiers.map((tier) => h("option", { value: tier.name,
  text: t("invite.tier_option", { tier: tierName(tier.name), limits: t("invitations.limits",
    { users: limitText(tier.max_users), resources: limitText(tier.max_resources) }) }) })));
tierSelect.value = platform.default_tier;
const localeSelect = document.getElementById("invite-locale");
localeSelect.append(...SUPPORTED.map((code) => h("option", { value: code, lang: code, text: t(`locale.${code}`) })));
localeSelect.value = DEFAULT_LOCALE;

const permissionToggles = document.getElementById("permission-toggles");
const flagToggles = document.getElementById("flag-toggles");
platform.permissions.forEach((name) => addToggle(permissionToggles, "permission", name, permissionName(name)));
platform.feature_flags.forEach((name) => addToggle(flagToggles, "flag", name, flagName(name)));

function addToggle(container, group, name, text) {
  if (container.querySelector(`input[value="${CSS.escape(name)}"]`)) {
    return;
  }
  container.append(h("label", { class: "toggle" },
    h("input", { type: "checkbox", name: group, value: name, id: `${group}-${name}` }),
    h("span", { text })));
}

for (const [toggleId, fieldId] of [["invite-custom-users", "invite-max-users-field"],
  ["invite-custom-resources", "invite-max-resources-field"]]) {
  const toggle = document.getElementById(toggleId);
  const field = document.getElementById(fieldId);
  toggle.addEventListener("change", () => {
    field.hidden = !toggle.checked;
    const input = field.querySelector("input");
    if (toggle.checked) {
      input.focus();
    } else {
      clearFieldError(form, input.name);
    }
  });
}

const whole = rules.wholeNumber;
const optionalName = (v) => (v.trim() ? rules.name(v) : null);

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const checks = [["email", rules.email], ["suggested_business_name", optionalName],
    ["expires_in_days", whole(1, 30)]];
  const customUsers = document.getElementById("invite-custom-users").checked;
  const customResources = document.getElementById("invite-custom-resources").checked;
  if (customUsers) {
    checks.push(["custom_max_users", whole(1, 1_000_000)]);
  }
  if (customResources) {
    checks.push(["custom_max_resources", whole(1, 1_000_000)]);
  }
  if (!check(form, checks)) {
    return;
  }
  const email = value(form, "email").trim();
  const body = {
    email,
    subscription_tier: tierSelect.value,
    locale: localeSelect.value,
    expires_in_days: Number(value(form, "expires_in_days")),
    permissions: checked(permissionToggles),
    feature_flags: checked(flagToggles),
  };
  if (value(form, "suggested_business_name").trim()) {
    body.suggested_business_name = value(form, "suggested_business_name").trim();
  }
  if (customUsers) {
    body.custom_max_users = Number(value(form, "custom_max_users"));
  }
  if (customResources) {
    body.custom_max_resources = Number(value(form, "custom_max_resources"));
  }
  const button = form.querySelector("button[type=submit]");
  setBusy(button, true);
  try {
    await api("POST", "/api/platform/tenant-invitations/", body);
    resetForm();
    await loadList();
    // Next to the button just pressed, and scrolled into view if the list moved it away.
    reveal(document.getElementById("invite-sent"), t("invite.sent", { email }));
  } catch (error) {
    showProblem(form, error, {
      codes: { invitation_pending_exists: "email" },
      messages: { invitation_pending_exists: "invite.error.pending_exists" },
      names: { subscription_tier: "subscription_tier" },
    });
  } finally {
    setBusy(button, false);
  }
});

function checked(container) {
  return Object.fromEntries([...container.querySelectorAll("input[type=checkbox]")].map((i) => [i.value, i.checked]));
}

function resetForm() {
  form.reset();
  tierSelect.value = platform.default_tier;
  localeSelect.value = DEFAULT_LOCALE;
  document.getElementById("invite-max-users-field").hidden = true;
  document.getElementById("invite-max-resources-field").hidden = true;
}

form.addEventListener("input", () => {
  document.getElementById("invite-sent").hidden = true;
});

// ---- the list ------------------------------------------------------------------------------

const PAGE = 20;
const filter = document.getElementById("status-filter");
const tbody = document.getElementById("invitations");
const more = document.getElementById("invitations-more");
const listError = document.getElementById("list-error");
const listNotice = document.getElementById("list-notice");
let items = [];
let cursor = null;

/** A row's email is on its way while the invitation is pending and its delivery not final. */
const travelling = (inv) => inv.status === "PENDING" && ["QUEUED", "RETRYING"].includes(inv.delivery?.state);

async function loadList({ append = false } = {}) {
  const query = new URLSearchParams({ limit: String(append ? PAGE : Math.min(200, Math.max(PAGE, items.length))) });
  if (filter.value) {
    query.set("status", filter.value);
  }
  if (search.value) {
    query.set("q", search.value);
  }
  if (append && cursor) {
    query.set("cursor", cursor);
  }
  try {
    const page = await api("GET", `/api/platform/tenant-invitations/?${query}`);
    items = append ? items.concat(page.items) : page.items;
    cursor = page.next_cursor;
  } catch (error) {
    reveal(listError, problemText(error));
    return;
  }
  render();
  // Not forEach(watch): its second argument, the index, would become the first pause (0 ms for the first row).
  items.filter(travelling).forEach((inv) => watch(inv));
}

// ---- rows whose email is on its way: asked again until it is sent or dead -----------------------

const WATCH_FIRST = 1000;
const WATCH_MAX = 15000;
const watched = new Map(); // invitation id → timer

/** Asks for one invitation again after a pause that grows (1 s, 1.5 s, … at most 15 s) until its email is final. */
function watch(inv, wait = WATCH_FIRST) {
  if (watched.has(inv.id)) {
    return;
  }
  watched.set(inv.id, setTimeout(async () => {
    watched.delete(inv.id);
    let fresh;
    try {
      fresh = await api("GET", `/api/platform/tenant-invitations/${encodeURIComponent(inv.id)}`);
    } catch (error) {
      // A refusal (signed out, gone, no longer allowed) ends the watch; a network hiccup tries again later.
      if (!(error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429)) {
        watch(inv, Math.min(WATCH_MAX, wait * 2));
      }
      return;
    }
    if (replaceRow(fresh) && travelling(fresh)) {
      watch(fresh, Math.min(WATCH_MAX, Math.round(wait * 1.5)));
    }
  }, wait));
}

/** Redraws one row in place; the keyboard stays on the button it was on. */
function replaceRow(fresh) {
  const at = items.findIndex((i) => i.id === fresh.id);
  const old = tbody.querySelector(`tr[data-id="${CSS.escape(fresh.id)}"]`);
  if (at < 0 || !old) {
    return false; // filtered away or paged out meanwhile: no longer watched
  }
  items[at] = fresh;
  const focused = old.contains(document.activeElement) ? document.activeElement.className : null;
  const next = row(fresh);
  old.replaceWith(next);
  if (focused) {
    next.querySelector(`button.${focused.split(" ").join(".")}`)?.focus();
  }
  return true;
}

function render() {
  for (const item of items) {
    Object.keys(item.permissions || {}).forEach((name) => addToggle(permissionToggles, "permission", name, permissionName(name)));
    Object.keys(item.feature_flags || {}).forEach((name) => addToggle(flagToggles, "flag", name, flagName(name)));
  }
  tbody.replaceChildren(...items.map(row));
  document.getElementById("invitations-empty").hidden = items.length > 0;
  document.getElementById("invitations-table").hidden = items.length === 0;
  more.hidden = !cursor;
}

function row(inv) {
  const statusDate = {
    PENDING: ["invitations.expires", inv.expires_at],
    EXPIRED: ["invitations.expired", inv.expires_at],
    ACCEPTED: ["invitations.accepted", inv.accepted_at],
    CANCELLED: ["invitations.cancelled", inv.cancelled_at],
  }[inv.status];
  const delivery = inv.delivery || { state: "QUEUED", attempts: 0 };
  const deliveryNote = [delivery.attempts > 1 ? plural("invitations.attempts", delivery.attempts, {}, "n") : null,
    delivery.last_error].filter(Boolean).join(" · ");
  const actions = [];
  if (inv.status === "PENDING" || inv.status === "EXPIRED") {
    actions.push(h("button", { type: "button", class: "secondary small resend", text: t("invitations.resend"),
      "aria-label": t("invitations.resend_label", { email: inv.email }), onclick: () => resend(inv) }));
  }
  if (inv.status === "PENDING") {
    actions.push(h("button", { type: "button", class: "secondary small cancel", text: t("invitations.cancel"),
      "aria-label": t("invitations.cancel_label", { email: inv.email }), onclick: () => cancel(inv) }));
  }
  return h("tr", { "data-email": inv.email, "data-id": inv.id },
    h("td", { "data-label": t("invitations.col.invitee") }, inv.email,
      inv.suggested_business_name ? h("span", { class: "sub", text: inv.suggested_business_name }) : null),
    h("td", { "data-label": t("invitations.col.tier") }, tierName(inv.subscription_tier),
      h("span", { class: "sub", text: t("invitations.limits", { users: limitText(inv.max_users),
        resources: limitText(inv.max_resources) }) })),
    h("td", { "data-label": t("invitations.col.status") },
      h("span", { class: `badge status ${inv.status.toLowerCase()}`, text: t(`status.${inv.status}`) }),
      statusDate && statusDate[1] ? h("span", { class: "sub", text: t(statusDate[0], { date: formatDate(statusDate[1]) }) }) : null),
    h("td", { "data-label": t("invitations.col.delivery") },
      h("span", { class: `badge delivery ${delivery.state.toLowerCase()}`, text: t(`delivery.${delivery.state}`) }),
      deliveryNote ? h("span", { class: "sub", text: deliveryNote }) : null),
    h("td", { class: "actions-cell" }, actions));
}

async function resend(inv) {
  const ok = await confirmDialog({ title: t("invitations.resend_confirm.title"),
    message: t("invitations.resend_confirm.text", { email: inv.email }), confirm: t("invitations.resend") });
  if (ok) {
    await act(() => api("POST", `/api/platform/tenant-invitations/${encodeURIComponent(inv.id)}/resend`),
      t("invitations.resent", { email: inv.email }));
  }
}

async function cancel(inv) {
  const ok = await confirmDialog({ title: t("invitations.cancel_confirm.title"),
    message: t("invitations.cancel_confirm.text", { email: inv.email }), confirm: t("invitations.cancel_confirm.button"),
    danger: true });
  if (ok) {
    await act(() => api("DELETE", `/api/platform/tenant-invitations/${encodeURIComponent(inv.id)}`),
      t("invitations.cancelled_notice", { email: inv.email }));
  }
}

async function act(call, notice) {
  listNotice.hidden = true;
  listError.hidden = true;
  try {
    await call();
    listNotice.textContent = notice;
    listNotice.hidden = false;
  } catch (error) {
    reveal(listError, problemText(error));
  }
  await loadList();
  if (!listNotice.hidden) {
    reveal(listNotice);
  }
}

filter.addEventListener("change", () => {
  listError.hidden = true;
  listNotice.hidden = true;
  items = [];
  cursor = null;
  loadList();
});
more.addEventListener("click", () => loadList({ append: true }));

// The search (?q=): an email or business name prefix, kept in the address so that it can be shared.
const search = searchField("invitation", "invitations.search.showing", () => {
  listError.hidden = true;
  listNotice.hidden = true;
  items = [];
  cursor = null;
  return loadList();
});

await loadList();
ready();
