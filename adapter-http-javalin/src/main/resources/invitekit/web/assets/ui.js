// What every page shares: start-up (strings, session, header), small DOM helpers, dates, dialogs.
import { api, ApiError } from "./api.js";
import { accountLocale, has, plural, t, translate } from "./i18n.js";
import { platform, platformName } from "./platform.js";
import { logOut } from "./session.js";

/** Creates an element: h("a", {href: "/x", class: "y", text: "z"}, child, …). */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === "text") {
      el.textContent = value;
    } else if (name === "class") {
      el.className = value;
    } else if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(name, value === true ? "" : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      el.append(child instanceof Node ? child : String(child));
    }
  }
  return el;
}

/** The document's title: the page's own, then the platform's name. */
export function setTitle(text) {
  const name = platformName();
  document.title = name ? `${text} · ${name}` : text;
}

/**
 * A page anyone may see. Without the platform's description (GET /api/platform/info) the page
 * shows its error view instead, and what follows never runs.
 */
export async function publicPage(titleKey) {
  translate();
  setTitle(t(titleKey));
  renderHeader(null);
  if (!platform) {
    return unavailable();
  }
}

/**
 * A page for signed-in users: without a working session the visitor goes to the log-in page and
 * comes back here afterwards. Resolves to GET /api/me.
 */
export async function signedInPage(titleKey) {
  translate();
  setTitle(t(titleKey));
  if (!platform) {
    renderHeader(null);
    return unavailable();
  }
  try {
    const me = await api("GET", "/api/me");
    if (accountLocale(me.locale)) {
      return new Promise(() => {}); // reloading in the account's language
    }
    renderHeader(me);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return toLogin();
    }
    renderHeader(null);
    fatal(problemText(error));
    return new Promise(() => {});
  }
}

/** Shows the page once its strings are in. */
export function ready(focusHeading = false) {
  document.body.classList.remove("loading");
  if (focusHeading) {
    document.querySelector("main h1")?.focus();
  }
}

/**
 * Replaces the page's content with its error view (for failures nothing on the page can fix): a
 * heading, the message, and ways on — try again, or the start page.
 */
export function fatal(message) {
  const main = document.querySelector("main");
  setTitle(t("error.title"));
  const heading = h("h1", { id: "error-title", tabindex: "-1", text: t("error.heading") });
  main.replaceChildren(h("section", { class: "card error-view", id: "error-view", "aria-labelledby": "error-title" },
    heading,
    h("p", { id: "error-message", role: "alert", text: message }),
    h("div", { class: "actions" },
      h("button", { type: "button", id: "error-retry", text: t("error.retry"), onclick: () => location.reload() }),
      h("a", { class: "button secondary", id: "error-home", href: "/", text: t("error.home") }))));
  ready();
  heading.focus();
}

/** The platform's description did not load: nothing on the page can work without it. */
function unavailable() {
  fatal(t("error.platform"));
  return new Promise(() => {});
}

function toLogin() {
  const next = location.pathname + location.search;
  location.replace(`/login?next=${encodeURIComponent(next)}`);
  return new Promise(() => {}); // the page is going away
}

/** Where a user goes after log-in: their first tenant, else the admin pages or "join or create". */
export function landingFor(me) {
  if (me.memberships.length > 0) {
    return `/family/manage?tenant=${encodeURIComponent(me.memberships[0].tenant.id)}`;
  }
  return me.user.platform_role === "PLATFORM_ADMIN" ? "/platform/invitations" : "/join-or-create";
}

/** A same-site path from ?next=, or null: never a link to elsewhere. */
export function safeNext() {
  const next = new URLSearchParams(location.search).get("next");
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return null;
  }
  const url = new URL(next, location.origin);
  return url.origin === location.origin ? url.pathname + url.search : null;
}

export function isAdmin(me) {
  return me?.user?.platform_role === "PLATFORM_ADMIN";
}

/**
 * The name a person gave, or "" for none. The platform admins the server creates itself (the first
 * admin, the admin command line) carry "Platform Admin" as a stand-in until they set their own
 * name in their account settings: that is no one's name, so nobody is greeted by it.
 */
export function realName(user) {
  if (user.platform_role === "PLATFORM_ADMIN" && user.first_name === "Platform" && user.last_name === "Admin") {
    return "";
  }
  return [user.first_name, user.last_name].filter(Boolean).join(" ");
}

/** A person's name, else their email. */
export function fullName(user) {
  return realName(user) || user.email;
}

function initials(user) {
  const letters = realName(user) ? [user.first_name, user.last_name].filter(Boolean).map((n) => [...n.trim()][0] || "") : [];
  return (letters.join("") || [...user.email][0]).toUpperCase();
}

/** The header: brand, and for a signed-in user the user menu. */
export function renderHeader(me) {
  const header = document.querySelector(".site-header");
  const brand = h("a", { class: "brand", href: "/" },
    h("img", { src: "/assets/favicon.svg", alt: "" }), h("span", { class: "brand-name", text: platformName() }));
  if (!me) {
    header.replaceChildren(brand);
    return;
  }
  const links = [["/family/manage", "menu.family"]];
  if (isAdmin(me)) {
    links.push(["/platform/invitations", "menu.invitations"], ["/platform/tenants", "menu.tenants"],
      ["/platform/activity", "menu.activity"], ["/platform/webhooks", "menu.webhooks"]);
  }
  links.push(["/account", "menu.account"]);
  // The button's name is its visible text (the name shown) with "Account menu" before it for
  // screen readers: an aria-label would hide the visible name (axe: label-content-name-mismatch).
  const menu = h("details", { class: "user-menu" },
    h("summary", {},
      h("span", { class: "avatar", "aria-hidden": "true", text: initials(me.user) }),
      h("span", { class: "visually-hidden", text: `${t("menu.label")}: ` }),
      h("span", { class: "user-name", text: fullName(me.user) })),
    h("ul", { class: "menu" },
      h("li", { class: "menu-email", text: me.user.email }),
      links.map(([href, key]) => h("li", {},
        h("a", { href, "aria-current": location.pathname === href ? "page" : null, text: t(key) }))),
      h("li", {}, h("button", { type: "button", id: "logout", text: t("menu.logout"), onclick: logout }))));
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) {
      menu.open = false;
    }
  });
  header.replaceChildren(brand, h("nav", { "aria-label": t("menu.nav") }, menu));
}

async function logout() {
  try {
    await logOut();
  } catch {
    // the log-in page says whether the session is still there
  }
  location.assign("/login");
}

// ---- problems ------------------------------------------------------------------------------

/** A sentence for a failed call: problem.<code> from en.json, else a generic one. */
export function problemText(error) {
  const code = error instanceof ApiError ? error.code : "network";
  const key = `problem.${code}`;
  return t(has(key) ? key : "problem.generic", { wait: waitText(error.retryAfter) });
}

export function waitText(seconds) {
  if (!seconds || seconds < 1) {
    return t("time.moment");
  }
  if (seconds < 90) {
    return plural("time.seconds", seconds, {}, "n");
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) {
    return plural("time.minutes", minutes, {}, "n");
  }
  return plural("time.hours", Math.ceil(minutes / 60), {}, "n");
}

// ---- dates (through Intl in the page's locale and the browser's time zone: see i18n.js) -----

export { formatDate, formatDateTime } from "./i18n.js";

// ---- buttons and dialogs -------------------------------------------------------------------

export function setBusy(button, busy) {
  button.disabled = busy;
  button.setAttribute("aria-busy", busy ? "true" : "false");
}

/** A modal question; resolves to true when the user confirms. Escape or "Cancel" answers false. */
export function confirmDialog({ title, message, confirm, danger = false }) {
  return new Promise((resolve) => {
    const dialog = h("dialog", { class: "confirm-dialog", "aria-labelledby": "confirm-title" },
      h("form", { method: "dialog" },
        h("h2", { id: "confirm-title", text: title }),
        h("p", { text: message }),
        h("div", { class: "actions end" },
          h("button", { type: "submit", value: "cancel", class: "secondary", autofocus: true, text: t("common.cancel") }),
          h("button", { type: "submit", value: "confirm", class: danger ? "danger confirm" : "confirm", text: confirm }))));
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue === "confirm");
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
