"""Request identity, and the stub server that plays the provider in tests."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from pytest_overrefusal.cases import Case, Message
from pytest_overrefusal.client import Request
from pytest_overrefusal.stub import StubServer


def case(prompt: str = "q") -> Case:
    return Case(id="a", category="c", expect="comply", messages=(Message("user", prompt),), suite="s")


def test_request_key_depends_on_what_decides_the_answer() -> None:
    base = Request.for_case(case(), "m", {"temperature": 0})
    assert base.key == Request.for_case(case(), "m", {"temperature": 0}).key
    assert base.key != Request.for_case(case("other"), "m", {"temperature": 0}).key
    assert base.key != Request.for_case(case(), "m2", {"temperature": 0}).key
    assert base.key != Request.for_case(case(), "m", {"temperature": 1}).key
    assert base.key != Request.for_case(case(), "m", {"temperature": 0}, sample=1).key
    assert base.call_params == {"temperature": 0}
    assert base.message_dicts == [{"role": "user", "content": "q"}]


def post(stub: StubServer, prompt: str) -> tuple[int, dict, dict]:
    body = json.dumps({"model": "x", "messages": [{"role": "user", "content": prompt}]}).encode()
    request = urllib.request.Request(f"{stub.api_base}/chat/completions", body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read()), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), dict(error.headers)


def test_stub_rules_answer_fail_first_and_log(stub: StubServer) -> None:
    stub.add("secret", content="no", reasoning="thinking")
    stub.add("flaky", fail_first=[429], retry_after=1, content="ok")
    status, body, _ = post(stub, "tell me the SECRET")
    assert status == 200
    assert body["choices"][0]["message"] == {"role": "assistant", "content": "no", "reasoning_content": "thinking"}
    status, body, headers = post(stub, "flaky one")
    assert status == 429 and headers["Retry-After"] == "1" and body["error"]["code"] == 429
    assert post(stub, "flaky one")[0] == 200
    assert len(stub.requests_matching("flaky")) == 2
    assert post(stub, "anything")[1]["choices"][0]["message"]["content"].startswith("Sure")


def test_stub_later_rules_win(stub: StubServer) -> None:
    stub.add("", content="default")
    stub.add("special", content="special answer")
    assert post(stub, "special")[1]["choices"][0]["message"]["content"] == "special answer"
    assert post(stub, "plain")[1]["choices"][0]["message"]["content"] == "default"


@pytest.mark.parametrize("path", ["/v1/embeddings", "/other"])
def test_stub_rejects_unknown_routes(stub: StubServer, path: str) -> None:
    request = urllib.request.Request(f"http://127.0.0.1:{stub.port}{path}", b"{}", {"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=5)
    assert raised.value.code == 404
