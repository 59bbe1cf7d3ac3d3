// The platform as the server describes it (GET /api/platform/info): its name, domain, tiers with
// their limits, permissions, feature flags and languages. Loaded once per page, beside the strings,
// before any page script runs; nothing of it is written into the pages themselves. When it cannot
// be loaded, `platform` is null and the page shows its error view (ui.js).
let info = null;
try {
  const response = await fetch("/api/platform/info", { credentials: "omit", headers: { Accept: "application/json" } });
  if (response.ok) {
    info = await response.json();
  }
} catch {
  info = null; // offline, or the server is down: the pages say so
}

/** {name, domain, default_tier, tiers: [{name, max_users, max_resources}], permissions, feature_flags, locales}, or null. */
export const platform = info;

/** The platform's name, or "" when the platform could not be loaded. */
export function platformName() {
  return platform ? platform.name : "";
}
