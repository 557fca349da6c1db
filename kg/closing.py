"""``with``-support for kg's objects that hold a resource and have ``close()``
(stores, the progress bar): one mixin instead of a copy of the same two methods."""

from __future__ import annotations

from types import TracebackType
from typing import Self

__all__ = ["Closing"]


class Closing:
    """``with obj: ...`` calls ``obj.close()`` at the end, also after an error."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
