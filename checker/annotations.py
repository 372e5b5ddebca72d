"""Reading the profile model's type annotations: what a field holds once `| None` and `Annotated` are set aside.

Both input diagnostics (which keys a mapping accepts) and the rule loader (whether a rule's path exists)
follow paths through the model with these.
"""

from __future__ import annotations

import types
import typing
from typing import Any


def unwrap(annotation: Any) -> Any:
    """`X | None` → X, `Annotated[X, …]` → X; a list stays a list (an index steps into it)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        annotation = options[0] if len(options) == 1 else annotation
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def list_item(annotation: Any) -> Any:
    """`list[X]` → X (unwrapped); anything else as it is."""
    if typing.get_origin(annotation) is list:
        return unwrap(typing.get_args(annotation)[0])
    return annotation
