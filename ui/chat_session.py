"""`ChatSession`: one browser session's conversation, kept in the chat's gr.State (ui.app).

It holds what Coach takes for each turn: the history it replays, each answer's citations for the
sources panel, and the rehearsed call the chat may be in ("practise the call",
assistant.compose.rehearse_chat). "New conversation" replaces it, so nothing outlives a session.

Leaves out: persistence of conversations.
"""

from dataclasses import dataclass, field

from assistant.answer import Answer
from assistant.compose.rehearse_chat import ChatRehearsal


@dataclass
class ChatSession:
    """One browser session's conversation, as Coach takes it."""

    history: list[dict[str, str]] = field(default_factory=list)  # user and assistant turns
    answers: dict[int, Answer] = field(default_factory=dict)  # chat message index -> its Answer
    shown: int | None = None  # the message whose sources the panel shows
    rehearsal: ChatRehearsal = field(default_factory=ChatRehearsal)  # the call, when rehearsing
