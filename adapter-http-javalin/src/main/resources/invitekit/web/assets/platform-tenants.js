import { api } from "./api.js";
import { t } from "./i18n.js";
import { limitText, tierName } from "./labels.js";
import { searchField } from "./search-field.js";
import { confirmDialog, fatal, formatDate, h, isAdmin, problemText, ready, setBusy, signedInPage } from "./ui.js";

const me = await signedInPage("tenants.title");
if (!isAdmin(me)) {
  fatal(t("admin.only"));
  await new Promise(() => {});
}

const notice = document.getElementById("tenants-notice");
const failure = document.getElementById("tenants-error");
const PAGE = 50;

/** One list (active or inactive): its rows, its cursor and its "load more" button. */
function list(active) {
  const prefix = active ? "active" : "inactive";
  const state = { active, items: [], cursor: null };
  state.body = document.getElementById(`${prefix}-tenants`);
  state.empty = document.getElementById(`${prefix}-empty`);
  state.more = document.getElementById(`${prefix}-more`);
  state.more.addEventListener("click", () => load(state, true));
  return state;
}

const activeList = list(true);
const inactiveList = list(false);

// The search (?q=): a name or contact email prefix, kept in the address so that it can be shared.
const search = searchField("tenant", "tenants.search.showing", async () => {
  failure.hidden = true;
  notice.hidden = true;
  activeList.items = [];
  inactiveList.items = [];
  await Promise.all([load(activeList), load(inactiveList)]);
});

async function load(state, append = false) {
  const query = new URLSearchParams({ active: String(state.active),
    limit: String(append ? PAGE : Math.min(200, Math.max(PAGE, state.items.length))) });
  if (search.value) {
    query.set("q", search.value);
  }
  if (append && state.cursor) {
    query.set("cursor", state.cursor);
  }
  try {
    const page = await api("GET", `/api/platform/tenants/?${query}`);
    state.items = append ? state.items.concat(page.items) : page.items;
    state.cursor = page.next_cursor;
  } catch (error) {
    failure.textContent = problemText(error);
    failure.hidden = false;
    return;
  }
  state.body.replaceChildren(...state.items.map(row));
  state.body.closest("table").hidden = state.items.length === 0;
  state.empty.hidden = state.items.length > 0;
  state.more.hidden = !state.cursor;
  if (!state.active) {
    document.getElementById("inactive-heading").textContent =
      t("tenants.inactive_count", { count: state.items.length + (state.cursor ? "+" : "") });
  }
}

function row(tenant) {
  const button = tenant.active
    ? h("button", { type: "button", class: "secondary small deactivate", text: t("tenants.deactivate"),
      "aria-label": t("tenants.deactivate_label", { name: tenant.name }) })
    : h("button", { type: "button", class: "secondary small reactivate", text: t("tenants.reactivate"),
      "aria-label": t("tenants.reactivate_label", { name: tenant.name }) });
  button.addEventListener("click", () => toggle(tenant, button));
  return h("tr", { "data-name": tenant.name, "data-id": tenant.id },
    h("td", { "data-label": t("tenants.col.name") },
      h("a", { href: `/platform/tenants/${encodeURIComponent(tenant.id)}`, class: "tenant-link", text: tenant.name }),
      h("span", { class: "sub", text: tenant.domain })),
    h("td", { "data-label": t("tenants.col.tier") }, tierName(tenant.subscription_tier),
      h("span", { class: "sub", text: t("invitations.limits", { users: limitText(tenant.max_users),
        resources: limitText(tenant.max_resources) }) })),
    h("td", { "data-label": t("tenants.col.created"), text: formatDate(tenant.created_at) }),
    h("td", { class: "actions-cell" }, button));
}

async function toggle(tenant, button) {
  const deactivate = tenant.active;
  const ok = await confirmDialog(deactivate
    ? { title: t("tenants.deactivate_confirm.title", { name: tenant.name }), message: t("tenants.deactivate_confirm.text"),
      confirm: t("tenants.deactivate"), danger: true }
    : { title: t("tenants.reactivate_confirm.title", { name: tenant.name }), message: t("tenants.reactivate_confirm.text"),
      confirm: t("tenants.reactivate") });
  if (!ok) {
    return;
  }
  notice.hidden = true;
  failure.hidden = true;
  setBusy(button, true);
  try {
    await api("POST", `/api/platform/tenants/${encodeURIComponent(tenant.id)}/${deactivate ? "deactivate" : "activate"}`);
    notice.textContent = t(deactivate ? "tenants.deactivated" : "tenants.reactivated", { name: tenant.name });
    notice.hidden = false;
  } catch (error) {
    failure.textContent = problemText(error);
    failure.hidden = false;
    failure.focus();
  }
  await Promise.all([load(activeList), load(inactiveList)]);
}

await Promise.all([load(activeList), load(inactiveList)]);
ready();
