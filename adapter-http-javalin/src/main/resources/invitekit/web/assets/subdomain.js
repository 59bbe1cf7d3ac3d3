// A subdomain suggested from a business name, as the server's Subdomain.suggestFrom does it:
// accents dropped, a few letters spelled out, anything else a hyphen, runs collapsed, at most 63.
const SPELLED = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i" };
const MAX = 63;

export function suggestSubdomain(name) {
  let label = "";
  let lastWasHyphen = true; // so that leading separators vanish
  for (const ch of (name || "").normalize("NFKD")) {
    if (label.length > MAX) {
      break;
    }
    if (/\p{Mn}/u.test(ch)) {
      continue; // an accent: dropped, its base letter stays
    }
    const lower = ch.toLowerCase();
    const spelled = /^[a-z0-9]$/.test(lower) ? lower : SPELLED[lower];
    if (spelled) {
      label += spelled;
      lastWasHyphen = false;
    } else if (!lastWasHyphen) {
      label += "-";
      lastWasHyphen = true;
    }
  }
  return label.slice(0, MAX).replace(/^-+|-+$/g, "");
}

/** What the server will make of a typed subdomain: trimmed and lower-cased. */
export function normalizeSubdomain(text) {
  return (text || "").trim().toLowerCase();
}
