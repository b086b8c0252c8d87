"""Rendered objects shared by the requests of one process while the data stays the same.

A page never asked before still nests objects that earlier pages rendered: the same agencies,
rocket configurations, pads and programs sit in thousands of launches. The renderer (render.py)
keeps every object it renders here, by variant and id, and skips reading and rendering those it
finds. The objects are keyed by the data generation (openll.serving.generation), which every
committed change of catalog data moves, and by how links are written (host, `format`); on a new
generation the whole store is dropped, so an object rendered before a change is never served
after it. Rendering reads no clock (the clock only chooses which objects a list holds), so an
object stays right for as long as its generation.

Not shared inside a transaction (a test, an admin edit): what it reads may be rolled back and its
generation number reused. Off with the response cache (`OPENLL_CACHE=off`). Bounded: at
MAX_OBJECTS objects (or MAX_LINK_STYLES ways of writing links) the store starts again.

Counts of lists, and the ordered ids of a list asked more than once (any value computed from the
data alone: `value()`), are shared the same way: a page never asked before of a list asked
before needs no COUNT over the whole table, nor a search or an OFFSET deep into it.

Shared objects are read-only: `SharedObject` refuses to be changed in place, so code that wants
to adapt a rendered object (another API version, say) must copy it (`copy.deepcopy` gives plain
dicts) and can never alter what other requests are served.
"""

from __future__ import annotations

import copy
import threading
from collections import defaultdict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.db import connection

from openll.serving.generation import for_request as current_generation

MAX_OBJECTS = 100_000
MAX_LINK_STYLES = 16
MAX_VALUE_WEIGHT = 500_000  # values kept, each weighing 1 or its length (a list of ids)

T = TypeVar("T")


class SharedObject(dict):
    """A rendered object that other requests may be serving: read it, copy it, never change it."""

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError("a rendered object is shared by requests: copy it (copy.deepcopy) to change it")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _refuse

    def __copy__(self) -> dict:
        return dict(self)

    def __deepcopy__(self, memo: dict) -> dict:
        return {key: copy.deepcopy(value, memo) for key, value in self.items()}

    def __reduce__(self):
        return (dict, (dict(self),))


Store = defaultdict  # variant -> id -> rendered object


def may_share() -> bool:
    return bool(settings.OPENLL_CACHE) and not connection.in_atomic_block


class _Fragments:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tag: str | None = None
        self.by_links: dict[object, Store] = {}
        self.count = 0
        self.values: dict[Hashable, object] = {}
        self.weight = 0

    def _start(self, tag: str) -> None:
        self.tag, self.by_links, self.count, self.values, self.weight = tag, {}, 0, {}, 0

    def store_for(self, links: object) -> Store | None:
        """The shared objects for this way of writing links, at the data generation this
        connection sees now; None when nothing may be shared."""
        if not may_share():
            return None
        current = current_generation()
        if current is None:
            return None
        with self.lock:
            if (
                current.tag != self.tag
                or self.count > MAX_OBJECTS
                or (links not in self.by_links and len(self.by_links) >= MAX_LINK_STYLES)
            ):
                self._start(current.tag)
            store = self.by_links.get(links)
            if store is None:
                store = self.by_links[links] = defaultdict(dict)
            return store

    def has(self, key: Hashable) -> bool:
        current = current_generation() if may_share() else None
        return current is not None and current.tag == self.tag and key in self.values

    def value(self, key: Hashable, compute: Callable[[], T], weight: Callable[[T], int] = lambda _: 1) -> T:
        """What `compute` gives from the data, computed once per generation for a key that
        names everything it depends on (e.g. a count's SQL and parameters)."""
        current = current_generation() if may_share() else None
        if current is None:
            return compute()
        with self.lock:
            if current.tag != self.tag:
                self._start(current.tag)
            found = self.values.get(key, self.values)
        if found is not self.values:
            return found  # type: ignore[return-value]
        value = compute()
        with self.lock:
            heavy = weight(value)
            if self.tag == current.tag and self.weight + heavy <= MAX_VALUE_WEIGHT:
                self.values[key] = value
                self.weight += heavy
        return value

    def added(self, count: int) -> None:
        self.count += count  # a bound, not a bill: a lost update under threads does no harm

    def clear(self) -> None:
        with self.lock:
            self.tag, self.by_links, self.count, self.values, self.weight = None, {}, 0, {}, 0


fragments = _Fragments()
