import { api, ApiError } from "./api.js";
import { check, prepare, rules, setFormError, showProblem, value } from "./forms.js";
import { t } from "./i18n.js";
import { saveSession } from "./session.js";
import { landingFor, problemText, publicPage, ready, setBusy } from "./ui.js";

publicPage("verify.title");

// The token is in the fragment, which browsers never send to a server or in a Referer.
const token = new URLSearchParams(location.hash.slice(1)).get("token") || "";
history.replaceState(null, "", location.pathname);

const status = document.getElementById("verify-status");
const form = prepare(document.getElementById("verify-resend-form"));

function offerNewLink(message) {
  status.hidden = true;
  form.hidden = false;
  setFormError(form, message);
  document.getElementById("verify-email").focus();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!check(form, [["email", rules.email]])) {
    return;
  }
  const button = form.querySelector("button[type=submit]");
  setBusy(button, true);
  try {
    // The answer is the same whether or not the address has an account waiting for its link.
    await api("POST", "/api/auth/verify-email/resend", { email: value(form, "email").trim() }, { auth: false });
    form.hidden = true;
    document.getElementById("verify-resent").hidden = false;
  } catch (error) {
    setBusy(button, false);
    showProblem(form, error);
  }
});

ready();
if (!token) {
  offerNewLink(t("verify.no_token"));
} else {
  try {
    const auth = await api("POST", "/api/auth/verify-email", { token }, { auth: false });
    await saveSession(auth);
    status.textContent = t("verify.done");
    location.assign(landingFor(await api("GET", "/api/me")));
  } catch (error) {
    offerNewLink(error instanceof ApiError && error.code === "invalid_verification_token"
      ? t("verify.invalid_token") : problemText(error));
  }
}
