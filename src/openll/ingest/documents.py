"""Read LL2 JSON in the shapes found in the wild and tell which serializer variant each object is.

Shapes: a page envelope `{count, next, previous, results}`, a bare list of result objects, a
single object, or a saved browsable-API page (docs header, `GET` line, headers, then the JSON).
Which variant an object is comes from its own hyperlink (`url`: the endpoint) and its
`response_mode` (the mode), or from the request line of a saved page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import orjson
from django.utils.dateparse import parse_datetime

from openll import spec

from .errors import ImportRejected

_GET_LINE = re.compile(r"^GET (\S+)", re.MULTILINE)
_LAST_UPDATED = re.compile(r'"last_updated":\s*"([^"]+)"')
# LL2 names every uploaded image after its upload moment: `..._image_20260407054626.jpg`.
_UPLOADED = re.compile(r"_(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\.(?:png|jpe?g|gif|webp)\b", re.IGNORECASE)
_API_PATH = re.compile(r"/2\.3\.0(/[a-z_\-/]+?/)(?:([0-9a-fA-F-]+)/)?$")


@dataclass
class Document:
    source: str
    objects: list  # the result objects, or the single object
    list_path: str | None  # e.g. "/spacecraft/" when the request is known
    detail: bool  # the document is one `{id}/` response
    mode: str | None  # the `mode` query parameter of the request, when known
    prefix: str | None  # JSON path of the list of objects ("$.results", "$"); None: one object
    link: str | None = None  # the request line's URL, or a page's next/previous link, when known
    # When the snapshot was taken at the latest, as far as its content tells (see `taken_after`);
    # None: no date in it (or a page fetched live), taken when imported.
    as_of: str | None = None


def read(path: Path) -> Document:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportRejected(f"{path}: cannot read: {exc}") from exc
    request_url = None
    body = text.lstrip()
    line_offset = 0
    if body and body[0] not in "[{":
        # A browsable-API page: the JSON body starts at the first line that opens an object or list.
        match = _GET_LINE.search(text)
        request_url = match.group(1) if match else None
        start = re.search(r"^[\[{]", text, re.MULTILINE)
        if start is None:
            raise ImportRejected(f"{path}: no JSON body found")
        line_offset = text.count("\n", 0, start.start())
        body = text[start.start() :]
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise ImportRejected(
            f"{path}: line {exc.lineno + line_offset} column {exc.colno}: invalid JSON ({exc.msg})"
        ) from exc
    list_path, detail, mode = _request(request_url)
    as_of = taken_after(body)
    if isinstance(data, list):
        return Document(str(path), data, list_path, False, mode, "$", request_url, as_of)
    if not isinstance(data, dict):
        raise ImportRejected(f"{path}: $: expected an object or a list, got {type(data).__name__}")
    if set(data) == {"count", "next", "previous", "results"}:
        if not isinstance(data["results"], list):
            raise ImportRejected(f"{path}: $.results: expected a list")
        link = request_url
        for page_link in (data["next"], data["previous"]):
            if isinstance(page_link, str):
                link = link or page_link
                if list_path is None:
                    list_path, _, mode = _request(page_link)
                break
        return Document(str(path), data["results"], list_path, False, mode, "$.results", link, as_of)
    return Document(str(path), [data], list_path, detail or list_path is None, mode, None, request_url, as_of)


def taken_after(text: str) -> str | None:
    """The latest moment a saved response shows to have passed when it was taken (UTC, ISO 8601
    to the microsecond), or None: its objects' `last_updated` and the upload moments in its image
    names. Other date-times are no evidence: a NET or a window end may lie in the future."""
    moments = []
    for value in _LAST_UPDATED.findall(text):
        parsed = parse_datetime(value)
        if parsed is not None and parsed.tzinfo is not None:
            moments.append(moment(parsed))
    moments += [f"{y}-{mo}-{d}T{h}:{mi}:{s}.000000Z" for y, mo, d, h, mi, s in _UPLOADED.findall(text)]
    return max(moments, default=None)


def moment(value: dt.datetime) -> str:
    """A date-time as the text `as_of` ranks compare (UTC, to the microsecond: pages fetched
    live within one second still rank in the order they were fetched)."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_page(data: object, source: str, list_path: str, mode: str | None) -> Document:
    """A Document from one list page already parsed (the mirror's in-memory page): the request
    is known, so the endpoint and mode need not be guessed."""
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise ImportRejected(f"{source}: $: expected a page {{count, next, previous, results}}")
    return Document(source, data["results"], list_path, False, mode, "$.results")


def _request(url: str | None) -> tuple[str | None, bool, str | None]:
    if not url:
        return None, False, None
    parts = urlsplit(url)
    match = _API_PATH.search(parts.path)
    if not match:
        return None, False, None
    mode = parse_qs(parts.query).get("mode", [None])[0]
    return match.group(1), match.group(2) is not None, mode


def schema_for(doc: Document, obj: dict, where: str) -> str:
    """The spec schema of one top-level object of a document."""
    list_path = doc.list_path
    detail = doc.detail
    url = obj.get("url")
    if isinstance(url, str):
        found, is_detail, _ = _request(urlsplit(url)._replace(query="").geturl())
        if found:
            list_path, detail = found, is_detail
    if list_path is None or list_path not in spec.operations():
        raise ImportRejected(
            f"{doc.source}: {where}: cannot tell which LL2 endpoint this object comes from "
            "(no `url` field and no request line)"
        )
    variants = spec.list_item_schemas(list_path)
    mode = obj.get("response_mode", doc.mode)
    if None in variants:
        return variants[None]
    if mode in variants:
        return variants[mode]
    if detail or mode is None:
        detail_op = spec.operations().get(list_path + "{id}/")
        if detail_op and detail_op.response_schema:
            return detail_op.response_schema
    raise ImportRejected(f"{doc.source}: {where}.response_mode: unknown mode {mode!r} for {list_path}")
