// The activity list (the audit log): newest first, a page at a time, on the family page and the
// platform's activity page. Who may read it is the server's to say.
import { api } from "./api.js";
import { t } from "./i18n.js";
import { platformName } from "./platform.js";
import { formatDateTime, fullName, h, problemText } from "./ui.js";

const PAGE = 50;

/** One event's words: its type (by its wire name), who did it and the values it carries. */
function row(event) {
  const who = event.actor ? (event.actor.email ? fullName(event.actor) : t("activity.unknown_user")) : t("activity.system", { platform: platformName() });
  const details = Object.entries(event.data || {}).filter(([, v]) => v !== null && v !== "")
    .map(([k, v]) => `${k}: ${v}`).join(" · ");
  return h("tr", { "data-type": event.type, "data-id": event.id },
    h("td", { "data-label": t("activity.col.when"), text: formatDateTime(event.occurred_at) }),
    h("td", { "data-label": t("activity.col.event") }, h("code", { text: event.type }),
      details ? h("span", { class: "sub", text: details }) : null),
    h("td", { "data-label": t("activity.col.actor"), text: who }));
}

/**
 * Fills a table body from `path` (an audit-events endpoint) with "show more" paging.
 * `ids`: the ids of the body, the "none yet" line, the "show more" button and the error line.
 */
export function activityList(path, { body, empty, more, error }) {
  const state = { items: [], cursor: null };
  const tbody = document.getElementById(body);
  const none = document.getElementById(empty);
  const moreButton = document.getElementById(more);
  const failure = document.getElementById(error);
  async function load(append = false) {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (append && state.cursor) {
      query.set("cursor", state.cursor);
    }
    failure.hidden = true;
    try {
      const page = await api("GET", `${path}?${query}`);
      state.items = append ? state.items.concat(page.items) : page.items;
      state.cursor = page.next_cursor;
    } catch (problem) {
      failure.textContent = problemText(problem);
      failure.hidden = false;
      return;
    }
    tbody.replaceChildren(...state.items.map(row));
    tbody.closest("table").hidden = state.items.length === 0;
    none.hidden = state.items.length > 0;
    moreButton.hidden = !state.cursor;
  }
  moreButton.addEventListener("click", () => load(true));
  return load;
}
