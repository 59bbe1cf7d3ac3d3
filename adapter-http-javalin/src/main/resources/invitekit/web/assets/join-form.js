// The join-with-a-code form, on "join or create" and on /family/join: one code field and a button.
import { api } from "./api.js";
import { check, prepare, rules, showProblem, value } from "./forms.js";
import { setBusy } from "./ui.js";

/**
 * Wires the form (#join-form, its field #join-code) and the box that offers a new confirmation
 * link (#join-unverified) for a deployment that wants addresses confirmed before joining.
 */
export function joinForm(me) {
  const form = prepare(document.getElementById("join-form"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!check(form, [["code", rules.required]])) {
      return;
    }
    const button = form.querySelector("button[type=submit]");
    setBusy(button, true);
    try {
      // Sent as typed: the server forgives case, spaces, dashes and look-alike letters.
      const joined = await api("POST", "/api/join", { code: value(form, "code") });
      location.assign(`/family/manage?tenant=${encodeURIComponent(joined.tenant.id)}`);
    } catch (error) {
      setBusy(button, false);
      if (error.code === "email_not_verified") {
        offerNewLink(form, me);
      }
      showProblem(form, error, {
        codes: { invalid_code: "code", malformed_code: "code", validation_failed: "code", rate_limited: "code",
          tenant_full: "code", tenant_inactive: "code" },
        messages: { invalid_code: "join.error.invalid_code", malformed_code: "join.error.malformed_code",
          validation_failed: "join.error.malformed_code", rate_limited: "join.error.rate_limited",
          tenant_full: "join.error.tenant_full", tenant_inactive: "join.error.tenant_inactive",
          email_not_verified: "join.error.email_not_verified" },
      });
    }
  });
  return form;
}

/** This deployment wants the address confirmed before joining: a button sends the link again. */
function offerNewLink(form, me) {
  const box = document.getElementById("join-unverified");
  if (!box.hidden) {
    return;
  }
  box.hidden = false;
  const resend = document.getElementById("join-resend");
  resend.addEventListener("click", async () => {
    setBusy(resend, true);
    try {
      await api("POST", "/api/auth/verify-email/resend", { email: me.user.email }, { auth: false });
      document.getElementById("join-resent").hidden = false;
    } catch (error) {
      showProblem(form, error);
    }
    setBusy(resend, false);
  });
}
