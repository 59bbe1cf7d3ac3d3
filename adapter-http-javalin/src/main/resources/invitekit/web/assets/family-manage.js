import { activityList } from "./activity.js";
import { api, ApiError } from "./api.js";
import { check, prepare, rules, showProblem, value } from "./forms.js";
import { plural, t } from "./i18n.js";
import { tierName } from "./labels.js";
import { confirmDialog, fatal, formatDate, fullName, h, problemText, ready, setBusy, setTitle, signedInPage } from "./ui.js";

const me = await signedInPage("manage.title");

let tenantId = new URLSearchParams(location.search).get("tenant");
if (!tenantId) {
  if (me.memberships.length === 0) {
    location.replace("/join-or-create");
    await new Promise(() => {});
  }
  tenantId = me.memberships[0].tenant.id;
  history.replaceState(null, "", `/family/manage?tenant=${encodeURIComponent(tenantId)}`);
}
const codeArea = document.getElementById("code-area");
const codeNone = document.getElementById("code-none");
const codeText = document.getElementById("join-code");
const codeStatus = document.getElementById("code-status");
const codeError = document.getElementById("code-error");
const turnOn = document.getElementById("turn-on-code");
let current = null;

const tenantPath = `/api/tenants/${encodeURIComponent(tenantId)}`;
let tenant;
let role;
let managesCode;
let members = [];
let membersCursor = null;

/** The tenant with its first members, and the viewer's role in it. */
async function loadTenant() {
  tenant = await api("GET", tenantPath);
  members = tenant.members;
  membersCursor = tenant.members_next_cursor || null;
  role = await myRole();
  managesCode = role === "OWNER" || role === "ADMIN";
}

/**
 * The tenant embeds at most 50 members and /api/me the first page of the viewer's families: the
 * viewer's role is in one of them, or further on in their own memberships.
 */
async function myRole() {
  const listed = members.find((m) => m.user.id === me.user.id)
    || me.memberships.find((m) => m.tenant.id === tenantId);
  if (listed) {
    return listed.role;
  }
  let cursor = me.memberships_next_cursor;
  while (cursor) {
    const page = await api("GET", `/api/me/memberships?limit=100&cursor=${encodeURIComponent(cursor)}`);
    const found = page.items.find((m) => m.tenant.id === tenantId);
    if (found) {
      return found.role;
    }
    cursor = page.next_cursor;
  }
  return "MEMBER";
}

/** Links to the user's families: /api/me's first page, and the rest a page at a time on request. */
function renderSwitch() {
  let cursor = me.memberships_next_cursor;
  if (me.memberships.length < 2 && !cursor) {
    return;
  }
  const nav = document.getElementById("family-switch");
  const link = (m) => h("a", {
    href: `/family/manage?tenant=${encodeURIComponent(m.tenant.id)}`,
    "aria-current": m.tenant.id === tenantId ? "page" : null,
    text: m.tenant.name,
  });
  nav.append(h("span", { text: t("manage.switch") }), ...me.memberships.map(link));
  if (cursor) {
    const more = h("button", { type: "button", class: "link", id: "more-families", text: t("manage.switch_more") });
    const failed = h("span", { class: "form-error", role: "alert", hidden: true });
    more.addEventListener("click", async () => {
      setBusy(more, true);
      failed.hidden = true;
      try {
        const page = await api("GET", `/api/me/memberships?limit=100&cursor=${encodeURIComponent(cursor)}`);
        more.before(...page.items.map(link));
        cursor = page.next_cursor;
        more.hidden = !cursor;
      } catch (error) {
        failed.textContent = problemText(error);
        failed.hidden = false;
      } finally {
        setBusy(more, false);
      }
    });
    nav.append(more, failed);
  }
  nav.hidden = false;
}

function renderTenant() {
  document.getElementById("family-name").textContent = tenant.name;
  setTitle(tenant.name);
  const count = members.length;
  document.getElementById("family-meta").textContent = t("manage.meta", {
    domain: tenant.domain, tier: tierName(tenant.subscription_tier),
    members: membersCursor ? t("manage.members_more", { count })
      : plural("manage.members", count),
  });
  document.getElementById("family-inactive").hidden = tenant.active;
  renderMembers();
  renderTransfer();
}

// ---- members -------------------------------------------------------------------------------

const ROLES = ["OWNER", "ADMIN", "MEMBER"];

/** As Role.mayManage: an OWNER manages everyone, an ADMIN MEMBERs, a MEMBER nobody. */
function mayManage(target) {
  return role === "OWNER" || (role === "ADMIN" && target === "MEMBER");
}

/** As Role.mayGrant: OWNER is never granted (ownership moves by transfer). */
function grantable() {
  return ROLES.filter((r) => r !== "OWNER" && mayManage(r));
}

function renderMembers() {
  document.getElementById("members").replaceChildren(...members.map(memberRow));
  document.getElementById("members-more").hidden = !membersCursor;
}

function memberRow(m) {
  const self = m.user.id === me.user.id;
  const managed = !self && mayManage(m.role);
  const options = ROLES.filter((r) => r === m.role || grantable().includes(r));
  let roleCell = h("span", { class: `badge ${m.role.toLowerCase()}`, text: t(`role.${m.role}`) });
  if (managed && options.length > 1) {
    roleCell = h("select", { class: "role-select", "aria-label": t("manage.members.role_label", { name: fullName(m.user) }),
      onchange: (event) => changeRole(m, event.currentTarget) },
    options.map((r) => h("option", { value: r, selected: r === m.role, text: t(`role.${r}`) })));
  }
  return h("tr", { "data-user": m.user.id, "data-email": m.user.email },
    h("td", { "data-label": t("manage.members.name") },
      fullName(m.user), self ? h("span", { class: "sub", text: t("manage.members.you") }) : null),
    h("td", { "data-label": t("manage.members.email"), text: m.user.email }),
    h("td", { "data-label": t("manage.members.role") }, roleCell),
    h("td", { "data-label": t("manage.members.joined"), text: formatDate(m.joined_at) }),
    h("td", { class: "actions-cell" }, managed ? h("button", {
      type: "button", class: "secondary small remove", text: t("manage.members.remove"),
      "aria-label": t("manage.members.remove_label", { name: fullName(m.user) }), onclick: () => remove(m),
    }) : null));
}

const membersNotice = document.getElementById("members-notice");
const membersError = document.getElementById("members-error");

function membersSaid(notice, error = null) {
  membersNotice.hidden = !notice;
  membersNotice.textContent = notice || "";
  membersError.hidden = !error;
  membersError.textContent = error ? problemText(error) : "";
  if (error) {
    membersError.focus();
  }
}

async function changeRole(m, select) {
  const next = select.value;
  const confirmed = await confirmDialog({
    title: t("manage.role.title", { name: fullName(m.user) }),
    message: t(`manage.role.text.${next}`, { name: fullName(m.user) }),
    confirm: t("manage.role.confirm", { role: t(`role.${next}`) }),
  });
  if (!confirmed) {
    select.value = m.role;
    return;
  }
  select.disabled = true;
  try {
    const changed = await api("PATCH", `${tenantPath}/members/${encodeURIComponent(m.user.id)}`, { role: next });
    members = members.map((x) => (x.user.id === m.user.id ? changed : x));
    renderTenant();
    membersSaid(t("manage.role.done", { name: fullName(m.user), role: t(`role.${changed.role}`) }));
  } catch (error) {
    select.value = m.role;
    select.disabled = false;
    membersSaid(null, error);
  }
}

async function remove(m) {
  const confirmed = await confirmDialog({
    title: t("manage.remove.title", { name: fullName(m.user) }),
    message: t("manage.remove.text", { name: fullName(m.user), family: tenant.name }),
    confirm: t("manage.remove.confirm"), danger: true,
  });
  if (!confirmed) {
    return;
  }
  try {
    await api("DELETE", `${tenantPath}/members/${encodeURIComponent(m.user.id)}`);
    members = members.filter((x) => x.user.id !== m.user.id);
    renderTenant();
    membersSaid(t("manage.remove.done", { name: fullName(m.user) }));
  } catch (error) {
    membersSaid(null, error);
  }
}

document.getElementById("members-more").addEventListener("click", async (event) => {
  const button = event.currentTarget;
  setBusy(button, true);
  try {
    const page = await api("GET", `${tenantPath}/members?limit=50&cursor=${encodeURIComponent(membersCursor)}`);
    const known = new Set(members.map((m) => m.user.id));
    members = members.concat(page.items.filter((m) => !known.has(m.user.id)));
    membersCursor = page.next_cursor || null;
    renderTenant();
  } catch (error) {
    membersSaid(null, error);
  } finally {
    setBusy(button, false);
  }
});

// ---- your membership: transfer and leave ----------------------------------------------------

const yoursNotice = document.getElementById("yours-notice");
const yoursError = document.getElementById("yours-error");
const transferForm = prepare(document.getElementById("transfer-form"));

/** Owners hand the family to one of the members shown (more appear with "Show more"). */
function renderTransfer() {
  const others = members.filter((m) => m.user.id !== me.user.id);
  transferForm.hidden = role !== "OWNER" || others.length === 0;
  const select = document.getElementById("transfer-member");
  const chosen = select.value;
  select.replaceChildren(h("option", { value: "", text: t("manage.transfer.choose") }),
    ...others.map((m) => h("option", { value: m.user.id, selected: m.user.id === chosen,
      text: t("manage.transfer.option", { name: fullName(m.user), email: m.user.email, role: t(`role.${m.role}`) }) })));
}

transferForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!check(transferForm, [["member", rules.required]])) {
    return;
  }
  const target = members.find((m) => m.user.id === value(transferForm, "member"));
  const confirmed = await confirmDialog({
    title: t("manage.transfer.title", { name: fullName(target.user) }),
    message: t("manage.transfer.text", { name: fullName(target.user), family: tenant.name }),
    confirm: t("manage.transfer.confirm"), danger: true,
  });
  if (!confirmed) {
    return;
  }
  const button = document.getElementById("transfer-submit");
  setBusy(button, true);
  try {
    await api("POST", `${tenantPath}/transfer-ownership`, { user_id: target.user.id });
    await loadTenant();
    renderTenant();
    renderInviteCard();
    document.getElementById("code-actions").hidden = !managesCode || !current;
    yoursNotice.textContent = t("manage.transfer.done", { name: fullName(target.user) });
    yoursNotice.hidden = false;
  } catch (error) {
    showProblem(transferForm, error);
  } finally {
    setBusy(button, false);
  }
});

document.getElementById("leave").addEventListener("click", async (event) => {
  const button = event.currentTarget;
  const confirmed = await confirmDialog({
    title: t("manage.leave.title", { family: tenant.name }), message: t("manage.leave.confirm_text"),
    confirm: t("manage.leave.confirm"), danger: true,
  });
  if (!confirmed) {
    return;
  }
  yoursError.hidden = true;
  setBusy(button, true);
  try {
    await api("POST", `${tenantPath}/leave`);
    location.assign("/family/manage"); // the next family, or "join or create"
  } catch (error) {
    setBusy(button, false);
    yoursError.textContent = error instanceof ApiError && error.code === "last_owner"
      ? t("manage.leave.last_owner") : problemText(error);
    yoursError.hidden = false;
    yoursError.focus();
  }
});

// ---- member invitations ---------------------------------------------------------------------

const inviteForm = prepare(document.getElementById("member-invite-form"));
const inviteRole = document.getElementById("member-invite-role");
const pendingNotice = document.getElementById("pending-notice");
const pendingError = document.getElementById("pending-error");
let pending = [];
let pendingCursor = null;
let pendingPoll = null;

/** Owners and admins of an active family invite by email; only an owner may invite an admin. */
function renderInviteCard() {
  const card = document.getElementById("invite-card");
  card.hidden = !managesCode || !tenant.active;
  if (card.hidden) {
    return;
  }
  for (const option of inviteRole.options) {
    option.hidden = !grantable().includes(option.value);
    option.disabled = option.hidden;
  }
  if (!grantable().includes(inviteRole.value)) {
    inviteRole.value = "MEMBER";
  }
  document.getElementById("member-invite-role-hint").textContent =
    t(role === "OWNER" ? "manage.invite.role_hint_owner" : "manage.invite.role_hint_admin");
  loadPending();
}

inviteForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!check(inviteForm, [["email", rules.email]])) {
    return;
  }
  const button = inviteForm.querySelector("button[type=submit]");
  const sent = document.getElementById("member-invite-sent");
  sent.hidden = true;
  setBusy(button, true);
  try {
    const invitation = await api("POST", `${tenantPath}/invitations`,
      { email: value(inviteForm, "email").trim(), role: value(inviteForm, "role") });
    inviteForm.reset();
    sent.textContent = t("manage.invite.sent", { email: invitation.email, role: t(`role.${invitation.role}`) });
    sent.hidden = false;
    await loadPending();
  } catch (error) {
    showProblem(inviteForm, error, { codes: { invitation_pending_exists: "email", tenant_full: null },
      messages: { invitation_pending_exists: "manage.invite.pending_exists", tenant_full: "manage.invite.tenant_full" } });
  } finally {
    setBusy(button, false);
  }
});

inviteForm.addEventListener("input", () => {
  document.getElementById("member-invite-sent").hidden = true;
});

async function loadPending({ append = false } = {}) {
  clearTimeout(pendingPoll);
  const query = new URLSearchParams({ status: "PENDING", limit: String(append ? 20 : Math.min(200, Math.max(20, pending.length))) });
  if (append && pendingCursor) {
    query.set("cursor", pendingCursor);
  }
  try {
    const page = await api("GET", `${tenantPath}/invitations?${query}`);
    pending = append ? pending.concat(page.items) : page.items;
    pendingCursor = page.next_cursor || null;
  } catch (error) {
    pendingError.textContent = problemText(error);
    pendingError.hidden = false;
    return;
  }
  document.getElementById("pending").replaceChildren(...pending.map(pendingRow));
  document.getElementById("pending-table").hidden = pending.length === 0;
  document.getElementById("pending-empty").hidden = pending.length > 0;
  document.getElementById("pending-more").hidden = !pendingCursor;
  // Emails go out in the background: watch the ones still on their way.
  if (pending.some((i) => ["QUEUED", "RETRYING"].includes(i.delivery?.state))) {
    pendingPoll = setTimeout(() => loadPending(), 2000);
  }
}

function pendingRow(inv) {
  const delivery = inv.delivery;
  const actions = grantable().includes(inv.role) ? [
    h("button", { type: "button", class: "secondary small resend", text: t("manage.pending.resend"),
      "aria-label": t("manage.pending.resend_label", { email: inv.email }), onclick: () => resend(inv) }),
    h("button", { type: "button", class: "secondary small revoke", text: t("manage.pending.revoke"),
      "aria-label": t("manage.pending.revoke_label", { email: inv.email }), onclick: () => revoke(inv) }),
  ] : [];
  return h("tr", { "data-email": inv.email, "data-id": inv.id },
    h("td", { "data-label": t("manage.pending.email") }, inv.email,
      inv.invited_by ? h("span", { class: "sub", text: t("manage.pending.by", { name: fullName(inv.invited_by) }) }) : null),
    h("td", { "data-label": t("manage.members.role") },
      h("span", { class: `badge ${inv.role.toLowerCase()}`, text: t(`role.${inv.role}`) })),
    h("td", { "data-label": t("manage.pending.status") },
      h("span", { class: `badge status ${inv.status.toLowerCase()}`, text: t(`status.${inv.status}`) }),
      h("span", { class: "sub", text: t("manage.pending.expires", { date: formatDate(inv.expires_at) }) }),
      delivery ? h("span", { class: `badge delivery ${delivery.state.toLowerCase()}`, text: t(`delivery.${delivery.state}`) })
        : null),
    h("td", { class: "actions-cell" }, actions));
}

async function resend(inv) {
  const ok = await confirmDialog({ title: t("manage.pending.resend_title"),
    message: t("manage.pending.resend_text", { email: inv.email }), confirm: t("manage.pending.resend") });
  if (ok) {
    await act(() => api("POST", `${tenantPath}/invitations/${encodeURIComponent(inv.id)}/resend`),
      t("manage.pending.resent", { email: inv.email }));
  }
}

async function revoke(inv) {
  const ok = await confirmDialog({ title: t("manage.pending.revoke_title"),
    message: t("manage.pending.revoke_text", { email: inv.email }), confirm: t("manage.pending.revoke_confirm"),
    danger: true });
  if (ok) {
    await act(() => api("DELETE", `${tenantPath}/invitations/${encodeURIComponent(inv.id)}`),
      t("manage.pending.revoked", { email: inv.email }));
  }
}

async function act(call, notice) {
  pendingNotice.hidden = true;
  pendingError.hidden = true;
  try {
    await call();
    pendingNotice.textContent = notice;
    pendingNotice.hidden = false;
  } catch (error) {
    pendingError.textContent = problemText(error);
    pendingError.hidden = false;
    pendingError.focus();
  }
  await loadPending();
}

document.getElementById("pending-more").addEventListener("click", () => loadPending({ append: true }));

// ---- the join code --------------------------------------------------------------------------

async function loadCode() {
  try {
    const code = await api("GET", `/api/tenants/${encodeURIComponent(tenantId)}/invite-code`);
    if (code.enabled) {
      showCode(code);
    } else {
      showOff();
    }
  } catch (error) {
    codeArea.hidden = true;
    if (error instanceof ApiError && error.code === "tenant_inactive") {
      showInactive();
    } else {
      showError(error);
    }
  }
}

/** Joining by code is off: members are told so, owners and admins get the way to turn it on. */
function showOff() {
  current = null;
  codeArea.hidden = true;
  document.getElementById("code-intro").hidden = true;
  document.getElementById("code-off-text").textContent = t(managesCode ? "manage.code.off_manager" : "manage.code.off_member");
  turnOn.hidden = !managesCode;
  codeNone.hidden = false;
  document.getElementById("code-actions").hidden = true;
}

/** A deactivated family has no code, and nothing to do about it here. */
function showInactive() {
  current = null;
  codeArea.hidden = true;
  document.getElementById("code-intro").hidden = true;
  codeNone.hidden = true;
  codeError.hidden = true;
  document.getElementById("code-actions").hidden = true;
  document.getElementById("code-inactive").hidden = false;
}

function showCode(code) {
  current = code;
  codeText.textContent = code.display;
  const details = [];
  if (code.max_uses) {
    details.push(t("manage.code.uses_of", { uses: code.uses, max: code.max_uses }));
  }
  if (code.expires_at) {
    details.push(t("manage.code.expires", { date: formatDate(code.expires_at) }));
  }
  document.getElementById("code-details").textContent = details.join(" · ");
  document.getElementById("join-link").textContent = joinLink(code);
  codeArea.hidden = false;
  document.getElementById("code-intro").hidden = false;
  codeNone.hidden = true;
  codeError.hidden = true;
  document.getElementById("code-actions").hidden = !managesCode;
}

function showError(error) {
  if (error instanceof ApiError && error.code === "tenant_inactive") {
    showInactive();
    return;
  }
  codeError.textContent = problemText(error);
  codeError.hidden = false;
}

/** The shareable link: opening it signs up or logs in and joins with this code. */
function joinLink(code) {
  return `${location.origin}/join/${encodeURIComponent(code.display)}`;
}

document.getElementById("copy-code").addEventListener("click", async () => {
  const copied = await copy(current.display, codeText);
  codeStatus.textContent = copied ? t("manage.code.copied", { code: current.display }) : t("manage.code.copy_failed");
});

document.getElementById("copy-link").addEventListener("click", async () => {
  const copied = await copy(joinLink(current), document.getElementById("join-link"));
  codeStatus.textContent = copied ? t("manage.code.link_copied") : t("manage.code.copy_link_failed");
});

async function copy(text, element) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyBySelection(element);
  }
}

/** Where the Clipboard API is missing (plain http on another host): select the text and copy. */
function copyBySelection(element) {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

document.getElementById("rotate-code").addEventListener("click", async () => {
  const confirmed = await confirmDialog({
    title: t("manage.rotate.title"), message: t("manage.rotate.text"), confirm: t("manage.rotate.confirm"),
  });
  if (!confirmed) {
    return;
  }
  setBusy(document.getElementById("rotate-code"), true);
  try {
    showCode(await api("POST", `/api/tenants/${encodeURIComponent(tenantId)}/invite-code/rotate`));
    codeStatus.textContent = t("manage.rotate.done");
  } catch (error) {
    showError(error);
  } finally {
    setBusy(document.getElementById("rotate-code"), false);
  }
});

document.getElementById("disable-code").addEventListener("click", async () => {
  const confirmed = await confirmDialog({
    title: t("manage.disable.title"), message: t("manage.disable.text"), confirm: t("manage.disable.confirm"),
    danger: true,
  });
  if (!confirmed) {
    return;
  }
  const button = document.getElementById("disable-code");
  setBusy(button, true);
  try {
    await api("DELETE", `/api/tenants/${encodeURIComponent(tenantId)}/invite-code`);
    showOff();
    codeStatus.textContent = t("manage.disable.done");
  } catch (error) {
    showError(error);
  } finally {
    setBusy(button, false);
  }
});

turnOn.addEventListener("click", async () => {
  codeStatus.textContent = "";
  setBusy(turnOn, true);
  try {
    showCode(await api("POST", `/api/tenants/${encodeURIComponent(tenantId)}/invite-code/rotate`));
    codeStatus.textContent = t("manage.code.turned_on");
    document.getElementById("copy-code").focus();
  } catch (error) {
    showError(error);
  } finally {
    setBusy(turnOn, false);
  }
});

// ---- start: everything above is defined, now load the family ----------------------------------

try {
  await loadTenant();
} catch (error) {
  fatal(error instanceof ApiError && error.status === 404 ? t("manage.not_found") : problemText(error));
  await new Promise(() => {});
}

renderSwitch();
renderTenant();
if (tenant.active) {
  await loadCode();
} else {
  showInactive();
}
renderInviteCard();
if (managesCode) {
  // Owners and admins see what happened in the family, and manage its webhooks.
  document.getElementById("activity-card").hidden = false;
  document.getElementById("webhooks-link").href = `/family/webhooks?tenant=${encodeURIComponent(tenantId)}`;
  await activityList(`${tenantPath}/audit-events`,
    { body: "activity", empty: "activity-empty", more: "activity-more", error: "activity-error" })();
}
ready();
