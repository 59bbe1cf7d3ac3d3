import { api } from "./api.js";
import { check, prepare, rules, setFieldError, showProblem, value, focusFirstError } from "./forms.js";
import { t } from "./i18n.js";
import { saveSession } from "./session.js";
import { problemText, publicPage, ready, safeNext, setBusy } from "./ui.js";

await publicPage("signup.title");

// Come from a page that sent the visitor here (a join link): log-in goes back there too.
if (safeNext()) {
  document.getElementById("signup-login-link").href = `/login?next=${encodeURIComponent(safeNext())}`;
}

const form = prepare(document.getElementById("signup-form"));
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  let ok = check(form, [["email", rules.email], ["first_name", rules.name], ["last_name", rules.name],
    ["password", rules.password], ["password_confirm", rules.required]]);
  const email = value(form, "email").trim();
  if (ok && value(form, "password").trim().toLowerCase() === email.toLowerCase()) {
    ok = setFieldError(form, "password", t("validation.password_email")) && false;
  }
  if (value(form, "password_confirm") && value(form, "password") !== value(form, "password_confirm")) {
    ok = setFieldError(form, "password_confirm", t("validation.password_mismatch")) && false;
  }
  if (!ok) {
    focusFirstError(form);
    return;
  }
  const button = form.querySelector("button[type=submit]");
  setBusy(button, true);
  try {
    const answer = await api("POST", "/api/auth/signup", {
      email,
      password: value(form, "password"),
      first_name: value(form, "first_name").trim(),
      last_name: value(form, "last_name").trim(),
    }, { auth: false });
    if (!answer.access_token) {
      // 202: this deployment wants the address confirmed first (the same answer for a taken one).
      checkYourEmail(email);
      return;
    }
    await saveSession(answer);
    location.assign(safeNext() || "/join-or-create");
  } catch (error) {
    setBusy(button, false);
    showProblem(form, error, { codes: { email_taken: "email" }, messages: { email_taken: "signup.error.email_taken" } });
  }
});

function checkYourEmail(email) {
  form.hidden = true;
  const check = document.getElementById("signup-check");
  check.hidden = false;
  const resend = document.getElementById("signup-resend");
  resend.addEventListener("click", async () => {
    setBusy(resend, true);
    const resent = document.getElementById("signup-resent");
    try {
      // The answer never says whether the address has an account.
      await api("POST", "/api/auth/verify-email/resend", { email }, { auth: false });
      resent.textContent = t("signup.resent");
    } catch (error) {
      resent.textContent = problemText(error);
    }
    setBusy(resend, false);
    resent.hidden = false;
  });
  document.getElementById("signup-check-text").focus();
}

ready();
document.getElementById("signup-email").focus();
