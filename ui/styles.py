"""The page's CSS and the small scripts the chat runs in the browser.

CSS: WCAG AA colours (text ≥ 4.5:1: primary buttons, the selected tab, placeholders, upload
hints, the API link), a visible focus ring on every control (the question box's is thicker),
tables that scroll sideways instead of wrapping a figure one character per line, drafts that
wrap inside their copyable block, the chart's narrow drawing on phones (ui.chart), a taller
chat and all four tabs in one line at 390 px, field errors in red beside their field.

Scripts: `SCROLL_TO_ANSWER` scrolls the chat (only the chat's own scroll box, not the page) so
that the newest answer starts at its top: the chat opens an answer at its beginning, never at
its end (Gradio's autoscroll is off).

`ON_LOAD` keeps a few things of Gradio's own markup accessible as the page changes.

Leaves out: the layout (ui/app.py and the tab modules).
"""

CSS = """
.gradio-container {
  --button-primary-background-fill: #1d4ed8;
  --button-primary-background-fill-hover: #1e40af;
  --button-primary-border-color: #1d4ed8;
  --button-primary-border-color-hover: #1e40af;
  --button-primary-text-color: #ffffff;
  --button-primary-text-color-hover: #ffffff;
  --button-cancel-background-fill: #b91c1c;
  --button-cancel-background-fill-hover: #991b1b;
  --button-cancel-text-color: #ffffff;
  --body-text-color-subdued: #4b5563;
  --input-placeholder-color: #4b5563;
}
.gradio-container textarea::placeholder, .gradio-container input::placeholder {
  color: #4b5563 !important; opacity: 1 !important;
}
.gradio-container :focus-visible { outline: 3px solid #1d4ed8 !important; outline-offset: 2px; }
#coach-question textarea:focus, #coach-question textarea:focus-visible {
  outline: 3px solid #1d4ed8 !important; outline-offset: 1px; box-shadow: none;
}
.gradio-container .show-api, .gradio-container footer a, .gradio-container footer button {
  color: #374151 !important;
}
.gradio-container .or, .gradio-container .upload-container span { color: #374151 !important; }
.tab-container button.selected { color: #1e3a8a !important; }
.coach-sources table { border-collapse: collapse; margin: 6px 0; font-size: 0.9em; }
.coach-sources th, .coach-sources td { border: 1px solid #d4d4d8; padding: 3px 6px; }
.coach-sources tr.cited-row td { background: #fef08a; font-weight: 600; color: #111; }
.coach-sources .coach-where { color: #3f3f46; font-size: 0.85em; }
.coach-sources blockquote { border-left: 3px solid #a1a1aa; margin: 6px 0; padding-left: 10px; }
.coach-sources .coach-quote-table, #coach-chat table, #wb-proposal table {
  display: block; overflow-x: auto; max-width: 100%;
}
#coach-chat td, #coach-chat th, #wb-proposal td, #wb-proposal th { min-width: 5.5em; }
#coach-chat pre, #coach-chat pre code { white-space: pre-wrap !important; word-break: break-word; }
#coach-chat details.coach-part { margin: 8px 0; }
#coach-chat details.coach-part > summary { cursor: pointer; font-weight: 600; }
.coach-working { color: #374151; font-style: italic; }
.coach-working::after { content: " ⏳"; }
.coach-field-error { color: #b91c1c; font-size: 0.9em; margin: 2px 4px 0; }
.coach-error-slot:not(:has(.coach-field-error)) { display: none !important; }
.coach-band-chart { max-width: 760px; background: #fff; }
.coach-chart-narrow { display: none; }
@media (max-width: 640px) {
  .coach-chart-wide { display: none; }
  .coach-chart-narrow { display: block; }
  #coach-chat { height: 68vh !important; }
  #coach-chat td, #coach-chat th, #wb-proposal td, #wb-proposal th { white-space: nowrap; }
  .tab-container button { padding-left: 7px !important; padding-right: 7px !important; }
}
"""

SCROLL_TO_ANSWER = """
() => {
  const show = () => {
    const bots = document.querySelectorAll("#coach-chat [data-testid='bot']");
    const last = bots[bots.length - 1];
    if (!last) return;
    let box = last.parentElement;
    while (box && !(box.scrollHeight > box.clientHeight + 1 &&
                    /(auto|scroll)/.test(getComputedStyle(box).overflowY))) {
      box = box.parentElement;
    }
    if (!box || box === document.body || box === document.documentElement) return;
    box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 40;
  };
  setTimeout(show, 60);
  setTimeout(show, 400);
}
"""

# Run once when the page loads: keeps three things of Gradio's own markup accessible as the page
# changes (WCAG 2.1 AA, checked with axe-core in tests/test_ui_a11y_browser.py):
# - the upload area's aria-label ("Click to upload or drop files") differs from its visible
#   text; without it the button is named by what it shows;
# - a table that scrolls sideways (on a phone) can be reached and scrolled with the keyboard;
# - an empty file list's "Empty value" label sits on a plain div, where ARIA forbids it;
# - a draft's copy button in the chat says what it copies.
ON_LOAD = """
() => {
  const fix = () => {
    document.querySelectorAll("button.upload-container[aria-label]")
      .forEach((b) => b.removeAttribute("aria-label"));
    document.querySelectorAll("#coach-chat table, #wb-proposal table, .coach-quote-table")
      .forEach((t) => { if (!t.hasAttribute("tabindex")) t.setAttribute("tabindex", "0"); });
    document.querySelectorAll("div.empty[aria-label]:not([role])")
      .forEach((d) => d.removeAttribute("aria-label"));
    document.querySelectorAll("#coach-chat button.copy_code_button:not([aria-label])")
      .forEach((b) => b.setAttribute("aria-label", "Copy this draft"));
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(); });
  }).observe(document.body, {childList: true, subtree: true});
  fix();
}
"""
