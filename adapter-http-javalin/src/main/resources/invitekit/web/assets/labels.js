// Display names for wire names: from en.json when it has one, else the wire name made readable.
import { formatNumber, has, t } from "./i18n.js";

function label(prefix, name) {
  const key = `${prefix}.${name}`;
  if (has(key)) {
    return t(key);
  }
  const words = String(name).replace(/^can_/, "").replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const tierName = (tier) => label("tier", tier);
export const permissionName = (name) => label("permission", name);
export const flagName = (name) => label("flag", name);
export const limitText = (n) => (n === null || n === undefined ? t("limit.unlimited") : formatNumber(n));
