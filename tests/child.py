"""Run a test's native-model code in a child process, so a crash fails that one test.

`run_in_child("module:function", *args)` starts `python tests/child.py`, which imports the
function from the tests folder, calls it with the JSON-decoded args and prints its JSON result
on a marked last line. A child that dies (SIGSEGV in llama.cpp, say) or raises fails the
calling test with the child's exit signal or status and the tail of its stderr (faulthandler
is on, so a native crash shows where Python was). Everything else in the suite still reports.

Leaves out: passing objects that are not JSON, and sharing fixtures' state with the child
(give it paths, not objects).
"""

from __future__ import annotations

import faulthandler
import importlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
RESULT_MARK = "@@child-result@@ "
STDERR_TAIL = 4000  # characters of the child's stderr shown in a failure


def run_in_child(target: str, *args, timeout: float = 900):
    """The JSON result of `target(*args)` run in a fresh Python; fails the test if the child
    crashes, raises, hangs past `timeout` seconds or prints no result."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(TESTS), str(TESTS.parent), environment.get("PYTHONPATH", "")]
    ).rstrip(os.pathsep)
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__)), target, json.dumps(list(args))],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            env=environment,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as expired:
        pytest.fail(f"child {target} still running after {timeout:.0f} s", pytrace=False)
        raise AssertionError from expired  # not reached: pytest.fail raises
    tail = done.stderr[-STDERR_TAIL:]
    if done.returncode < 0:
        name = signal.Signals(-done.returncode).name
        pytest.fail(f"child {target} died with {name}; its stderr:\n{tail}", pytrace=False)
    if done.returncode != 0:
        pytest.fail(
            f"child {target} exited with status {done.returncode}; its stderr:\n{tail}",
            pytrace=False,
        )
    results = [line for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if not results:
        pytest.fail(f"child {target} printed no result; its stderr:\n{tail}", pytrace=False)
    return json.loads(results[-1].removeprefix(RESULT_MARK))


def _main(target: str, encoded_args: str) -> None:
    faulthandler.enable()
    module_name, function_name = target.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    result = function(*json.loads(encoded_args))
    print(RESULT_MARK + json.dumps(result), flush=True)


if __name__ == "__main__":
    _main(*sys.argv[1:3])
