// A tenant as platform admins see it: plan, usage, permissions, flags, members and activity.
import { activityList } from "./activity.js";
import { api } from "./api.js";
import { formatNumber, t } from "./i18n.js";
import { flagName, limitText, permissionName, tierName } from "./labels.js";
import { fatal, formatDate, fullName, h, isAdmin, problemText, ready, setTitle, signedInPage } from "./ui.js";

const me = await signedInPage("tenant_detail.title");
if (!isAdmin(me)) {
  fatal(t("admin.only"));
  await new Promise(() => {});
}

const id = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
const base = `/api/platform/tenants/${encodeURIComponent(id)}`;
const PAGE = 20;

function text(elementId, value) {
  document.getElementById(elementId).textContent = value === null || value === undefined || value === ""
    ? t("tenant_detail.not_given") : value;
}

/** A name → on/off map as a definition list: each name with "On" or "Off". */
function switches(listId, emptyId, values, name) {
  const entries = Object.entries(values || {}).sort(([a], [b]) => a.localeCompare(b));
  document.getElementById(listId).replaceChildren(...entries.flatMap(([key, on]) => [
    h("dt", { text: name(key) }),
    h("dd", {}, h("span", { class: `badge ${on ? "active" : "inactive"}`, text: t(on ? "tenant_detail.on" : "tenant_detail.off") }))]));
  document.getElementById(listId).hidden = entries.length === 0;
  document.getElementById(emptyId).hidden = entries.length > 0;
}

function show(tenant) {
  setTitle(tenant.name);
  document.getElementById("tenant-name").textContent = tenant.name;
  document.getElementById("tenant-lead").textContent = t("tenant_detail.lead", { domain: tenant.domain });
  document.getElementById("tenant-state").replaceChildren(h("span", { class: `badge ${tenant.active ? "active" : "inactive"}`,
    text: t(tenant.active ? "tenant_detail.active" : "tenant_detail.inactive") }));
  text("tenant-plan", tierName(tenant.subscription_tier));
  text("tenant-domain", tenant.domain);
  text("tenant-contact", tenant.contact_email);
  text("tenant-phone", tenant.phone);
  text("tenant-created", formatDate(tenant.created_at));
  const usage = tenant.usage || { members: 0, pending_invitations: 0 };
  const taken = usage.members + usage.pending_invitations;
  text("usage-users", tenant.max_users === null || tenant.max_users === undefined
    ? t("tenant_detail.usage.taken_unlimited", { taken: formatNumber(taken) })
    : t("tenant_detail.usage.taken", { taken: formatNumber(taken), max: limitText(tenant.max_users) }));
  text("usage-members", formatNumber(usage.members));
  text("usage-pending", formatNumber(usage.pending_invitations));
  text("usage-resources", t("tenant_detail.usage.limit_only", { max: limitText(tenant.max_resources) }));
  switches("tenant-permissions", "permissions-empty", tenant.permissions, permissionName);
  switches("tenant-flags", "flags-empty", tenant.feature_flags, flagName);
}

// ---- members, a page at a time ---------------------------------------------------------------

const members = { items: [], cursor: null };
const memberBody = document.getElementById("members");
const memberMore = document.getElementById("members-more");
const memberError = document.getElementById("members-error");

function memberRow(member) {
  return h("tr", { "data-id": member.user.id },
    h("td", { "data-label": t("manage.members.name") }, fullName(member.user),
      member.user.email ? h("span", { class: "sub", text: member.user.email }) : null),
    h("td", { "data-label": t("manage.members.role") }, h("span", { class: `badge ${member.role.toLowerCase()}`,
      text: t(`role.${member.role}`) })),
    h("td", { "data-label": t("manage.members.joined"), text: formatDate(member.joined_at) }));
}

async function loadMembers(append = false) {
  const query = new URLSearchParams({ limit: String(PAGE) });
  if (append && members.cursor) {
    query.set("cursor", members.cursor);
  }
  memberError.hidden = true;
  try {
    const page = await api("GET", `${base}/members?${query}`);
    members.items = append ? members.items.concat(page.items) : page.items;
    members.cursor = page.next_cursor;
  } catch (problem) {
    memberError.textContent = problemText(problem);
    memberError.hidden = false;
    return;
  }
  memberBody.replaceChildren(...members.items.map(memberRow));
  memberBody.closest("table").hidden = members.items.length === 0;
  document.getElementById("members-empty").hidden = members.items.length > 0;
  memberMore.hidden = !members.cursor;
}
memberMore.addEventListener("click", () => loadMembers(true));

// ---- start -----------------------------------------------------------------------------------

let tenant;
try {
  tenant = await api("GET", `/api/tenants/${encodeURIComponent(id)}`);
} catch (problem) {
  document.getElementById("tenant-name").textContent = t("tenant_detail.heading");
  const failure = document.getElementById("tenant-error");
  failure.textContent = problemText(problem);
  failure.hidden = false;
  ready(true);
  await new Promise(() => {});
}
show(tenant);
document.getElementById("tenant-detail").hidden = false;
const loadActivity = activityList(`${base}/audit-events`,
  { body: "activity", empty: "activity-empty", more: "activity-more", error: "activity-error" });
await Promise.all([loadMembers(), loadActivity()]);
ready();
