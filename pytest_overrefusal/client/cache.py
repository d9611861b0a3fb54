"""The reply cache on disk: one JSON file per request key, written atomically.

JSON only (never pickle): a cache file is data from a model, and is read as untrusted. Files
hold the request's identity (model, messages, output parameters, sample) and the reply, never
transport settings such as api_key. Several xdist workers and several runs may share a folder:
each file is written to a temporary name and renamed into place, so a reader sees a whole file
or none. Errors are never written, so a rerun fetches exactly what failed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .reply import Reply
from .request import Request

FORMAT_VERSION = 1
MODES = ("on", "off", "refresh", "replay")


class ReplyCache:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, request: Request) -> Path:
        key = request.key
        return self.folder / key[:2] / f"{key}.json"

    def get(self, request: Request) -> Reply | None:
        """The cached reply, or None when absent or unreadable (a damaged file is a miss)."""
        try:
            data = json.loads(self.path(request).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return _reply_from(data, request.key)

    def put(self, request: Request, reply: Reply) -> None:
        target = self.path(request)
        target.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "format": FORMAT_VERSION,
            "key": request.key,
            "request": {
                "model": request.model,
                "messages": [list(turn) for turn in request.messages],
                "params": request.call_params,
                "sample": request.sample,
            },
            "reply": {
                "answer": reply.answer,
                "reasoning": reply.reasoning,
                "model": reply.model,
                "usage": reply.usage,
                "latency": reply.latency,
            },
        }
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(record, out, sort_keys=True, indent=1, ensure_ascii=False)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _reply_from(data: Any, key: str) -> Reply | None:
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION or data.get("key") != key:
        return None
    reply = data.get("reply")
    if not isinstance(reply, dict) or not isinstance(reply.get("answer"), str):
        return None
    reasoning = reply.get("reasoning")
    usage = reply.get("usage")
    return Reply(
        answer=reply["answer"],
        reasoning=reasoning if isinstance(reasoning, str) else None,
        model=str(reply.get("model", "")),
        usage={k: v for k, v in usage.items() if isinstance(v, int)} if isinstance(usage, dict) else {},
        latency=float(reply.get("latency") or 0.0),
        cached=True,
    )
