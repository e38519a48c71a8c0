"""Widgets shared by the screens: literal text, form fields, footer, banner, lists."""
