"""Request and response values shared by the simulator's routes, kept apart so route modules can share them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

JSON_TYPE = "application/json; charset=utf-8"


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]  # first value of each parameter
    body: bytes
    match: re.Match[str]
    handler: BaseHTTPRequestHandler  # for routes that stream (SSE)

    def json(self) -> Any:
        return json.loads(self.body or b"{}")


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = JSON_TYPE
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the connection without answering


def json_response(data: Any, status: int = 200) -> Response:
    return Response(status, json.dumps(data, ensure_ascii=False).encode("utf-8"))


DROP = Response(drop=True)
Route = Callable[[Request], "Response | None"]
AddRoute = Callable[[str, str, Route], None]
