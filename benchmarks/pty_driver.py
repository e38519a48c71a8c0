"""A program under a pseudo-terminal, as an operator's terminal runs it: spawned at 80×24, its
output stream read as it comes, keys typed into it, and the moment a text is painted detected.

Textual paints with escape sequences (cursor moves, colours, synchronized output): a text is
« painted » once it appears in the output stream with every escape sequence stripped (and, to
be safe, with the blanks removed, since a cell may be drawn with a cursor move instead of a
space). A terminal emulator would tell the same moment; we need only the first frame showing
the text, not the whole screen.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from pathlib import Path

COLUMNS = 80
ROWS = 24

# CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/APC/PM/SOS strings, two-byte escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[P_^X][^\x1b]*\x1b\\"
    r"|\x1b[@-Z\\-_]"
    r"|\x1b[ -/][0-~]"
)
_BLANKS = re.compile(r"\s+")


def plain(raw: bytes) -> str:
    """What ``raw`` shows, escape sequences removed (the cells' characters, in stream order)."""
    return _ESCAPES.sub("", raw.decode("utf-8", errors="replace"))


def _squeezed(text: str) -> str:
    return _BLANKS.sub("", text)


class PtyTimeout(Exception):
    pass


class PtyProcess:
    """One program under a pseudo-terminal. ``started`` is the ``perf_counter`` just before the
    process was created: the « process start » of the measurements."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        columns: int = COLUMNS,
        rows: int = ROWS,
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        environment = dict(os.environ if env is None else env)
        environment.update(TERM="xterm-256color", COLUMNS=str(columns), LINES=str(rows))
        environment.pop("TEXTUAL", None)  # no devtools
        self.master = master
        self.output = bytearray()
        self._seen = 0  # where the plain-text search starts again (minus an overlap)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            cwd=cwd,
            start_new_session=True,  # the pty becomes its controlling terminal
            close_fds=True,
        )
        os.close(slave)

    # -- reading --------------------------------------------------------------------------

    def _read(self, timeout: float) -> bool:
        """Read what is available within ``timeout`` seconds; False at end of output."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the program closed the terminal (it exited)
            return False
        if not chunk:
            return False
        self.output.extend(chunk)
        return True

    def wait_for(self, text: str, *, timeout: float = 30.0) -> float:
        """Read until ``text`` is painted; return the ``perf_counter`` when it was read. Raises
        :class:`PtyTimeout` (with the last screenful of output) when it does not come."""
        wanted = _squeezed(text)
        deadline = time.perf_counter() + timeout
        while True:
            start = max(0, self._seen - 4096)
            if wanted in _squeezed(plain(bytes(self.output[start:]))):
                self._seen = len(self.output)
                return time.perf_counter()
            self._seen = len(self.output)
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or not self._read(min(remaining, 0.5)):
                if remaining > 0 and self.process.poll() is None:
                    time.sleep(0.01)
                    continue
                tail = plain(bytes(self.output[-3000:]))
                raise PtyTimeout(f"{text!r} not painted; last output: {tail[-1500:]!r}")

    def mark(self) -> None:
        """Forget the output read so far: the next :meth:`wait_for` looks only at what follows."""
        self._drain()
        self._seen = len(self.output)

    def _drain(self) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], 0)
            if not ready or not self._read(0):
                return

    # -- typing ---------------------------------------------------------------------------

    def type(self, keys: str | bytes) -> float:
        """Send ``keys`` as a terminal would (``\\t`` Tab, ``\\r`` Enter); returns the
        ``perf_counter`` just after they were written."""
        data = keys.encode() if isinstance(keys, str) else keys
        while data:
            written = os.write(self.master, data)
            data = data[written:]
        return time.perf_counter()

    # -- what it costs --------------------------------------------------------------------

    def cpu_time(self) -> float | None:
        """CPU seconds the program has run so far, all its live threads (Linux schedstat,
        nanoseconds); None where unavailable. Less sensitive than wall time to a machine
        shared with other work: it does not count the time spent waiting for a core."""
        total = 0
        try:
            for task in Path(f"/proc/{self.process.pid}/task").iterdir():
                total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return total / 1e9

    # -- ending ---------------------------------------------------------------------------

    def kill(self) -> None:
        """End the program and everything it started, then close the terminal."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        with contextlib.suppress(OSError):
            os.close(self.master)

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()


def time_to_text(
    argv: Sequence[str], text: str, *, env: dict[str, str] | None = None, timeout: float = 30.0
) -> float:
    """Seconds from process start to ``text`` painted, under an 80×24 pseudo-terminal; the
    program is killed afterwards."""
    with PtyProcess(argv, env=env) as program:
        return program.wait_for(text, timeout=timeout) - program.started
