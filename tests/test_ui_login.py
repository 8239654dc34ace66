"""Wrong logins are slowed per client address (ui.guide_safety): the ASGI middleware keeps each
request's address where the login check reads it, so one address trying many user names is
slowed while another address is not; without an address (a direct call) the user name counts.
The integration test logs in through `coach serve --auth` itself."""

from __future__ import annotations

import asyncio
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from ui.guide_safety import CLIENT_ADDRESS, FREE_FAILURES, ClientAddress, ThrottledLogin


def wrong_tries(login: ThrottledLogin, address: str | None, users: list[str]) -> list[float]:
    waits: list[float] = []
    login._sleep = waits.append
    token = CLIENT_ADDRESS.set(address)
    try:
        for user in users:
            assert login(user, "wrong") is False
    finally:
        CLIENT_ADDRESS.reset(token)
    return waits


def test_one_address_trying_many_user_names_is_slowed_another_is_not():
    login = ThrottledLogin("ann", "s3cret")
    users = [f"user{i}" for i in range(FREE_FAILURES + 3)]
    waits = wrong_tries(login, "203.0.113.7", users)
    assert waits[:FREE_FAILURES] == [0] * FREE_FAILURES and waits[-1] > 0
    assert wrong_tries(login, "198.51.100.2", ["ann"]) == [0]  # another client waits nothing
    assert login.delay("203.0.113.7") > 0


def test_without_an_address_the_user_name_is_the_client():
    login = ThrottledLogin("ann", "s3cret")
    waits = wrong_tries(login, None, ["ann"] * (FREE_FAILURES + 2))
    assert waits[-1] > 0
    assert wrong_tries(login, None, ["bob"]) == [0]


def test_the_servers_check_waits_without_blocking_and_accepts_the_right_password():
    login = ThrottledLogin("ann", "s3cret")
    assert asyncio.run(login.verify("ann", "s3cret")) is True
    assert asyncio.run(login.verify("ann", "nope")) is False


def test_the_middleware_sets_the_address_for_the_request_only():
    seen: list[str | None] = []

    async def app(scope, receive, send):
        seen.append(CLIENT_ADDRESS.get())

    middleware = ClientAddress(app)
    asyncio.run(middleware({"type": "http", "client": ("192.0.2.9", 5555)}, None, None))
    asyncio.run(middleware({"type": "lifespan"}, None, None))
    assert seen == ["192.0.2.9", None] and CLIENT_ADDRESS.get() is None


@pytest.mark.integration
def test_the_server_slows_wrong_logins_from_one_address(shipped_index, tmp_path):
    from ui_support import served_app

    def login(url: str, user: str, password: str) -> tuple[int, float]:
        body = urllib.parse.urlencode({"username": user, "password": password}).encode()
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url.rstrip("/") + "/login", body, timeout=60) as reply:
                status = reply.status
        except urllib.error.HTTPError as error:
            status = error.code
        return status, time.perf_counter() - started

    args = ("--auth", "alice:wonderland")
    with served_app(tmp_path, shipped_index.corpus_dir, shipped_index.index_dir, args) as app:
        for i in range(FREE_FAILURES + 2):  # a different user name each time: same address
            status, _ = login(app.url, f"mallory{i}", "guess")
            assert status == 400
        status, seconds = login(app.url, "mallory-next", "guess")
        assert status == 400 and seconds >= 1.5  # the designed wait (2 s here), not a benchmark
        assert login(app.url, "alice", "wonderland")[0] == 200
