"""The Gradio app: a chat with a sources panel, the offer workbench (ui.workbench_tab), the guide
shelf and the Rehearse tab (ui.rehearse_tab).

`CoachUI(coach)` is a thin class over one Coach. It owns the layout (its components are its
attributes), the wiring of every event to one of its methods (the handlers), and the lock that
lets one guide be added or removed at a time. `create_app(coach)` builds its Blocks and serves
nothing; `launch(coach, ...)` serves them with safe defaults: bound to 127.0.0.1, analytics off,
no share link, a queue with a concurrency limit and a maximum size, uploads capped at 2 MB, no
file paths served beyond Gradio's own upload cache, no server-side rendering (no Node process).
gradio is imported only when the app is built, once the offline environment is set.
Every handler calls only `Coach`; every text shown goes through ui.render, which escapes it. A
handler never shows a stack trace: a CoachError's message is shown as it is, anything else as a
short note (the details go to the server log).

Leaves out of the class: conversation state (the messages Coach replays for company, region and
offer, and each answer's citations), which lives in a per-browser-session `gr.State`; business
logic (Coach); text rendering (ui.render); serving (`launch`); persistence of conversations.
"""

import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.answer import Answer
from assistant.coach import MAX_QUESTION_CHARS, Coach
from assistant.config import offline_environment
from assistant.corpus.loader import MAX_GUIDE_BYTES
from assistant.errors import CoachError
from ui.chat_session import ChatSession
from ui.compare_section import CompareSection
from ui.guide_safety import (
    ClientAddress,
    ThrottledLogin,
    removal_buttons,
    removed_place,
    wire_removal,
)
from ui.inputs import field_text, file_name
from ui.rehearse_tab import RehearseTab
from ui.render import (
    GUIDE_COLUMNS,
    answer_footer,
    chat_markdown,
    citation_choices,
    guide_rows,
    safe_markdown,
    sources_html,
)
from ui.styles import CSS, ON_LOAD, SCROLL_TO_ANSWER
from ui.workbench_tab import WorkbenchTab, form_of

if TYPE_CHECKING:
    import gradio as gr

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
CONCURRENCY_LIMIT = 2  # answers computed at once; more wait in the queue
QUEUE_MAX_SIZE = 32  # waiting requests beyond this are refused with "queue full"
MAX_UPLOAD = "2mb"  # the loader's limit (assistant.corpus.loader.MAX_GUIDE_BYTES)
EXAMPLES = [
    "What should I counter with?",
    "What is the base salary for a DevOps engineer at Anyscale in San Francisco?",
    "Anyscale SF offer: $175K base, $130K RSU over 4 years, 5% bonus. Is that good?",
    "What levers can I use with Alibaba?",
    "How many interview rounds does Alibaba have, and what do they test?",
]
WORKING = '<span class="coach-working" role="status">Working on your answer…</span>'
UNEXPECTED = "Something went wrong on our side ({}); the details are in the server log."


def create_app(coach: Coach) -> Any:
    """The Blocks of the whole app, built over one Coach. Nothing is served."""
    return CoachUI(coach).build()


def _import_gradio() -> None:
    """Import gradio, once the offline environment is set, as this module's `gr`: the handlers
    use it, and Gradio resolves `select_message`'s `gr.SelectData` annotation against it."""
    global gr
    offline_environment()
    import gradio as gr


class CoachUI:
    """The app over one Coach: `build()` lays out the Blocks and wires each event to a method."""

    def __init__(self, coach: Coach) -> None:
        self.coach = coach
        self.shelf_lock = threading.Lock()  # one guide added or removed at a time

    def build(self) -> Any:
        """The Blocks of the whole app. Nothing is served."""
        _import_gradio()
        with gr.Blocks(title="Offer Coach", analytics_enabled=False) as app:
            self.session = gr.State(lambda: ChatSession())  # a new one per browser session
            gr.Markdown(
                "# Offer Coach\nEvery figure comes from a cited guide passage, your own words or "
                "a calculation that is shown."
            )
            with gr.Tabs(selected="chat") as self.tabs:
                with gr.Tab("Chat", id="chat"):
                    self._chat_tab()
                with gr.Tab("Offer workbench", id="workbench"):
                    self._workbench_tab()
                with gr.Tab("Guides", id="guides"):
                    self._guides_tab()
                RehearseTab(self).add()  # after the workbench: it starts from its offer
            self._wire_chat()
            self._wire_workbench()
            self._wire_guides()
        return app

    # -- layout -----------------------------------------------------------------------------------

    def _chat_tab(self) -> None:
        # the sources sit right after the question box, before the examples: on a phone the
        # columns stack, and the passage an answer cites comes just below it
        with gr.Row():
            with gr.Column(scale=3, min_width=320):
                self.chatbot = gr.Chatbot(
                    label="Conversation",
                    height=520,
                    sanitize_html=True,
                    render_markdown=True,
                    autoscroll=False,  # SCROLL_TO_ANSWER shows a new answer from its start
                    buttons=["copy", "copy_all"],  # no "share" to Hugging Face
                    elem_id="coach-chat",
                )
                self.question = gr.Textbox(
                    label="Your question",
                    placeholder="Ask about pay, your offer, levers or interviews…",
                    max_length=MAX_QUESTION_CHARS,
                    submit_btn="Ask",
                    elem_id="coach-question",
                )
            with gr.Column(scale=2, min_width=320):
                self.status = gr.Markdown(elem_id="coach-answer-status")
                self.cited = gr.Radio(
                    label="Sources of the answer (pick one to read it)",
                    choices=[],
                    elem_id="coach-citations",
                )
                self.source = gr.HTML(sources_html(None, None), elem_id="coach-source-panel")
        gr.Examples(EXAMPLES, inputs=self.question, label="Try asking")
        self.restart = gr.Button("New conversation", size="sm", elem_id="coach-restart")

    def _workbench_tab(self) -> None:
        self.workbench = WorkbenchTab(self)
        self.workbench.add()
        CompareSection(self).add()  # year by year beside other offers; the playbook download

    def _guides_tab(self) -> None:
        self.guide_table = gr.Dataframe(
            value=guide_rows(self.coach.guides()),
            headers=GUIDE_COLUMNS,
            interactive=False,
            elem_id="guide-table",
        )
        with gr.Row():
            self.upload = gr.File(
                label=f"Add a guide: .md or .txt, at most {MAX_GUIDE_BYTES // 2**20} MB",
                file_types=[".md", ".markdown", ".txt"],
                type="filepath",
                elem_id="guide-upload",
            )
            with gr.Column():
                self.add = gr.Button("Add and index", variant="primary", elem_id="guide-add")
                self.removable = gr.Dropdown(
                    choices=_sources(self.coach),
                    value=None,
                    label="Guide to remove",
                    elem_id="guide-pick",
                )
                self.remove, self.confirm_remove = removal_buttons()
        self.shelf_message = gr.Markdown(elem_id="guide-message")

    # -- wiring -----------------------------------------------------------------------------------

    def _wire_chat(self) -> None:
        panel = [self.status, self.cited, self.source]
        # one bound method for asking and for "Discuss in chat": Gradio keys a concurrency group
        # by the handler's id, so both share one, as CONCURRENCY_LIMIT means
        self.ask = (
            self.respond,
            [self.question, self.chatbot, self.session],
            [self.chatbot, self.session, self.question, *panel],
        )
        self.question.submit(*self.ask, api_name="ask").then(
            None, None, None, js=SCROLL_TO_ANSWER, api_name=False
        )
        self.question.submit(None, None, None, js=SCROLL_TO_ANSWER, api_name=False)
        self.cited.change(self.pick_source, [self.cited, self.session], self.source, api_name=False)
        self.chatbot.select(
            self.select_message, [self.session], [*panel, self.session], api_name=False
        )
        self.restart.click(
            self.new_conversation, None, [self.chatbot, self.session, *panel], api_name=False
        )
        self.chatbot.clear(  # the chat's own trash button forgets the conversation too
            lambda: self.new_conversation()[1:], None, [self.session, *panel], api_name=False
        )

    def _wire_workbench(self) -> None:
        self.workbench.wire()

    def _wire_guides(self) -> None:
        shelf_outputs = [
            self.shelf_message,
            self.guide_table,
            self.removable,
            self.company,
            self.upload,
        ]
        add_guide = _with_progress(self.add_guide, gr.Progress())
        self.add.click(  # one progress bar, on the message: not one per output
            add_guide,
            self.upload,
            shelf_outputs,
            api_name="add_guide",
            show_progress_on=[self.shelf_message],
        )
        wire_removal(self, shelf_outputs)

    # -- chat -------------------------------------------------------------------------------------

    def respond(self, message: str, messages: list, state: ChatSession) -> Iterator[tuple]:
        try:  # cleaned once (ui.inputs); Coach says when a question is too long
            message = field_text(message, "The question", MAX_QUESTION_CHARS)
        except CoachError as problem:
            yield messages, state, "", safe_markdown(str(problem)), gr.skip(), gr.skip()
            return
        if not message:
            yield messages, state, "", "Type a question first.", gr.skip(), gr.skip()
            return
        messages = [
            *messages,
            {"role": "user", "content": safe_markdown(message)},
            {"role": "assistant", "content": WORKING},
        ]
        yield messages, state, "", "Working on your answer…", gr.skip(), gr.skip()
        answer: Answer | None = None
        try:
            for item in self.coach.stream(message, state.history, rehearsal=state.rehearsal):
                if isinstance(item, Answer):
                    answer = item
                elif item:
                    messages[-1] = {"role": "assistant", "content": chat_markdown(item)}
                    yield messages, state, "", gr.skip(), gr.skip(), gr.skip()
        except CoachError as problem:
            messages[-1] = {"role": "assistant", "content": safe_markdown(str(problem))}
            yield messages, state, "", "", gr.skip(), gr.skip()
            return
        except Exception as problem:  # shown as a note, never as a stack trace
            log.exception("answering %r failed", message)
            note = UNEXPECTED.format(type(problem).__name__)
            messages[-1] = {"role": "assistant", "content": note}
            yield messages, state, "", "", gr.skip(), gr.skip()
            return
        assert answer is not None
        messages[-1] = {
            "role": "assistant",
            "content": chat_markdown(answer.answer) + answer_footer(answer),
        }
        state.history += [
            {"role": "user", "content": message},
            {"role": "assistant", "content": answer.answer},
        ]
        state.answers[len(messages) - 1] = answer
        state.shown = len(messages) - 1
        yield (messages, state, "", *self._sources_view(answer))

    def _sources_view(self, answer: Answer) -> tuple:
        choices = citation_choices(answer)
        chosen = choices[0] if choices else None
        return (
            _status(answer),
            gr.update(choices=choices, value=chosen),
            sources_html(answer, chosen),
        )

    def pick_source(self, label: str | None, state: ChatSession) -> str:
        return sources_html(state.answers.get(state.shown or -1), label)

    def select_message(self, state: ChatSession, event: "gr.SelectData") -> tuple:
        index = event.index if isinstance(event.index, int) else event.index[0]
        if index not in state.answers:
            return gr.skip(), gr.skip(), gr.skip(), state
        state.shown = index
        return (*self._sources_view(state.answers[index]), state)

    def new_conversation(self) -> tuple:
        empty = sources_html(None, None)
        return [], ChatSession(), "", gr.update(choices=[], value=None), empty

    # -- workbench --------------------------------------------------------------------------------

    def company_regions(self, name: str | None):
        choices = self.coach.comp_regions().get(name or "", [])
        return gr.update(choices=choices, value=choices[0] if choices else None)

    form_of = staticmethod(form_of)  # "Year by year" and the Rehearse tab read the same form

    # -- guides -----------------------------------------------------------------------------------

    def shelf_views(self, message: str) -> tuple:
        names = list(self.coach.comp_regions())
        return (
            message,
            guide_rows(self.coach.guides()),
            gr.update(choices=_sources(self.coach), value=None),
            gr.update(choices=names),
            None,
        )

    def add_guide(self, path: str | None, progress) -> tuple:
        if not path:
            return self.shelf_views("Choose a .md or .txt guide to upload first.")
        file = Path(path)
        try:
            size = file.stat().st_size
            if size > MAX_GUIDE_BYTES:
                raise CoachError(
                    f"{file.name} is {size:,} bytes; a guide may be at most "
                    f"{MAX_GUIDE_BYTES:,} bytes (2 MB)."
                )
            name = file_name(file.name)
            progress(0.2, desc=f"Checking and indexing {name}")
            with self.shelf_lock:
                report = self.coach.add_guide(name, file.read_bytes())
        except CoachError as problem:
            return self.shelf_views(f"**Not added.** {safe_markdown(str(problem))}")
        except Exception as problem:
            log.exception("adding a guide failed")
            return self.shelf_views(UNEXPECTED.format(type(problem).__name__))
        added = ", ".join(report.added) or name
        chunks = sum(report.chunks_per_guide.get(s, 0) for s in report.added)
        return self.shelf_views(
            f"**Added {safe_markdown(added)}**: {chunks} passages indexed in "
            f"{report.seconds:.1f} s. You can ask about it in the chat now."
        )

    def remove_guide(self, source_name: str | None) -> tuple:
        if not source_name:
            return self.shelf_views("Pick the guide to remove first.")
        try:
            with self.shelf_lock:
                self.coach.remove_guide(f"corpus/{source_name}")
        except CoachError as problem:
            return self.shelf_views(f"**Not removed.** {safe_markdown(str(problem))}")
        except Exception as problem:
            log.exception("removing a guide failed")
            return self.shelf_views(UNEXPECTED.format(type(problem).__name__))
        return self.shelf_views(
            f"**Removed {safe_markdown(source_name)}** and its passages: the file is in "
            f"`{removed_place(source_name)}`; move it back into `corpus/` to restore it."
        )


def _with_progress(handler: Callable[[str | None, Any], tuple], tracker: Any) -> Callable:
    """`handler` with `tracker` as its `progress` default: Gradio finds a progress tracker only by
    a parameter's default value, and gradio (so the tracker) exists only once the app is built."""

    def add_guide(path: str | None, progress=tracker) -> tuple:
        return handler(path, progress)

    return add_guide


def _status(answer: Answer) -> str:
    return answer_footer(answer).replace("\n\n---\n", "", 1)


def _sources(coach: Coach) -> list[str]:
    return [guide.source.removeprefix("corpus/") for guide in coach.guides()]


def _warm_up(coach: Coach) -> None:
    try:
        coach.warm_up()  # the page is already served; the first answer then comes quickly
    except Exception:  # the first question reports the same problem to the user
        log.exception("warming up the embedding model failed")


def _client_address_middleware():
    from starlette.middleware import Middleware

    return Middleware(ClientAddress)


def launch_options(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, auth=None) -> dict:
    """The keyword arguments `Blocks.launch` gets: the safe defaults in one place."""
    return {
        "server_name": f"[{host}]" if ":" in host and not host.startswith("[") else host,
        "server_port": port,
        "share": False,
        "auth": ThrottledLogin(*auth).verify if auth else None,  # slowed per client address
        "app_kwargs": {"middleware": [_client_address_middleware()]},
        "max_file_size": MAX_UPLOAD,
        "show_error": True,  # our handlers raise nothing: only Gradio's own readable errors
        "ssr_mode": False,
        "enable_monitoring": False,
        "mcp_server": False,
        "pwa": False,
        "allowed_paths": [],
        "footer_links": ["api"],
        "css": CSS,
        "js": ON_LOAD,  # keeps Gradio's own markup accessible (ui.styles)
        "quiet": True,
    }


def launch(
    coach: Coach,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    auth: tuple[str, str] | None = None,
    stop_after: float | None = None,
) -> None:
    """Serve the app until interrupted (or for `stop_after` seconds), printing its address."""
    offline_environment()
    app = create_app(coach)
    app.queue(default_concurrency_limit=CONCURRENCY_LIMIT, max_size=QUEUE_MAX_SIZE)
    try:
        app.launch(prevent_thread_lock=True, **launch_options(host, port, auth))
    except OSError as error:  # Gradio's "Cannot find empty port", or an address not ours
        raise CoachError(
            f"Cannot serve on {host}:{port} ({error}). Is another app using the port? "
            "Pick another with --port (make run PORT=...)."
        ) from error
    print(f"Offer Coach is serving at {app.local_url} (Ctrl+C stops it)", flush=True)
    threading.Thread(target=_warm_up, args=(coach,), daemon=True).start()
    if stop_after:
        timer = threading.Timer(stop_after, lambda: os._exit(0))
        timer.daemon = True
        timer.start()
    try:
        app.block_thread()
    finally:
        app.close()
