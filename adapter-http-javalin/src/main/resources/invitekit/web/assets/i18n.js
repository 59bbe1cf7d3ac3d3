// Every user-visible string comes from en.json. Pages hold keys (data-i18n="…"), scripts call t().
const response = await fetch("/assets/en.json", { cache: "no-cache" });
const strings = await response.json();

/** The string for key, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const text = strings[key];
  if (text === undefined) {
    console.warn("missing string", key);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Whether en.json has this key (for optional, more specific messages). */
export function has(key) {
  return Object.prototype.hasOwnProperty.call(strings, key);
}

/** Fills data-i18n (text), data-i18n-placeholder and data-i18n-label (aria-label) under root. */
export function translate(root = document) {
  root.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll("[data-i18n-label]").forEach((el) => { el.setAttribute("aria-label", t(el.dataset.i18nLabel)); });
}
