import { api, ApiError } from "./api.js";
import { check, prepare, rules, showProblem, value } from "./forms.js";
import { rememberAccountLocale } from "./i18n.js";
import { logIn } from "./session.js";
import { landingFor, publicPage, ready, safeNext, setBusy } from "./ui.js";

await publicPage("login.title");

// Already signed in (in this tab or another): straight on. Only then: a signed-out visitor sent
// here with ?next= must stay, or the page that sent them here and this one take turns for ever.
let signedIn = null;
try {
  signedIn = await api("GET", "/api/me");
} catch (error) {
  if (!(error instanceof ApiError)) {
    throw error;
  }
}
if (signedIn) {
  location.replace(safeNext() || landingFor(signedIn));
}

// Come from a page that sent the visitor here (a join link): sign-up goes back there too.
if (safeNext()) {
  document.getElementById("login-signup-link").href = `/signup?next=${encodeURIComponent(safeNext())}`;
}

const form = prepare(document.getElementById("login-form"));
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  // Only "present": the first admin may be admin@localhost, which no sign-up form would take.
  if (!check(form, [["email", rules.required], ["password", rules.required]])) {
    return;
  }
  const button = form.querySelector("button[type=submit]");
  setBusy(button, true);
  try {
    await logIn(value(form, "email").trim(), value(form, "password"));
    const me = await api("GET", "/api/me");
    rememberAccountLocale(me.locale); // the next page opens in the account's language at once
    location.assign(safeNext() || landingFor(me));
  } catch (error) {
    setBusy(button, false);
    showProblem(form, error, { codes: { invalid_credentials: null, email_not_verified: null },
      messages: { email_not_verified: "login.error.email_not_verified" } });
  }
});

ready();
document.getElementById("login-email").focus();
