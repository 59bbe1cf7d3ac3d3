import { api } from "./api.js";
import { check, prepare, rules, setFormError, showProblem, value } from "./forms.js";
import { t } from "./i18n.js";
import { publicPage, ready, setBusy } from "./ui.js";

await publicPage("reset.title");

// The token is in the fragment, which browsers never send to a server or in a Referer.
const token = new URLSearchParams(location.hash.slice(1)).get("token") || "";
history.replaceState(null, "", location.pathname);

const form = prepare(document.getElementById("reset-form"));
if (!token) {
  setFormError(form, t("reset.no_token"));
}
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!check(form, [["password", rules.password]])) {
    return;
  }
  const button = form.querySelector("button[type=submit]");
  setBusy(button, true);
  try {
    await api("POST", "/api/auth/password-reset/confirm", { token, password: value(form, "password") }, { auth: false });
    form.hidden = true;
    document.getElementById("reset-done").hidden = false;
  } catch (error) {
    setBusy(button, false);
    showProblem(form, error, { messages: { invalid_reset_token: "reset.invalid_token" } });
  }
});

ready();
document.getElementById("reset-password").focus();
