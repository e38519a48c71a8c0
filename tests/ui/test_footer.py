"""The footer's keys are built in their final style: none restyles itself once mounted."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from tests.ui.helpers import make_app


async def test_footer_keys_are_not_restyled_once_mounted(services, monkeypatch):
    restyled: list[str] = []
    original = FooterKey.update_node_styles

    def update_node_styles(self: FooterKey, animate: bool = True) -> None:
        restyled.append(self.key)
        original(self, animate)

    monkeypatch.setattr(FooterKey, "update_node_styles", update_node_styles)
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = list(pilot.app.screen.query(FooterKey))
        assert [key.key for key in keys] == ["f1", "f8", "ctrl+p", "ctrl+q"]
        assert not any(key.compact or key.has_class("-compact") for key in keys)
    assert restyled == []
