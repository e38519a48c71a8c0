"""The Textual interface; ``chorus_tui.ui.app`` has the factory ``build_app`` and ``run_app``."""
