"""What a real `openll serve` answers to requests that never reach openll: the HTTP server's own
protocol errors carry no HTML page (finding 11: they were HTML), and anything that reaches openll
with a bad Host or a bad query is JSON."""

from __future__ import annotations

import socket

import pytest
from live import database_url, server_env, serving


def raw(base: str, request: bytes) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and b"content-length: 0" in answer.lower():
                break
    return answer


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    home = tmp_path_factory.mktemp("protocol")
    with database_url(home) as url:
        env = server_env(home, url, ALLOWED_HOSTS="launches.example.org,127.0.0.1")
        with serving(env, home, "--workers", "1", "--threads", "2") as served:
            yield served


@pytest.mark.parametrize(
    "request_bytes, status",
    [
        (b"GARBAGE\r\n\r\n", b"400"),
        (b"GET /2.3.0/ HTTP/1.1\r\nHost: launches.example.org\r\nno colon here\r\n\r\n", b"400"),
        (b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: launches.example.org\r\n\r\n", b"414"),
    ],
    ids=["malformed request line", "malformed header", "URI too long"],
)
def test_the_servers_own_protocol_errors_have_no_html_body(base, request_bytes, status):
    answer = raw(base, request_bytes)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == status
    assert body == b""


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET /2.3.0/pads/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
        b"GET /2.3.0/pads/?search=%00 HTTP/1.1\r\nHost: launches.example.org\r\nConnection: close\r\n\r\n",
    ],
    ids=["host not allowed", "NUL in the query"],
)
def test_what_reaches_openll_is_answered_in_json(base, request_bytes):
    head, _, body = raw(base, request_bytes).partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"400"
    assert b"content-type: application/json" in head.lower()
    assert body.startswith(b"{")
