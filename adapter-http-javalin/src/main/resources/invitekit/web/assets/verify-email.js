import { api, ApiError } from "./api.js";
import { check, prepare, rules, setFormError, showProblem, value } from "./forms.js";
import { t } from "./i18n.js";
import { saveSession } from "./session.js";
import { landingFor, problemText, publicPage, ready, setBusy } from "./ui.js";

await publicPage("verify.title");

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

// The link proves the address; the password, that whoever follows it chose the account.
const confirmForm = prepare(document.getElementById("verify-form"));
confirmForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!check(confirmForm, [["password", rules.required]])) {
    return;
  }
  const button = confirmForm.querySelector("button[type=submit]");
  setBusy(button, true);
  try {
    const auth = await api("POST", "/api/auth/verify-email", { token, password: value(confirmForm, "password") },
      { auth: false });
    await saveSession(auth);
    confirmForm.hidden = true;
    status.textContent = t("verify.done");
    status.hidden = false;
    location.assign(landingFor(await api("GET", "/api/me")));
  } catch (error) {
    setBusy(button, false);
    if (error instanceof ApiError && error.code === "invalid_verification_token") {
      confirmForm.hidden = true;
      offerNewLink(t("verify.invalid_token"));
    } else {
      showProblem(confirmForm, error, { codes: { invalid_credentials: "password" },
        messages: { invalid_credentials: "verify.wrong_password" } });
    }
  }
});

ready();
if (!token) {
  offerNewLink(t("verify.no_token"));
} else {
  confirmForm.hidden = false;
  document.getElementById("verify-password").focus();
}
