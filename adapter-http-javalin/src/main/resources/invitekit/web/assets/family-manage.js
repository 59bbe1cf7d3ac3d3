import { api, ApiError } from "./api.js";
import { t } from "./i18n.js";
import { tierName } from "./labels.js";
import { confirmDialog, fatal, formatDate, fullName, h, problemText, ready, setBusy, signedInPage } from "./ui.js";

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

let tenant;
try {
  tenant = await api("GET", `/api/tenants/${encodeURIComponent(tenantId)}`);
} catch (error) {
  fatal(error instanceof ApiError && error.status === 404 ? t("manage.not_found") : problemText(error));
  await new Promise(() => {});
}
// The role comes with the tenant: /api/me lists only the first page of a user's families.
const role = tenant.members.find((m) => m.user.id === me.user.id)?.role;
const managesCode = role === "OWNER" || role === "ADMIN";

renderSwitch();
renderTenant();
if (tenant.active) {
  await loadCode();
} else {
  showInactive();
}
ready();

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
  document.title = `${tenant.name} · ${t("app.name")}`;
  const count = tenant.members.length;
  document.getElementById("family-meta").textContent = t("manage.meta", {
    domain: tenant.domain, tier: tierName(tenant.subscription_tier),
    members: t(count === 1 ? "manage.members_one" : "manage.members_many", { count }),
  });
  document.getElementById("family-inactive").hidden = tenant.active;
  const rows = tenant.members.map((m) => h("tr", {},
    h("td", { "data-label": t("manage.members.name") },
      fullName(m.user), m.user.id === me.user.id ? h("span", { class: "sub", text: t("manage.members.you") }) : null),
    h("td", { "data-label": t("manage.members.email"), text: m.user.email }),
    h("td", { "data-label": t("manage.members.role") },
      h("span", { class: `badge ${m.role.toLowerCase()}`, text: t(`role.${m.role}`) })),
    h("td", { "data-label": t("manage.members.joined"), text: formatDate(m.joined_at) })));
  document.getElementById("members").replaceChildren(...rows);
}

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

document.getElementById("copy-code").addEventListener("click", async () => {
  let copied = false;
  try {
    await navigator.clipboard.writeText(current.display);
    copied = true;
  } catch {
    copied = copyBySelection();
  }
  codeStatus.textContent = copied ? t("manage.code.copied", { code: current.display }) : t("manage.code.copy_failed");
});

/** Where the Clipboard API is missing (plain http on another host): select the code and copy. */
function copyBySelection() {
  const range = document.createRange();
  range.selectNodeContents(codeText);
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
