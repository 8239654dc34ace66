"""LLM backends: registry, settings, install hints, server errors, the fakes, and (marked `llm`)
the real SmolLM2 GGUF in process and behind llama-cpp-python's own OpenAI-compatible server."""

from __future__ import annotations

import importlib.util
import json
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from child import run_in_child
from fakes import FunctionModel, MockModel
from llm_support import free_port, require, running_llama_server, smollm2_gguf

from assistant.backends import (
    BACKEND_NAMES,
    BackendUnavailable,
    LLMBackend,
    UnknownBackend,
    get_backend,
    llamacpp,
)
from assistant.backends.llamacpp import LlamaCppBackend, load_model
from assistant.backends.openai_compatible import OpenAICompatibleBackend
from assistant.config import Settings
from assistant.errors import CoachError

HELLO = [{"role": "user", "content": "Say hello."}]


def needs(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        require(module, "optional package not installed")


@pytest.fixture
def fake_gguf(tmp_path) -> Path:
    """A file that exists (enough to build a backend; loading it would fail)."""
    path = tmp_path / "model.gguf"
    path.write_bytes(b"not really a model")
    return path


# --- registry -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["composer", " Composer ", "COMPOSER"])
def test_composer_needs_no_backend(name):
    assert get_backend(name, Settings()) is None


def test_unknown_backend_lists_every_valid_name():
    with pytest.raises(UnknownBackend) as caught:
        get_backend("gpt-9", Settings())
    message = str(caught.value)
    assert "'gpt-9'" in message
    for name in BACKEND_NAMES:
        assert name in message
    assert isinstance(caught.value, CoachError)


def test_backend_names_are_the_four_documented_ones():
    assert BACKEND_NAMES == ("composer", "llamacpp", "openai", "ollama")


def test_llamacpp_name_builds_the_in_process_backend(fake_gguf):
    needs("llama_cpp")
    settings = Settings(llm_gguf=fake_gguf, llm_context=2048, llm_max_tokens=64)
    backend = get_backend(" LlamaCpp", settings)
    assert isinstance(backend, LlamaCppBackend)
    assert (backend.name, backend.gguf, backend.n_ctx, backend.max_tokens) == (
        "llamacpp",
        fake_gguf.resolve(),
        2048,
        64,
    )


def test_openai_name_builds_the_server_backend_from_settings():
    needs("langchain_openai")
    settings = Settings(
        llm_base_url="http://127.0.0.1:8080/v1/",
        llm_model="qwen",
        llm_api_key="sk-test",
        llm_timeout=30,
    )
    backend = get_backend("openai", settings)
    assert type(backend) is OpenAICompatibleBackend
    assert (backend.name, backend.base_url, backend.model, backend.api_key) == (
        "openai",
        "http://127.0.0.1:8080/v1",
        "qwen",
        "sk-test",
    )
    assert (backend.timeout.connect, backend.timeout.read) == (3.0, 30)


def test_ollama_is_a_preset_of_the_openai_backend():
    needs("langchain_openai")
    backend = get_backend("ollama", Settings())
    assert type(backend) is OpenAICompatibleBackend
    assert (backend.name, backend.base_url, backend.model, backend.api_key) == (
        "ollama",
        "http://127.0.0.1:11434/v1",
        "llama3.2",
        "ollama",
    )
    custom = get_backend("ollama", Settings(llm_model="qwen2.5", llm_base_url="http://box:1/v1"))
    assert (custom.model, custom.base_url) == ("qwen2.5", "http://box:1/v1")


def test_openai_without_a_url_says_which_variable_to_set():
    needs("langchain_openai")
    with pytest.raises(BackendUnavailable, match=r"COACH_LLM_BASE_URL.*127\.0\.0\.1:8080/v1"):
        get_backend("openai", Settings())


def test_a_backend_must_implement_generate():
    class Half(LLMBackend):
        name = "half"

    with pytest.raises(TypeError):
        Half()


# --- settings -----------------------------------------------------------------------------


def test_llm_settings_defaults():
    settings = Settings()
    assert settings.backend == "composer"
    assert (settings.llm_gguf, settings.llm_base_url, settings.llm_model) == (None, None, None)
    assert settings.llm_api_key is None
    assert (settings.llm_max_tokens, settings.llm_context, settings.llm_timeout) == (512, 4096, 120)


def test_llm_settings_come_from_coach_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("COACH_BACKEND", "openai")
    monkeypatch.setenv("COACH_LLM_GGUF", str(tmp_path / "m.gguf"))
    monkeypatch.setenv("COACH_LLM_BASE_URL", "http://127.0.0.1:9999/v1")
    monkeypatch.setenv("COACH_LLM_MODEL", "local")
    monkeypatch.setenv("COACH_LLM_API_KEY", "not-needed")
    monkeypatch.setenv("COACH_LLM_MAX_TOKENS", "77")
    monkeypatch.setenv("COACH_LLM_CONTEXT", "8192")
    monkeypatch.setenv("COACH_LLM_TIMEOUT", "9.5")
    settings = Settings()
    assert settings.backend == "openai"
    assert settings.llm_gguf == tmp_path / "m.gguf"
    assert settings.llm_base_url == "http://127.0.0.1:9999/v1"
    assert settings.llm_model == "local"
    assert settings.llm_api_key.get_secret_value() == "not-needed"
    assert "not-needed" not in repr(settings)  # a key is never printed
    assert (settings.llm_max_tokens, settings.llm_context, settings.llm_timeout) == (77, 8192, 9.5)


# --- missing pieces -----------------------------------------------------------------------


def test_missing_llama_cpp_gives_the_install_command(monkeypatch, fake_gguf):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    with pytest.raises(BackendUnavailable) as caught:
        get_backend("llamacpp", Settings(llm_gguf=fake_gguf))
    assert "pip install 'negotiation-coach[llm]'" in str(caught.value)


def test_missing_langchain_openai_gives_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "langchain_openai", None)
    settings = Settings(llm_base_url="http://127.0.0.1:8080/v1")
    for name in ("openai", "ollama"):
        with pytest.raises(BackendUnavailable) as caught:
            get_backend(name, settings)
        assert "pip install 'negotiation-coach[openai]'" in str(caught.value)


def test_llamacpp_without_a_model_file_says_to_set_coach_llm_gguf():
    with pytest.raises(BackendUnavailable, match=r"set COACH_LLM_GGUF to a \.gguf file"):
        get_backend("llamacpp", Settings())


def test_llamacpp_names_a_missing_file(tmp_path):
    missing = tmp_path / "nowhere" / "model.gguf"
    with pytest.raises(BackendUnavailable, match="not found") as caught:
        get_backend("llamacpp", Settings(llm_gguf=missing))
    assert str(missing) in str(caught.value)


def test_llamacpp_names_a_folder_given_as_the_model(tmp_path):
    with pytest.raises(BackendUnavailable, match="folder") as caught:
        get_backend("llamacpp", Settings(llm_gguf=tmp_path))
    assert str(tmp_path) in str(caught.value)


def test_llamacpp_names_an_unreadable_file(monkeypatch, fake_gguf):
    monkeypatch.setattr(llamacpp.os, "access", lambda path, mode: False)  # root reads anything
    with pytest.raises(BackendUnavailable, match="not readable") as caught:
        get_backend("llamacpp", Settings(llm_gguf=fake_gguf))
    assert str(fake_gguf) in str(caught.value)


def test_a_file_that_is_not_gguf_fails_to_load_with_its_path(fake_gguf):
    needs("llama_cpp")
    with pytest.raises(BackendUnavailable, match="cannot load") as caught:
        load_model(fake_gguf, 512)
    assert str(fake_gguf) in str(caught.value)
    assert (str(fake_gguf), 512) not in llamacpp._MODELS


# --- the OpenAI-compatible backend against servers that fail ------------------------------


@contextmanager
def fake_openai_server(answer: Callable[[BaseHTTPRequestHandler], None]) -> Iterator[tuple]:
    """A local HTTP server whose POST handler is `answer`; yields (base_url, request paths)."""
    paths: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            paths.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            answer(self)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", paths
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def http_500(handler: BaseHTTPRequestHandler) -> None:
    body = json.dumps({"error": {"message": "the model crashed", "type": "server_error"}})
    handler.send_response(500)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body.encode())


def one_chunk_then_hang_up(handler: BaseHTTPRequestHandler) -> None:
    chunk = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fake",
        "choices": [{"index": 0, "delta": {"content": "Hello"}, "finish_reason": None}],
    }
    event = f"data: {json.dumps(chunk)}\n\n".encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    handler.wfile.write(f"{len(event):x}\r\n".encode() + event + b"\r\n")
    handler.wfile.flush()
    handler.close_connection = True  # no closing chunk, no [DONE]: the server died


def test_nothing_listening_fails_with_the_url_and_the_fix(real_backend_calls):
    needs("langchain_openai")
    url = f"http://127.0.0.1:{free_port()}/v1"
    backend = get_backend("openai", Settings(llm_base_url=url, llm_model="any"))
    with pytest.raises(BackendUnavailable) as caught:
        list(backend.generate(HELLO))
    message = str(caught.value)
    assert url in message
    assert "start the server" in message and "--backend composer" in message


def test_http_500_fails_once_with_the_servers_message(real_backend_calls):
    needs("langchain_openai")
    with fake_openai_server(http_500) as (url, paths):
        backend = get_backend("openai", Settings(llm_base_url=url, llm_model="fake"))
        with pytest.raises(BackendUnavailable) as caught:
            list(backend.generate(HELLO))
    message = str(caught.value)
    assert url in message and "HTTP 500" in message and "the model crashed" in message
    assert paths == ["/v1/chat/completions"]  # asked once: no retries


def test_a_stream_cut_off_midway_fails_after_the_pieces_that_arrived(real_backend_calls):
    needs("langchain_openai")
    received = []
    with fake_openai_server(one_chunk_then_hang_up) as (url, _):
        backend = get_backend("openai", Settings(llm_base_url=url, llm_model="fake"))
        with pytest.raises(BackendUnavailable, match="broke off") as caught:
            for piece in backend.generate(HELLO):
                received.append(piece)
    assert received == ["Hello"]
    assert url in str(caught.value)


def test_the_guard_refuses_real_backends_in_unit_tests(no_real_llm_calls, fake_gguf):
    needs("langchain_openai")
    backend = get_backend("ollama", Settings())
    with pytest.raises(AssertionError, match="mark it @pytest.mark.llm or use tests.fakes"):
        backend.generate(HELLO)
    assert no_real_llm_calls == ["OpenAICompatibleBackend"]
    no_real_llm_calls.clear()  # seen: do not fail this test at teardown


# --- the fakes ----------------------------------------------------------------------------


def test_mock_model_replays_queued_replies_in_pieces_and_records_calls():
    model = MockModel().enqueue("Counter at 150,000 USD [1].").enqueue("Second.")
    first = list(model.generate(HELLO))
    assert len(first) > 1 and "".join(first) == "Counter at 150,000 USD [1]."
    assert "".join(model.generate([{"role": "user", "content": "again"}])) == "Second."
    assert model.calls == [HELLO, [{"role": "user", "content": "again"}]]
    assert isinstance(model, LLMBackend) and model.name == "mock"


def test_mock_model_with_nothing_queued_fails_clearly():
    model = MockModel()
    with pytest.raises(AssertionError, match=r"no reply queued.*enqueue"):
        model.generate(HELLO)


def test_function_model_answers_with_its_function():
    model = FunctionModel(lambda messages: f"You said: {messages[-1]['content']}")
    assert "".join(model.generate(HELLO)) == "You said: Say hello."
    assert model.calls == [HELLO] and model.name == "function"
    assert FunctionModel(str, name="echo").name == "echo"


# --- the real SmolLM2 model ---------------------------------------------------------------

REPHRASE = [
    {"role": "system", "content": "Rewrite the user's text in one friendly sentence."},
    {"role": "user", "content": "Ask for a base salary of 150,000 USD."},
]


@pytest.mark.llm
def test_llamacpp_generates_and_reuses_the_loaded_model():
    """Run in a child process (a native crash fails this test only). The second backend must
    reuse the loaded model; its text may differ, since llama.cpp does not promise to repeat
    itself once its cache holds the earlier prompt."""
    run = run_in_child("llm_children:llamacpp_reuse", str(smollm2_gguf()))
    assert run["first"].strip() and run["again"].strip()
    assert run["loads"] == 1, "the model was loaded a second time"
    assert run["same_model"]


@pytest.mark.llm
def test_openai_backend_streams_from_llama_cpp_server_and_fails_once_it_stops():
    needs("langchain_openai")
    with running_llama_server(smollm2_gguf()) as url:
        backend = get_backend("openai", Settings(llm_base_url=url, llm_max_tokens=32))
        pieces = list(backend.generate(REPHRASE))
        assert len(pieces) > 1 and "".join(pieces).strip()
        assert backend.model and backend.model.endswith(".gguf")  # asked the server
    with pytest.raises(BackendUnavailable, match="cannot reach") as caught:
        list(backend.generate(REPHRASE))
    assert url in str(caught.value)
