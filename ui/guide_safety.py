"""The Guides tab's removal asks first, and the login is slowed after wrong passwords.

Removal: "Remove guide…" only asks ("Remove X? …"), naming the guide and where it goes; a second
button, "Yes, remove X", shown only then, moves it out (assistant.corpus.shelf.remove_guide: into
`corpus/.removed/`, restorable by moving it back). Picking another guide hides that button.

Login: `ThrottledLogin` checks `--auth`'s user and password in constant time and, after
FREE_FAILURES wrong tries from a client in a window, waits longer before answering each next one
(doubling, up to MAX_DELAY seconds). Gradio's login handler gives no client address to an auth
function, so a client here is the user name tried.

Leaves out: the shelf itself (assistant.corpus.shelf) and the rest of the tab (ui/app.py).
"""

from __future__ import annotations

import hmac
import threading
import time
from typing import Any

from assistant.corpus.shelf import removed_place
from ui.render import safe_markdown

FREE_FAILURES = 3
MAX_DELAY = 8.0
WINDOW_SECONDS = 600.0


def removal_buttons() -> tuple[Any, Any]:
    import gradio as gr

    ask = gr.Button("Remove guide…", variant="secondary", elem_id="guide-remove")
    confirm = gr.Button("Yes, remove", variant="stop", visible=False, elem_id="guide-confirm")
    return ask, confirm


def ask_to_confirm(source_name: str | None) -> tuple:
    import gradio as gr

    if not source_name:
        return "Pick the guide to remove first.", gr.update(visible=False)
    name = safe_markdown(source_name)
    return (
        f"Remove **{name}**? It leaves the index and is moved to `{removed_place(source_name)}`;"
        " move it back into `corpus/` to restore it.",
        gr.update(visible=True, value=f"Yes, remove {source_name}"),
    )


def wire_removal(ui: Any, shelf_outputs: list) -> None:
    import gradio as gr

    hide = lambda *_: gr.update(visible=False)  # noqa: E731
    ui.remove.click(ask_to_confirm, ui.removable, [ui.shelf_message, ui.confirm_remove])
    ui.removable.change(hide, ui.removable, ui.confirm_remove, api_name=False)
    ui.confirm_remove.click(
        ui.remove_guide, ui.removable, shelf_outputs, api_name="remove_guide"
    ).then(hide, None, ui.confirm_remove, api_name=False)


class ThrottledLogin:
    """Gradio's `auth` callable: right user and password, wrong tries slowed per client."""

    def __init__(self, user: str, password: str, sleep=time.sleep) -> None:
        self._user, self._password, self._sleep = user.encode(), password.encode(), sleep
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def delay(self, client: str) -> float:
        count, since = self._failures.get(client, (0, 0.0))
        if time.monotonic() - since > WINDOW_SECONDS or count < FREE_FAILURES:
            return 0.0
        return min(MAX_DELAY, 0.5 * 2 ** (count - FREE_FAILURES))

    def __call__(self, user: str, password: str) -> bool:
        client = user[:200]
        self._sleep(self.delay(client))
        ok = hmac.compare_digest(user.encode(errors="replace"), self._user)
        ok &= hmac.compare_digest(password.encode(errors="replace"), self._password)
        with self._lock:
            if ok:
                self._failures.pop(client, None)
            else:
                count, since = self._failures.get(client, (0, time.monotonic()))
                self._failures[client] = (count + 1, since)
                if len(self._failures) > 10_000:
                    self._failures.clear()
        return ok
