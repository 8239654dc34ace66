"""Any OpenAI-compatible chat server (llama.cpp server, vLLM, LM Studio, Ollama, OpenAI) through
langchain-openai's ChatOpenAI (the `openai` extra).

No retries and a short connect timeout, so a server that is not there fails at once with a
message naming the URL; the read timeout (COACH_LLM_TIMEOUT) bounds a slow reply. Connection,
timeout and HTTP status errors become BackendUnavailable; anything else is a bug and propagates.
When no model name is set, the server's first listed model is used (asked once).
Leaves out: tools, structured output and async calls (the agent only asks for a rephrasing).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from assistant.backends import BackendUnavailable, LLMBackend

if TYPE_CHECKING:
    from assistant.config import Settings

INSTALL_HINT = "pip install 'negotiation-coach[openai]'"
CONNECT_TIMEOUT = 3.0
OLLAMA_URL = "http://127.0.0.1:11434/v1"
OLLAMA_MODEL = "llama3.2"


def _chat_openai_class() -> Any:
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise BackendUnavailable(
            f"the openai/ollama backends need langchain-openai: run {INSTALL_HINT} "
            "(or use --backend composer)"
        ) from exc
    return ChatOpenAI


class OpenAICompatibleBackend(LLMBackend):
    """Streams chat completions from a server at `base_url` (ending in /v1)."""

    def __init__(
        self,
        base_url: str,
        *,
        model: str | None = None,
        api_key: str | None = None,
        max_tokens: int = 512,
        timeout: float = 120.0,
        name: str = "openai",
    ) -> None:
        import httpx

        self._chat_openai = _chat_openai_class()
        self.name = name
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key or "not-needed"
        self.max_tokens = max_tokens
        self.timeout = httpx.Timeout(timeout, connect=CONNECT_TIMEOUT)
        self._chat: Any = None

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAICompatibleBackend:
        if not settings.llm_base_url:
            raise BackendUnavailable(
                "the openai backend needs a server: set COACH_LLM_BASE_URL, "
                "e.g. http://127.0.0.1:8080/v1 (or use --backend composer)"
            )
        return cls(
            settings.llm_base_url,
            model=settings.llm_model,
            api_key=_secret(settings),
            max_tokens=settings.llm_max_tokens,
            timeout=settings.llm_timeout,
        )

    @classmethod
    def ollama(cls, settings: Settings) -> OpenAICompatibleBackend:
        """The Ollama preset: local default URL and model, any API key."""
        return cls(
            settings.llm_base_url or OLLAMA_URL,
            model=settings.llm_model or OLLAMA_MODEL,
            api_key=_secret(settings) or "ollama",
            max_tokens=settings.llm_max_tokens,
            timeout=settings.llm_timeout,
            name="ollama",
        )

    def generate(self, messages: list[dict[str, str]]) -> Iterator[str]:
        pieces = 0
        try:
            for chunk in self._client().stream(messages):
                if chunk.text:
                    pieces += 1
                    yield chunk.text
        except BackendUnavailable:
            raise
        except Exception as exc:
            problem = _unavailable(exc, f"the {self.name} server at {self.base_url}", pieces)
            if problem is None:
                raise
            raise problem from exc

    def _client(self) -> Any:
        if self._chat is None:
            chat = self._chat_openai(
                base_url=self.base_url,
                api_key=self.api_key,
                model=self.model or "default",
                temperature=0,
                max_tokens=self.max_tokens,
                max_retries=0,
                timeout=self.timeout,
            )
            if self.model is None:  # a single-model local server: use what it serves
                listed = chat.root_client.models.list().data
                if not listed:
                    raise BackendUnavailable(
                        f"the {self.name} server at {self.base_url} lists no model; "
                        "set COACH_LLM_MODEL"
                    )
                chat.model_name = self.model = listed[0].id
            self._chat = chat
        return self._chat


def _unavailable(exc: Exception, where: str, pieces: int) -> BackendUnavailable | None:
    """BackendUnavailable for connection, timeout and HTTP status errors; None for the rest."""
    import httpx
    import openai

    fix = "start the server there (or fix COACH_LLM_BASE_URL), or use --backend composer"
    if isinstance(exc, openai.APIStatusError):
        return BackendUnavailable(f"{where} answered HTTP {exc.status_code}: {exc.message}")
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
        return BackendUnavailable(
            f"{where} did not answer in time ({_reason(exc)}); {fix}, or raise COACH_LLM_TIMEOUT"
        )
    if not isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        return None
    if pieces:
        return BackendUnavailable(
            f"the connection to {where} broke off after {pieces} pieces ({_reason(exc)}); {fix}"
        )
    return BackendUnavailable(f"cannot reach {where} ({_reason(exc)}); {fix}")


def _reason(exc: BaseException) -> str:
    """The innermost cause's text, e.g. '[Errno 111] Connection refused'."""
    while exc.__cause__ is not None or exc.__context__ is not None:
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return str(exc) or exc.__class__.__name__


def _secret(settings: Settings) -> str | None:
    key = settings.llm_api_key
    return key.get_secret_value() if key is not None else None
