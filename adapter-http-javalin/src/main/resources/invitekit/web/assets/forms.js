// Forms: checks before a call, and errors next to the field they concern, after one.
// Convention: a field's input has an id; its error paragraph has the id "<input id>-error" and
// its hint "<input id>-hint"; the form's own error box is ".form-error".
import { ApiError } from "./api.js";
import { formatNumber, has, t } from "./i18n.js";
import { problemText, waitText } from "./ui.js";

/** Links every input to its hint and error paragraph (aria-describedby). */
export function prepare(form) {
  form.noValidate = true;
  form.querySelector(".form-error")?.setAttribute("tabindex", "-1");
  for (const input of form.querySelectorAll("input[id], select[id]")) {
    const ids = [`${input.id}-hint`, `${input.id}-error`].filter((id) => document.getElementById(id));
    if (ids.length) {
      input.setAttribute("aria-describedby", ids.join(" "));
    }
  }
  return form;
}

export function value(form, name) {
  const input = form.elements.namedItem(name);
  return input ? input.value : "";
}

export function clearErrors(form) {
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
  }
  for (const p of form.querySelectorAll(".field-error")) {
    p.textContent = "";
  }
  const box = form.querySelector(".form-error");
  if (box) {
    box.textContent = "";
    box.hidden = true;
  }
}

export function clearFieldError(form, name) {
  const input = form.elements.namedItem(name);
  if (input?.id) {
    input.removeAttribute("aria-invalid");
    const p = document.getElementById(`${input.id}-error`);
    if (p) {
      p.textContent = "";
    }
  }
}

/** Shows message under the field; false when the form has no such field. */
export function setFieldError(form, name, message) {
  const input = form.elements.namedItem(name);
  const p = input?.id ? document.getElementById(`${input.id}-error`) : null;
  if (!p) {
    return false;
  }
  input.setAttribute("aria-invalid", "true");
  p.textContent = message;
  return true;
}

export function setFormError(form, message) {
  const box = form.querySelector(".form-error");
  box.textContent = message;
  box.hidden = false;
}

export function focusFirstError(form) {
  const first = form.querySelector("[aria-invalid='true']");
  if (first) {
    first.focus();
  } else {
    form.querySelector(".form-error:not([hidden])")?.focus();
  }
}

// ---- checks --------------------------------------------------------------------------------
// Each returns null when the value is fine, else the en.json key of the complaint (or [key, params]).

const length = (text) => [...text].length;

export const rules = {
  required: (v) => (v.trim() ? null : "validation.required"),
  email: (v) => {
    if (!v.trim()) {
      return "validation.required";
    }
    // As the server has it: a dot in the domain (or the domain "localhost", the first admin's).
    const ok = /^[^\s@]+@(localhost|[^\s@.]+(\.[^\s@.]+)+)$/i.test(v.trim());
    return ok && length(v.trim()) <= 254 ? null : "validation.email";
  },
  optionalEmail: (v) => (v.trim() ? rules.email(v) : null),
  name: (v) => {
    if (!v.trim()) {
      return "validation.required";
    }
    return length(v.trim()) <= 100 ? null : "validation.name_length";
  },
  password: (v) => (length(v) >= 8 && length(v) <= 128 ? null : "validation.password_length"),
  phone: (v) => (!v.trim() || /^[0-9 +\-().]{1,32}$/.test(v.trim()) ? null : "validation.phone"),
  wholeNumber: (min, max) => (v) => {
    const n = Number(v);
    return v.trim() && Number.isInteger(n) && n >= min && n <= max
      ? null : ["validation.whole_number", { min: formatNumber(min), max: formatNumber(max) }];
  },
};

/**
 * Runs checks ([[field name, check(value) → key|null], …]), shows each complaint under its field
 * and focuses the first. True when everything passed.
 */
export function check(form, checks) {
  clearErrors(form);
  let ok = true;
  for (const [name, rule] of checks) {
    const complaint = rule(value(form, name));
    if (complaint) {
      ok = false;
      const [key, params] = Array.isArray(complaint) ? complaint : [complaint, {}];
      setFieldError(form, name, t(key, params));
    }
  }
  if (!ok) {
    focusFirstError(form);
  }
  return ok;
}

/**
 * Shows a failed call on the form: a problem whose code the page knows goes where the page says
 * (codes: {code: field name or null for the form}), field errors (problem+json errors[].field)
 * under their fields (names maps an API field to a form field when they differ), anything else
 * in the form's error box.
 */
export function showProblem(form, error, { codes = {}, names = {}, messages = {} } = {}) {
  clearErrors(form);
  const text = messages[error.code] ? t(messages[error.code], { wait: waitText(error.retryAfter) }) : problemText(error);
  if (error instanceof ApiError && error.code in codes) {
    const field = codes[error.code];
    if (!field || !setFieldError(form, field, text)) {
      setFormError(form, text);
    }
  } else if (error instanceof ApiError && error.errors.length > 0) {
    const leftOver = [];
    for (const e of error.errors) {
      const name = names[e.field] || e.field;
      const key = `invalid.${e.field}`;
      if (!setFieldError(form, name, has(key) ? t(key) : e.message)) {
        leftOver.push(e.message);
      }
    }
    if (leftOver.length) {
      setFormError(form, leftOver.join(" "));
    }
  } else {
    setFormError(form, text);
  }
  focusFirstError(form);
}

