// Every user-visible string comes from the locale's JSON (en.json, de.json, …): pages hold keys
// (data-i18n="…"), scripts call t(). Each locale's file has every key (a test in the build checks
// it), so nothing falls back to English key by key.
//
// The locale: the signed-in account's setting (remembered in this browser once /api/me told it,
// see accountLocale), else the first of the browser's languages (navigator.languages) the platform
// speaks, else English. Dates, times and numbers go through Intl in that locale and the browser's
// own time zone; plurals through Intl.PluralRules ("key.one", "key.other", …).

import { platform } from "./platform.js";

/** The locales the pages and emails exist in, as the server offers them; the first is the default. */
export const SUPPORTED = platform && platform.locales && platform.locales.length ? platform.locales : ["en"];
export const DEFAULT_LOCALE = SUPPORTED[0];
const DEFAULT = DEFAULT_LOCALE;
const ACCOUNT_KEY = "invitekit.account_locale";

let current = DEFAULT;
let strings = {};
let plurals = new Intl.PluralRules(DEFAULT);

/** The supported locale a tag such as "de-DE" or "en" stands for, or null. */
export function supported(tag) {
  if (!tag) {
    return null;
  }
  const lower = String(tag).toLowerCase();
  return SUPPORTED.find((l) => lower === l || lower.startsWith(`${l}-`)) || null;
}

function remembered() {
  try {
    return supported(localStorage.getItem(ACCOUNT_KEY));
  } catch {
    return null; // storage may be off: the browser's language decides then
  }
}

function fromBrowser() {
  const tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (const tag of tags) {
    const match = supported(tag);
    if (match) {
      return match;
    }
  }
  return null;
}

async function load(locale) {
  const response = await fetch(`/assets/${locale}.json`, { cache: "no-cache" });
  strings = await response.json();
  current = locale;
  plurals = new Intl.PluralRules(locale);
  document.documentElement.lang = locale;
}

await load(remembered() || fromBrowser() || DEFAULT);

/** The locale the page speaks (a BCP 47 tag such as "de"). */
export function locale() {
  return current;
}

/**
 * Remembers the signed-in account's setting (null: follow the browser) from /api/me. Resolves to
 * true when the page was in another locale and is reloading in the right one.
 */
export function accountLocale(setting) {
  const chosen = rememberAccountLocale(setting);
  const wanted = chosen || fromBrowser() || DEFAULT;
  // Only when the browser kept the setting: else the reloaded page would choose as this one did.
  if (wanted !== current && remembered() === chosen) {
    location.reload();
    return true;
  }
  return false;
}

/** Remembers the account's setting for the next page without changing this one; returns it. */
export function rememberAccountLocale(setting) {
  const chosen = supported(setting);
  try {
    if (chosen) {
      localStorage.setItem(ACCOUNT_KEY, chosen);
    } else {
      localStorage.removeItem(ACCOUNT_KEY);
    }
  } catch {
    // storage off: pages follow the browser's language
  }
  return chosen;
}

/** Forgets the account's setting (on log-out): the browser's language decides again. */
export function forgetAccountLocale() {
  try {
    localStorage.removeItem(ACCOUNT_KEY);
  } catch {
    // nothing remembered
  }
}

/**
 * A locale the page's subject asks for (a tenant invitation's), used unless the visitor's account
 * says otherwise. Resolves to true when the strings changed (the caller renders its texts again).
 */
export async function preferLocale(tag) {
  const wanted = supported(tag);
  if (!wanted || remembered() || wanted === current) {
    return false;
  }
  await load(wanted);
  translate();
  return true;
}

/** The string for key, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const text = strings[key];
  if (text === undefined) {
    console.warn("missing string", key);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * The plural form of key for count (key.one, key.other, … as Intl.PluralRules chooses in this
 * locale); count is formatted as a number and passed as {param}.
 */
export function plural(key, count, params = {}, param = "count") {
  const form = `${key}.${plurals.select(Number(count))}`;
  const chosen = has(form) ? form : `${key}.other`;
  return t(chosen, { ...params, [param]: formatNumber(count) });
}

/** Whether the locale's file has this key (for optional, more specific messages). */
export function has(key) {
  return Object.prototype.hasOwnProperty.call(strings, key);
}

/** A number as people of this locale write it (1,000 or 1.000). */
export function formatNumber(n) {
  return new Intl.NumberFormat(current).format(Number(n));
}

/** A date (no time of day) in this locale and the browser's time zone. */
export function formatDate(iso) {
  return iso ? new Intl.DateTimeFormat(current, { year: "numeric", month: "short", day: "numeric" })
    .format(new Date(iso)) : "";
}

/** A date and time of day in this locale and the browser's time zone. */
export function formatDateTime(iso) {
  return iso ? new Intl.DateTimeFormat(current, { year: "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit" }).format(new Date(iso)) : "";
}

/** Fills data-i18n (text), data-i18n-placeholder and data-i18n-label (aria-label) under root. */
export function translate(root = document) {
  root.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll("[data-i18n-label]").forEach((el) => { el.setAttribute("aria-label", t(el.dataset.i18nLabel)); });
}
