// Notices and errors where the user looks: put in an aria-live region (role="status" for notices,
// role="alert" for errors, set in the page) and scrolled into view, so that a message about a button
// far down a long form is neither silent nor off-screen.

/** Shows text in el (a live region) and scrolls it into view; focuses it when it can take focus. */
export function reveal(el, text = undefined) {
  if (text !== undefined) {
    el.textContent = text;
  }
  el.hidden = false;
  const box = el.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) {
    el.scrollIntoView({ block: "center" });
  }
  if (el.getAttribute("tabindex") === "-1") {
    el.focus({ preventScroll: true });
  }
}
