"""Drive the real ``chorus-tui`` in a detached tmux session, as an operator would."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

PROGRAM = Path(sys.executable).with_name("chorus-tui")


class TmuxSession:
    """One program in a private tmux server (its own socket), at a fixed terminal size."""

    def __init__(self, command: list[str], env: dict[str, str], width: int = 80, height: int = 24):
        assert shutil.which("tmux"), "tmux is required (./test.sh installs it)"
        self.socket = f"chorus-e2e-{uuid.uuid4().hex[:8]}"
        environment = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        shell_command = f"env {environment} {shlex.join(command)}; sleep 30"
        self._tmux("new-session", "-d", "-x", str(width), "-y", str(height), shell_command)

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "TERM": "xterm-256color"},
        )
        return result.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p")

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-l", text)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def wait_until(self, condition, what: str, timeout: float = 60.0) -> str:
        """Poll the screen until ``condition(screen)`` holds; fail with the last screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{what} never happened; the screen was:\n{screen}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


class ShellSession(TmuxSession):
    """An arbitrary shell command line (e.g. ``ssh -tt … 'chorus-tui …'``) in a private tmux
    server, at a fixed terminal size; read and driven like :class:`TmuxSession`."""

    def __init__(self, shell_command: str, width: int = 80, height: int = 24):
        assert shutil.which("tmux"), "tmux is required (./test.sh installs it)"
        self.socket = f"chorus-e2e-{uuid.uuid4().hex[:8]}"
        self._tmux(
            "new-session", "-d", "-x", str(width), "-y", str(height), f"{shell_command}; sleep 30"
        )
