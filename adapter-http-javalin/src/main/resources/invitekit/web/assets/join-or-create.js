import { api } from "./api.js";
import { check, prepare, rules, showProblem, value } from "./forms.js";
import { t } from "./i18n.js";
import { joinForm } from "./join-form.js";
import { ready, realName, setBusy, signedInPage } from "./ui.js";

const me = await signedInPage("joc.title");

// By the name the person gave; the stand-in name of an admin the server made is no one's name.
const name = realName(me.user) ? me.user.first_name : "";
document.getElementById("welcome").textContent = name ? t("joc.heading", { name }) : t("joc.heading_plain");
if (me.memberships.length > 0) {
  document.getElementById("already").hidden = false;
}

const form = prepare(document.getElementById("create-form"));
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!check(form, [["name", rules.name]])) {
    return;
  }
  const button = form.querySelector("button[type=submit]");
  setBusy(button, true);
  try {
    const tenant = await api("POST", "/api/tenants/", { name: value(form, "name").trim() });
    location.assign(`/family/manage?tenant=${encodeURIComponent(tenant.id)}`);
  } catch (error) {
    setBusy(button, false);
    showProblem(form, error);
  }
});

joinForm(me);

ready();
