"""The Guides tab's removal asks first, and the login is slowed after wrong passwords.

Removal: "Remove guide…" only asks ("Remove X? …"), naming the guide and where it goes; a second
button, "Yes, remove X", shown only then, moves it out (assistant.corpus.shelf.remove_guide: into
`corpus/.removed/`, restorable by moving it back). Picking another guide hides that button.

Login: `ThrottledLogin` checks `--auth`'s user and password in constant time and, after
FREE_FAILURES wrong tries from a client in a window, waits longer before answering each next one
(doubling, up to MAX_DELAY seconds). A client is the address the request came from: Gradio gives
an auth function only the user and password, so `ClientAddress`, an ASGI middleware given to the
app (`launch_options`' app_kwargs), keeps each request's address in a context variable the login
check reads (it runs in the request's own task); without one (a direct call) the client is the
user name tried. The server's `verify` waits with asyncio, so a slowed login never holds up
other requests; `__call__` is the same check with a blocking wait.

Leaves out: the shelf itself (assistant.corpus.shelf) and the rest of the tab (ui/app.py).
"""

from __future__ import annotations

import asyncio
import hmac
import threading
import time
from contextvars import ContextVar
from typing import Any

from assistant.corpus.shelf import removed_place
from ui.render import safe_markdown

CLIENT_ADDRESS: ContextVar[str | None] = ContextVar("coach_client_address", default=None)
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


class ClientAddress:
    """ASGI middleware: each HTTP request's client address in CLIENT_ADDRESS while it runs."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        client = scope.get("client") if scope.get("type") == "http" else None
        if not client:
            await self.app(scope, receive, send)
            return
        token = CLIENT_ADDRESS.set(str(client[0]))
        try:
            await self.app(scope, receive, send)
        finally:
            CLIENT_ADDRESS.reset(token)


class ThrottledLogin:
    """Gradio's `auth` callable: right user and password, wrong tries slowed per client address."""

    def __init__(self, user: str, password: str, sleep=time.sleep) -> None:
        self._user, self._password, self._sleep = user.encode(), password.encode(), sleep
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def delay(self, client: str) -> float:
        count, since = self._failures.get(client, (0, 0.0))
        if time.monotonic() - since > WINDOW_SECONDS or count < FREE_FAILURES:
            return 0.0
        return min(MAX_DELAY, 0.5 * 2 ** (count - FREE_FAILURES))

    @staticmethod
    def client(user: str) -> str:
        return CLIENT_ADDRESS.get() or f"user:{user[:200]}"

    def __call__(self, user: str, password: str) -> bool:
        client = self.client(user)
        self._sleep(self.delay(client))
        return self._check(user, password, client)

    async def verify(self, user: str, password: str) -> bool:
        """The check as the server runs it: the wait does not block other requests."""
        client = self.client(user)
        await asyncio.sleep(self.delay(client))
        return self._check(user, password, client)

    def _check(self, user: str, password: str, client: str) -> bool:
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
