import { api, ApiError } from "./api.js";
import { check, prepare, rules, setFieldError, showProblem, value } from "./forms.js";
import { accountLocale, SUPPORTED, t } from "./i18n.js";
import { confirmDialog, formatDateTime, h, problemText, ready, renderHeader, setBusy, signedInPage } from "./ui.js";

const me = await signedInPage("account.title");
document.getElementById("account-email").textContent = t("account.lead", { email: me.user.email });

// ---- name ------------------------------------------------------------------------------------

const nameForm = prepare(document.getElementById("name-form"));
nameForm.elements.namedItem("first_name").value = me.user.first_name || "";
nameForm.elements.namedItem("last_name").value = me.user.last_name || "";
nameForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("name-status");
  status.textContent = "";
  if (!check(nameForm, [["first_name", rules.name], ["last_name", rules.name]])) {
    return;
  }
  const button = nameForm.querySelector("button[type=submit]");
  setBusy(button, true);
  try {
    const updated = await api("PATCH", "/api/me", {
      first_name: value(nameForm, "first_name").trim(),
      last_name: value(nameForm, "last_name").trim(),
    });
    renderHeader(updated);
    status.textContent = t("account.name.saved");
  } catch (error) {
    showProblem(nameForm, error);
  } finally {
    setBusy(button, false);
  }
});

// ---- language --------------------------------------------------------------------------------

const languageForm = prepare(document.getElementById("language-form"));
const languageSelect = languageForm.elements.namedItem("locale");
languageSelect.replaceChildren(
  h("option", { value: "", text: t("account.language.browser") }),
  ...SUPPORTED.map((code) => h("option", { value: code, lang: code, text: t(`locale.${code}`) })));
languageSelect.value = me.locale || "";
languageForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("language-status");
  status.textContent = "";
  const button = languageForm.querySelector("button[type=submit]");
  setBusy(button, true);
  try {
    const updated = await api("PUT", "/api/me/locale", { locale: languageSelect.value || null });
    if (!accountLocale(updated.locale)) { // else the page comes back in the chosen language
      status.textContent = t("account.language.saved");
      setBusy(button, false);
    }
  } catch (error) {
    showProblem(languageForm, error);
    setBusy(button, false);
  }
});

// ---- password --------------------------------------------------------------------------------

const passwordForm = prepare(document.getElementById("password-form"));
passwordForm.elements.namedItem("username").value = me.user.email; // for password managers
passwordForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("password-status");
  status.textContent = "";
  if (!check(passwordForm, [["current_password", rules.required], ["new_password", rules.password]])) {
    return;
  }
  if (value(passwordForm, "new_password") !== value(passwordForm, "password_confirm")) {
    setFieldError(passwordForm, "password_confirm", t("validation.password_mismatch"));
    passwordForm.elements.namedItem("password_confirm").focus();
    return;
  }
  const button = passwordForm.querySelector("button[type=submit]");
  setBusy(button, true);
  try {
    await api("POST", "/api/me/password", {
      current_password: value(passwordForm, "current_password"),
      new_password: value(passwordForm, "new_password"),
    });
    passwordForm.reset();
    status.textContent = t("account.password.changed");
    await loadSessions();
  } catch (error) {
    showProblem(passwordForm, error, {
      codes: { wrong_current_password: "current_password" },
      messages: { wrong_current_password: "account.password.wrong" },
    });
  } finally {
    setBusy(button, false);
  }
});

// ---- sessions --------------------------------------------------------------------------------

const sessionsError = document.getElementById("sessions-error");

function showSessionsError(error) {
  sessionsError.textContent = problemText(error);
  sessionsError.hidden = false;
  sessionsError.focus();
}

/** "Chrome on Linux" from a user agent, else the agent itself, else "unknown". */
function device(agent) {
  if (!agent) {
    return t("account.sessions.unknown_device");
  }
  const browser = [["Edg/", "Edge"], ["Firefox/", "Firefox"], ["Chrome/", "Chrome"], ["Chromium/", "Chromium"],
    ["Safari/", "Safari"]].find(([mark]) => agent.includes(mark));
  const system = [["Android", "Android"], ["iPhone", "iOS"], ["iPad", "iOS"], ["Windows", "Windows"],
    ["Mac OS X", "macOS"], ["Linux", "Linux"]].find(([mark]) => agent.includes(mark));
  if (browser && system) {
    return t("account.sessions.browser_on", { browser: browser[1], system: system[1] });
  }
  return agent.length > 60 ? `${agent.slice(0, 60)}…` : agent;
}

function row(session) {
  const kind = t(session.kind === "browser" ? "account.sessions.kind_browser" : "account.sessions.kind_api");
  const action = session.current
    ? h("span", { class: "badge", text: t("account.sessions.this_one") })
    : h("button", { type: "button", class: "secondary revoke", text: t("account.sessions.revoke"),
      onclick: (event) => revoke(session, event.currentTarget) });
  return h("tr", { "data-id": session.id, "data-current": session.current ? "true" : "false" },
    h("td", { "data-label": t("account.sessions.device") }, device(session.user_agent),
      h("span", { class: "sub", text: kind })),
    h("td", { "data-label": t("account.sessions.address"), text: session.client_address || "—" }),
    h("td", { "data-label": t("account.sessions.created"), text: formatDateTime(session.created_at) }),
    h("td", { "data-label": t("account.sessions.last_used"), text: formatDateTime(session.last_used_at) }),
    h("td", { class: "actions-cell" }, action));
}

async function loadSessions() {
  try {
    const page = await api("GET", "/api/me/sessions");
    document.getElementById("sessions").replaceChildren(...page.items.map(row));
    document.getElementById("revoke-others").hidden = !page.items.some((s) => !s.current);
  } catch (error) {
    showSessionsError(error);
  }
}

async function revoke(session, button) {
  sessionsError.hidden = true;
  setBusy(button, true);
  try {
    await api("DELETE", `/api/me/sessions/${encodeURIComponent(session.id)}`);
    document.getElementById("sessions-status").textContent = t("account.sessions.revoked_one");
  } catch (error) {
    if (!(error instanceof ApiError && error.code === "session_not_found")) { // already gone: the list says so
      showSessionsError(error);
    }
  }
  await loadSessions();
}

document.getElementById("revoke-others").addEventListener("click", async (event) => {
  const button = event.currentTarget;
  const confirmed = await confirmDialog({
    title: t("account.sessions.revoke_others_title"),
    message: t("account.sessions.revoke_others_text"),
    confirm: t("account.sessions.revoke_others"),
    danger: true,
  });
  if (!confirmed) {
    return;
  }
  sessionsError.hidden = true;
  setBusy(button, true);
  try {
    const result = await api("DELETE", "/api/me/sessions");
    document.getElementById("sessions-status").textContent = t("account.sessions.revoked_others", { n: result.revoked });
  } catch (error) {
    showSessionsError(error);
  } finally {
    setBusy(button, false);
  }
  await loadSessions();
});

await loadSessions();
ready(true);
