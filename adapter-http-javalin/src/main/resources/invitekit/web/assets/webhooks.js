// Webhook endpoints: the platform's (platform admins, /platform/webhooks) or a family's (its
// owners and admins, /family/webhooks?tenant=…). Add, edit, turn on and off, delete, rotate the
// signing secret (shown once), send a test event, and the delivery log with replay.
import { api, ApiError } from "./api.js";
import { check, prepare, rules, showProblem, value } from "./forms.js";
import { plural, t } from "./i18n.js";
import { confirmDialog, fatal, formatDateTime, h, isAdmin, problemText, ready, setBusy, signedInPage } from "./ui.js";

const me = await signedInPage("webhooks.title");
const tenantId = location.pathname.startsWith("/family/") ? new URLSearchParams(location.search).get("tenant") : null;
if (location.pathname.startsWith("/family/") && !tenantId) {
  location.replace("/family/manage");
  await new Promise(() => {});
}
if (!tenantId && !isAdmin(me)) {
  fatal(t("admin.only"));
  await new Promise(() => {});
}
const base = tenantId ? `/api/tenants/${encodeURIComponent(tenantId)}/webhooks` : "/api/platform/webhooks";
document.getElementById("webhooks-lead").textContent = t(tenantId ? "webhooks.lead_family" : "webhooks.lead_platform");

const notice = document.getElementById("webhooks-notice");
const failure = document.getElementById("webhooks-error");
const PAGE = 50;

function said(message, problem = null) {
  notice.hidden = !message;
  notice.textContent = message || "";
  failure.hidden = !problem;
  failure.textContent = problem ? problemText(problem) : "";
  if (problem) {
    failure.focus();
  }
}

// ---- the secret, shown once ------------------------------------------------------------------

const secretCard = document.getElementById("secret-card");
const secretText = document.getElementById("webhook-secret");
const secretStatus = document.getElementById("secret-status");

function showSecret(secret) {
  secretText.textContent = secret;
  secretStatus.textContent = "";
  secretCard.hidden = false;
  document.getElementById("copy-secret").focus();
}

document.getElementById("copy-secret").addEventListener("click", async () => {
  let copied = true;
  try {
    await navigator.clipboard.writeText(secretText.textContent);
  } catch {
    const range = document.createRange();
    range.selectNodeContents(secretText);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    copied = document.execCommand("copy");
  }
  secretStatus.textContent = t(copied ? "webhooks.secret.copied" : "webhooks.secret.copy_failed");
});

document.getElementById("secret-done").addEventListener("click", () => {
  secretText.textContent = "";
  secretCard.hidden = true;
});

// ---- add and edit ----------------------------------------------------------------------------

const form = prepare(document.getElementById("webhook-form"));
const submit = document.getElementById("webhook-submit");
const cancelEdit = document.getElementById("webhook-cancel-edit");
let editing = null;

function eventTypes() {
  return value(form, "event_types").split(/[\s,]+/).filter(Boolean);
}

function startEdit(webhook) {
  editing = webhook;
  form.elements.namedItem("url").value = webhook.url;
  form.elements.namedItem("event_types").value = webhook.event_types.join(", ");
  form.elements.namedItem("description").value = webhook.description || "";
  form.elements.namedItem("enabled").checked = webhook.enabled;
  document.getElementById("form-heading").textContent = t("webhooks.edit.heading");
  submit.textContent = t("webhooks.edit.submit");
  cancelEdit.hidden = false;
  form.elements.namedItem("url").focus();
}

function stopEdit() {
  editing = null;
  form.reset();
  document.getElementById("form-heading").textContent = t("webhooks.add.heading");
  submit.textContent = t("webhooks.add.submit");
  cancelEdit.hidden = true;
}

cancelEdit.addEventListener("click", stopEdit);

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!check(form, [["url", rules.required]])) {
    return;
  }
  const body = { url: value(form, "url").trim(), event_types: eventTypes(),
    description: value(form, "description").trim() || null, enabled: form.elements.namedItem("enabled").checked };
  said(null);
  setBusy(submit, true);
  try {
    if (editing) {
      await api("PATCH", `${base}/${encodeURIComponent(editing.id)}`, body);
      said(t("webhooks.edit.done", { url: body.url }));
    } else {
      const created = await api("POST", base, body);
      said(t("webhooks.add.done", { url: created.webhook.url }));
      showSecret(created.secret);
    }
    stopEdit();
    await load();
  } catch (error) {
    showProblem(form, error);
  } finally {
    setBusy(submit, false);
  }
});

// ---- the endpoints ---------------------------------------------------------------------------

const list = { items: [], cursor: null };
const tbody = document.getElementById("webhooks");
const more = document.getElementById("webhooks-more");
more.addEventListener("click", () => load(true));

async function load(append = false) {
  const query = new URLSearchParams({ limit: String(PAGE) });
  if (append && list.cursor) {
    query.set("cursor", list.cursor);
  }
  try {
    const page = await api("GET", `${base}?${query}`);
    list.items = append ? list.items.concat(page.items) : page.items;
    list.cursor = page.next_cursor;
  } catch (error) {
    said(null, error);
    return;
  }
  tbody.replaceChildren(...list.items.map(row));
  document.getElementById("webhooks-table").hidden = list.items.length === 0;
  document.getElementById("webhooks-empty").hidden = list.items.length > 0;
  more.hidden = !list.cursor;
}

function button(text, label, action, danger = false) {
  const b = h("button", { type: "button", class: `${danger ? "danger" : "secondary"} small`, text, "aria-label": label });
  b.addEventListener("click", async () => {
    setBusy(b, true);
    try {
      await action();
    } catch (error) {
      said(null, error);
    } finally {
      setBusy(b, false);
    }
  });
  return b;
}

function row(webhook) {
  const path = `${base}/${encodeURIComponent(webhook.id)}`;
  const state = webhook.enabled ? webhook.state : "OFF";
  return h("tr", { "data-url": webhook.url, "data-id": webhook.id },
    h("td", { "data-label": t("webhooks.col.url") }, h("span", { class: "link-text", text: webhook.url }),
      webhook.description ? h("span", { class: "sub", text: webhook.description }) : null),
    h("td", { "data-label": t("webhooks.col.state") },
      h("span", { class: `badge state-${state.toLowerCase()}`, text: t(`webhooks.state.${state}`) }),
      webhook.consecutive_failures > 0
        ? h("span", { class: "sub", text: plural("webhooks.failures", webhook.consecutive_failures) }) : null),
    h("td", { "data-label": t("webhooks.col.events"),
      text: webhook.event_types.length ? webhook.event_types.join(", ") : t("webhooks.all_events") }),
    h("td", { class: "actions-cell" }, h("div", { class: "row-actions" },
      button(t("webhooks.test"), t("webhooks.test_label", { url: webhook.url }), async () => {
        await api("POST", `${path}/test`);
        said(t("webhooks.test_sent", { url: webhook.url }));
        await showDeliveries(webhook);
      }),
      button(t("webhooks.deliveries.show"), t("webhooks.deliveries.show_label", { url: webhook.url }),
        () => showDeliveries(webhook)),
      button(t("webhooks.edit.button"), t("webhooks.edit.label", { url: webhook.url }), async () => startEdit(webhook)),
      button(t(webhook.enabled ? "webhooks.disable" : "webhooks.enable"),
        t(webhook.enabled ? "webhooks.disable_label" : "webhooks.enable_label", { url: webhook.url }), async () => {
          await api("PATCH", path, { enabled: !webhook.enabled });
          said(t(webhook.enabled ? "webhooks.disabled" : "webhooks.enabled", { url: webhook.url }));
          await load();
        }),
      button(t("webhooks.rotate.button"), t("webhooks.rotate.label", { url: webhook.url }), async () => {
        if (!await confirmDialog({ title: t("webhooks.rotate.title"), message: t("webhooks.rotate.text"),
          confirm: t("webhooks.rotate.confirm") })) {
          return;
        }
        const rotated = await api("POST", `${path}/rotate-secret`);
        said(t("webhooks.rotate.done", { url: webhook.url }));
        showSecret(rotated.secret);
      }),
      button(t("webhooks.delete.button"), t("webhooks.delete.label", { url: webhook.url }), async () => {
        if (!await confirmDialog({ title: t("webhooks.delete.title"), message: t("webhooks.delete.text", { url: webhook.url }),
          confirm: t("webhooks.delete.confirm"), danger: true })) {
          return;
        }
        await api("DELETE", path);
        said(t("webhooks.delete.done", { url: webhook.url }));
        if (shown?.id === webhook.id) {
          document.getElementById("deliveries-card").hidden = true;
          shown = null;
        }
        await load();
      }, true))));
}

// ---- deliveries ------------------------------------------------------------------------------

const deliveries = { items: [], cursor: null };
const deliveryBody = document.getElementById("deliveries");
const deliveriesError = document.getElementById("deliveries-error");
const deliveriesMore = document.getElementById("deliveries-more");
let shown = null;
deliveriesMore.addEventListener("click", () => loadDeliveries(true));
document.getElementById("deliveries-refresh").addEventListener("click", () => loadDeliveries());

async function showDeliveries(webhook) {
  shown = webhook;
  document.getElementById("deliveries-heading").textContent = t("webhooks.deliveries.heading", { url: webhook.url });
  document.getElementById("deliveries-card").hidden = false;
  await loadDeliveries();
}

async function loadDeliveries(append = false) {
  if (!shown) {
    return;
  }
  const query = new URLSearchParams({ limit: String(PAGE) });
  if (append && deliveries.cursor) {
    query.set("cursor", deliveries.cursor);
  }
  deliveriesError.hidden = true;
  try {
    const page = await api("GET", `${base}/${encodeURIComponent(shown.id)}/deliveries?${query}`);
    deliveries.items = append ? deliveries.items.concat(page.items) : page.items;
    deliveries.cursor = page.next_cursor;
  } catch (error) {
    deliveriesError.textContent = error instanceof ApiError && error.status === 404
      ? t("webhooks.gone") : problemText(error);
    deliveriesError.hidden = false;
    return;
  }
  deliveryBody.replaceChildren(...deliveries.items.map(deliveryRow));
  document.getElementById("deliveries-table").hidden = deliveries.items.length === 0;
  document.getElementById("deliveries-empty").hidden = deliveries.items.length > 0;
  deliveriesMore.hidden = !deliveries.cursor;
}

function deliveryRow(d) {
  const last = [
    d.last_status_code !== null ? t("webhooks.deliveries.http", { code: d.last_status_code }) : null,
    d.last_latency_ms !== null ? t("webhooks.deliveries.latency", { ms: d.last_latency_ms }) : null,
    d.last_error,
    d.last_attempt_at ? formatDateTime(d.last_attempt_at) : null,
  ].filter(Boolean).join(" · ");
  const replay = button(t("webhooks.deliveries.replay"), t("webhooks.deliveries.replay_label", { type: d.event_type }),
    async () => {
      await api("POST", `${base}/${encodeURIComponent(d.endpoint_id)}/deliveries/${encodeURIComponent(d.id)}/replay`);
      said(t("webhooks.deliveries.replayed", { type: d.event_type }));
      await loadDeliveries();
    });
  return h("tr", { "data-id": d.id, "data-status": d.status, "data-type": d.event_type },
    h("td", { "data-label": t("webhooks.deliveries.col.event") }, h("code", { text: d.event_type }),
      h("span", { class: "sub", text: formatDateTime(d.created_at) })),
    h("td", { "data-label": t("webhooks.deliveries.col.status") },
      h("span", { class: `badge delivery-${d.status.toLowerCase()}`, text: t(`webhooks.status.${d.status}`) }),
      h("span", { class: "sub", text: t("webhooks.deliveries.attempts", { count: d.attempts }) }),
      d.next_attempt_at ? h("span", { class: "sub", text: t("webhooks.deliveries.next", { when: formatDateTime(d.next_attempt_at) }) }) : null),
    h("td", { "data-label": t("webhooks.deliveries.col.last"), text: last || t("webhooks.deliveries.not_yet") }),
    h("td", { class: "actions-cell" }, replay));
}

await load();
ready();
