"""The child-process runner that keeps a native crash to one test (tests/child.py)."""

import pytest
from child import run_in_child


def test_a_child_returns_its_result():
    assert run_in_child("llm_children:answer", [1, "two"])["echo"] == [1, "two"]


def test_a_child_that_segfaults_fails_its_test_with_the_signal_and_stderr():
    with pytest.raises(pytest.fail.Exception) as failed:
        run_in_child("llm_children:segfault")
    message = str(failed.value)
    assert "died with SIGSEGV" in message
    assert "Fatal Python error: Segmentation fault" in message  # faulthandler's report


def test_a_child_that_raises_fails_its_test_with_the_traceback():
    with pytest.raises(pytest.fail.Exception) as failed:
        run_in_child("llm_children:no_such_function")
    assert "exited with status 1" in str(failed.value)
    assert "AttributeError" in str(failed.value)
