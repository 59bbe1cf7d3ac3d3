// A business's dashboard for its owners and admins: /business?tenant={id}. Plan, limits and what
// is used of them, permissions, features, address and contact, members by role and the member
// invitations still pending. Members are managed on the tenant's page (/family/manage), which
// families keep as theirs.
import { api, ApiError } from "./api.js";
import { reveal } from "./feedback.js";
import { formatNumber, plural, t } from "./i18n.js";
import { flagName, limitText, permissionName, tierName } from "./labels.js";
import { fatal, formatDate, h, problemText, ready, setTitle, signedInPage } from "./ui.js";

const me = await signedInPage("business.title");

let tenantId = new URLSearchParams(location.search).get("tenant");
if (!tenantId) {
  if (me.memberships.length === 0) {
    location.replace("/join-or-create");
    await new Promise(() => {});
  }
  tenantId = me.memberships[0].tenant.id;
  history.replaceState(null, "", `/business?tenant=${encodeURIComponent(tenantId)}`);
}
const tenantPath = `/api/tenants/${encodeURIComponent(tenantId)}`;
const managePage = `/family/manage?tenant=${encodeURIComponent(tenantId)}`;
const MEMBER_PAGES = 25; // 5,000 members counted by role; beyond, the total says the rest

let tenant;
try {
  tenant = await api("GET", tenantPath);
} catch (error) {
  fatal(error instanceof ApiError && error.status === 404 ? t("business.not_found") : problemText(error));
  await new Promise(() => {});
}

/** Every member a page at a time (the tenant embeds the first 50), counted by role. */
async function membersByRole() {
  const counts = { OWNER: 0, ADMIN: 0, MEMBER: 0 };
  let mine = null;
  const count = (items) => items.forEach((m) => {
    counts[m.role] = (counts[m.role] || 0) + 1;
    if (m.user.id === me.user.id) {
      mine = m.role;
    }
  });
  count(tenant.members || []);
  let cursor = tenant.members_next_cursor || null;
  let complete = !cursor;
  if (cursor) {
    // The embedded page and the list share their order: start the list over for a plain count.
    Object.keys(counts).forEach((role) => { counts[role] = 0; });
    cursor = "";
    for (let page = 0; page < MEMBER_PAGES && cursor !== null; page++) {
      const query = new URLSearchParams({ limit: "200" });
      if (cursor) {
        query.set("cursor", cursor);
      }
      const answer = await api("GET", `${tenantPath}/members?${query}`);
      count(answer.items);
      cursor = answer.next_cursor || null;
    }
    complete = cursor === null;
  }
  return { counts, mine, complete };
}

let members;
try {
  members = await membersByRole();
} catch (error) {
  fatal(problemText(error));
  await new Promise(() => {});
}
if (members.mine !== "OWNER" && members.mine !== "ADMIN") {
  const main = document.querySelector("main");
  main.replaceChildren(h("h1", { tabindex: "-1", text: tenant.name }),
    h("div", { class: "card" }, h("p", { text: t("business.owners_only") }),
      h("p", {}, h("a", { href: managePage, text: t("business.to_manage") }))));
  setTitle(tenant.name);
  ready(true);
  await new Promise(() => {});
}

// ---- what the plan gives, and what is used of it ---------------------------------------------

function usersText() {
  const usage = tenant.usage;
  if (!usage || typeof usage.members !== "number") {
    return limitText(tenant.max_users);
  }
  const pending = usage.pending_invitations || 0;
  const parts = { members: plural("business.plan.members", usage.members), pending: plural("business.plan.pending", pending) };
  if (tenant.max_users === null || tenant.max_users === undefined) {
    return t("business.plan.users_unlimited", parts);
  }
  return t("business.plan.users_used", { ...parts, used: formatNumber((usage.members + pending)),
    max: limitText(tenant.max_users) });
}

function onOff(container, names, nameOf) {
  container.replaceChildren(...names.map(([name, on]) => h("li", { class: on ? "on" : "off" },
    h("span", { text: nameOf(name) }),
    h("span", { class: `badge ${on ? "active" : ""}`, text: t(on ? "business.on" : "business.off") }))));
  if (names.length === 0) {
    container.replaceChildren(h("li", { text: t("business.none") }));
  }
}

function render() {
  setTitle(tenant.name);
  document.getElementById("business-name").textContent = tenant.name;
  document.getElementById("business-lead").textContent = t("business.lead",
    { role: t(`role.${members.mine}`), tier: tierName(tenant.subscription_tier) });
  document.getElementById("business-inactive").hidden = tenant.active;
  document.getElementById("plan-tier").textContent = tierName(tenant.subscription_tier);
  document.getElementById("plan-users").textContent = usersText();
  document.getElementById("plan-resources").textContent = limitText(tenant.max_resources);

  document.getElementById("contact-domain").textContent = tenant.domain || t("business.none");
  document.getElementById("contact-subdomain").textContent = tenant.subdomain || t("business.none");
  document.getElementById("contact-email").textContent = tenant.contact_email || t("business.none");
  document.getElementById("contact-phone").textContent = tenant.phone || t("business.none");
  document.getElementById("contact-created").textContent = formatDate(tenant.created_at);

  onOff(document.getElementById("permissions"), Object.entries(tenant.permissions || {}), permissionName);
  onOff(document.getElementById("flags"), Object.entries(tenant.feature_flags || {}), flagName);

  const { counts, complete } = members;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const rows = [
    [t("business.members.total"), complete ? formatNumber(total) : t("business.members.at_least",
      { n: formatNumber(total) })],
    ...["OWNER", "ADMIN", "MEMBER"].map((role) => [t(`business.members.role.${role}`), formatNumber(counts[role])]),
  ];
  document.getElementById("members-summary").replaceChildren(...rows.flatMap(([label, shown]) => [
    h("dt", { text: label }), h("dd", { text: shown })]));
  document.getElementById("members-link").href = `${managePage}#members-heading`;
  document.getElementById("invite-link").href = `${managePage}#invite-heading`;
}

async function loadInvitations() {
  const error = document.getElementById("business-error");
  try {
    const page = await api("GET", `${tenantPath}/invitations?status=PENDING&limit=20`);
    document.getElementById("invitations").replaceChildren(...page.items.map((inv) => h("tr", { "data-email": inv.email },
      h("td", { "data-label": t("business.invitations.email"), text: inv.email }),
      h("td", { "data-label": t("business.invitations.role") },
        h("span", { class: `badge ${inv.role.toLowerCase()}`, text: t(`role.${inv.role}`) })),
      h("td", { "data-label": t("business.invitations.expires"), text: formatDate(inv.expires_at) }))));
    document.getElementById("invitations-table").hidden = page.items.length === 0;
    document.getElementById("invitations-empty").hidden = page.items.length > 0;
    const more = document.getElementById("invitations-more");
    more.hidden = !page.next_cursor;
    more.textContent = page.next_cursor ? t("business.invitations.more") : "";
  } catch (failure) {
    reveal(error, problemText(failure));
  }
}

render();
await loadInvitations();
ready(true);
