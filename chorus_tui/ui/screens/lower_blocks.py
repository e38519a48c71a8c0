"""Pages taller than the terminal show their top first: the blocks below are mounted one by one
once the screen is painted.

Textual composes, styles and lays out every widget of a screen before its first frame, whether
the terminal shows it or not: « Mon Compte » (190 widgets, of which 80×24 shows about 25) took
0.4 s to appear on a 2-core machine (issue 9). A :class:`LowerBlocks` screen composes its top
and lists the blocks below it (:meth:`lower_blocks`, in page order, each built when it is
mounted); each is mounted into :attr:`LOWER_BLOCKS_PARENT` when the screen is idle again, so a
key pressed meanwhile waits for one block at most.

Whatever needs a block that may not be there yet (« Valider », a re-render in another language)
calls :meth:`mount_lower_blocks` first; what needs its position too (a jump key scrolling to it)
calls :meth:`lay_out_lower_blocks`. Tab past the last field laid out (the app's ``focus_next``
asks the screen's :meth:`focus_next_field`) waits for every block to be mounted and laid out, so
keys typed in one burst land where they would on the whole page."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar, cast

from textual.screen import Screen
from textual.widget import MountError, Widget

BlockBuilder = Callable[[], list[Widget]]


class LowerBlocks:
    """Mixin for screens: call :meth:`start_lower_blocks` in ``compose``."""

    LOWER_BLOCKS_PARENT: ClassVar[str] = ""
    """Selector of the container the lower blocks are mounted into (at its end)."""

    _pending: list[BlockBuilder]
    _generation: int = 0
    _mounting: asyncio.Lock | None = None
    _all_laid_out = False

    def lower_blocks(self) -> list[BlockBuilder]:
        """The blocks below the top, in page order."""
        return []

    @property
    def lower_blocks_mounted(self) -> bool:
        return not getattr(self, "_pending", None)

    def start_lower_blocks(self) -> None:
        """The page is being composed (again): its lower blocks are to be mounted."""
        self._generation += 1
        self._pending = list(self.lower_blocks())
        self._all_laid_out = not self._pending

    def on_mount(self) -> None:
        self._mount_lower_blocks_later()

    def _mount_lower_blocks_later(self) -> None:
        """The next block once the screen is idle (Textual runs a screen's after-refresh
        callbacks only when it has nothing left to lay out or paint)."""
        screen = cast(Screen, self)
        generation = self._generation

        async def mount_next() -> None:
            if generation != self._generation or not self._pending:
                return
            async with self._lock():
                mounted = await self._mount_one()
            if not mounted:
                return
            if self._pending:
                screen.call_after_refresh(mount_next)
            else:
                screen.call_after_refresh(laid_out)

        def laid_out() -> None:
            if generation == self._generation and not self._pending:
                self._all_laid_out = True

        screen.call_after_refresh(mount_next)

    def _lock(self) -> asyncio.Lock:
        if self._mounting is None:
            self._mounting = asyncio.Lock()
        return self._mounting

    async def _mount_one(self) -> bool:
        """The next block mounted; False when there is none, or the page is gone (the screen
        is being left, or composed again)."""
        screen = cast(Screen, self)
        parents = screen.query(self.LOWER_BLOCKS_PARENT)
        if not self._pending or not parents or not screen.is_attached:
            return False
        try:
            await parents.first().mount_all(self._pending.pop(0)())
        except MountError:
            return False
        if not self._pending:
            self.lower_blocks_done()
        return True

    def mounted(self, selector: str) -> list[Widget]:
        """The widgets matching ``selector`` that are mounted: a block being mounted is in the
        DOM before its children are composed."""
        return [widget for widget in cast(Screen, self).query(selector) if widget.is_mounted]

    def lower_blocks_done(self) -> None:
        """Every block is mounted (the screen shows what it could not before, such as errors
        of fields that were not there)."""

    async def mount_lower_blocks(self) -> None:
        """Every block not mounted yet, now."""
        async with self._lock():
            while await self._mount_one():
                pass

    async def lay_out_lower_blocks(self) -> None:
        """Every block mounted and laid out (at once if they are already): scrolling to a
        widget, and Textual's focus order, need its position, which a widget has only once
        laid out."""
        if self._all_laid_out:
            return
        screen = cast(Screen, self)
        await self.mount_lower_blocks()
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        screen.call_after_refresh(lambda: done.done() or done.set_result(None))
        await done
        self._all_laid_out = True

    async def focus_next_field(self) -> None:
        """Tab: past the last field laid out, every block is mounted first."""
        screen = cast(Screen, self)
        chain = screen.focus_chain
        if not chain or screen.focused is chain[-1]:
            await self.lay_out_lower_blocks()
        screen.focus_next()

    async def focus_previous_field(self) -> None:
        """Shift+Tab: before the first field goes round to the bottom of the page, every block
        mounted first."""
        screen = cast(Screen, self)
        chain = screen.focus_chain
        if not chain or screen.focused is chain[0]:
            await self.lay_out_lower_blocks()
        screen.focus_previous()

    async def recompose(self) -> None:
        # A re-render (language switch) puts back what was typed and where the focus was: every
        # block must be there for that.
        await super().recompose()  # type: ignore[misc]
        await self.mount_lower_blocks()
