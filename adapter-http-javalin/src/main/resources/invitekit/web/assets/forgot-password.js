import { api } from "./api.js";
import { check, prepare, rules, showProblem, value } from "./forms.js";
import { publicPage, ready, setBusy } from "./ui.js";

await publicPage("forgot.title");

const form = prepare(document.getElementById("forgot-form"));
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!check(form, [["email", rules.email]])) {
    return;
  }
  const button = form.querySelector("button[type=submit]");
  setBusy(button, true);
  try {
    // The answer is the same whether or not the address has an account.
    await api("POST", "/api/auth/password-reset", { email: value(form, "email").trim() }, { auth: false });
    form.hidden = true;
    document.getElementById("forgot-sent").hidden = false;
  } catch (error) {
    setBusy(button, false);
    showProblem(form, error);
  }
});

ready();
document.getElementById("forgot-email").focus();
