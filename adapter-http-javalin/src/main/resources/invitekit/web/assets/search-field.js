// An admin list's search field (?q=): the text is kept in the address, so a search can be shared and
// survives a reload. The page says what to do with it (onSearch: load the list again).
import { t } from "./i18n.js";

/**
 * Wires the form #{prefix}-search with its field #{prefix}-q, its clear button #{prefix}-q-clear and
 * its line #{prefix}-q-showing ("Showing … starting with …", the key showingKey with {q}).
 * Returns an object whose `value` is the current search ("" for none).
 */
export function searchField(prefix, showingKey, onSearch) {
  const form = document.getElementById(`${prefix}-search`);
  const input = document.getElementById(`${prefix}-q`);
  const clear = document.getElementById(`${prefix}-q-clear`);
  const showing = document.getElementById(`${prefix}-q-showing`);
  const state = { value: (new URLSearchParams(location.search).get("q") || "").trim() };

  function show() {
    input.value = state.value;
    clear.hidden = !state.value;
    showing.hidden = !state.value;
    showing.textContent = state.value ? t(showingKey, { q: state.value }) : "";
  }

  async function run(text) {
    state.value = text.trim();
    const url = new URL(location.href);
    if (state.value) {
      url.searchParams.set("q", state.value);
    } else {
      url.searchParams.delete("q");
    }
    history.replaceState(null, "", url);
    show();
    await onSearch();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(input.value);
  });
  clear.addEventListener("click", () => {
    run("");
    input.focus();
  });
  show();
  return state;
}
