"""X4: the SMTP settings, from the environment or a private TOML file, refused with one clear
line when incomplete or wrong."""

from __future__ import annotations

import pytest

from chorus_tui.domain.smtp_settings import SmtpSettings, SmtpSettingsError, load_smtp_settings

BASE_ENV = {"CHORUS_TUI_SMTP_HOST": "smtp.example.fr", "CHORUS_TUI_SMTP_FROM": "no-reply@x.fr"}


def write_config(tmp_path, text: str, mode: int = 0o600):
    path = tmp_path / "smtp.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_the_environment_alone_is_enough_with_secure_defaults():
    settings = load_smtp_settings(env=BASE_ENV)
    assert settings == SmtpSettings(
        host="smtp.example.fr", port=587, security="starttls", sender="no-reply@x.fr"
    )
    assert settings.sender_domain == "x.fr"


@pytest.mark.parametrize(("security", "port"), [("none", 25), ("starttls", 587), ("TLS", 465)])
def test_the_default_port_follows_the_security(security, port):
    settings = load_smtp_settings(env={**BASE_ENV, "CHORUS_TUI_SMTP_SECURITY": security})
    assert (settings.security, settings.port) == (security.lower(), port)


def test_every_variable_is_read(tmp_path):
    cafile = tmp_path / "ca.pem"
    cafile.write_text("")
    env = {
        **BASE_ENV,
        "CHORUS_TUI_SMTP_PORT": "2525",
        "CHORUS_TUI_SMTP_SECURITY": "tls",
        "CHORUS_TUI_SMTP_USER": "chorus",
        "CHORUS_TUI_SMTP_PASSWORD": "secret",
        "CHORUS_TUI_SMTP_FROM": "Chorus Pro <no-reply@chorus.test>",
        "CHORUS_TUI_SMTP_CAFILE": str(cafile),
    }
    settings = load_smtp_settings(env=env)
    assert (settings.port, settings.security, settings.user, settings.password) == (
        2525,
        "tls",
        "chorus",
        "secret",
    )
    assert (settings.cafile, settings.sender_domain) == (str(cafile), "chorus.test")
    assert "secret" not in repr(settings)


def test_a_private_config_file_is_read_and_the_environment_overrides_it(tmp_path):
    path = write_config(
        tmp_path,
        '[smtp]\nhost = "file.example.fr"\nport = 2525\nsecurity = "none"\n'
        'user = "u"\npassword = "p"\nfrom = "Chorus <a@file.fr>"\n',
    )
    from_file = load_smtp_settings(path, env={})
    assert (from_file.host, from_file.port, from_file.security, from_file.user) == (
        "file.example.fr",
        2525,
        "none",
        "u",
    )
    overridden = load_smtp_settings(env={"CHORUS_TUI_SMTP_CONFIG": str(path), **BASE_ENV})
    assert (overridden.host, overridden.sender, overridden.port) == (
        "smtp.example.fr",
        "no-reply@x.fr",
        2525,
    )


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_config_file_others_may_read_is_refused(tmp_path, mode):
    path = write_config(tmp_path, '[smtp]\nhost = "h"\nfrom = "a@b.fr"\n', mode)
    with pytest.raises(SmtpSettingsError, match=r"may be read by others .*chmod 600"):
        load_smtp_settings(path, env={})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('host = "h"\n', "no \\[smtp\\] table"),
        ("[smtp\n", "not valid TOML"),
        ('[smtp]\nhost = "h"\nfrom = "a@b.fr"\npasword = "x"\n', "unknown keys: pasword"),
    ],
)
def test_a_malformed_config_file_is_refused(tmp_path, text, message):
    with pytest.raises(SmtpSettingsError, match=message):
        load_smtp_settings(write_config(tmp_path, text), env={})


def test_a_missing_config_file_is_refused(tmp_path):
    with pytest.raises(SmtpSettingsError, match="cannot read the SMTP config"):
        load_smtp_settings(tmp_path / "nowhere.toml", env={})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"CHORUS_TUI_SMTP_HOST": ""}, "no SMTP server: set CHORUS_TUI_SMTP_HOST"),
        ({"CHORUS_TUI_SMTP_PORT": "smtp"}, "bad SMTP port 'smtp'"),
        ({"CHORUS_TUI_SMTP_PORT": "70000"}, "bad SMTP port '70000'"),
        ({"CHORUS_TUI_SMTP_SECURITY": "ssl"}, "unknown SMTP security 'ssl'"),
        ({"CHORUS_TUI_SMTP_FROM": ""}, "no sender address: set CHORUS_TUI_SMTP_FROM"),
        ({"CHORUS_TUI_SMTP_FROM": "nobody"}, "is not an e-mail address"),
        ({"CHORUS_TUI_SMTP_PASSWORD": "p"}, "password without a user"),
        (
            {"CHORUS_TUI_SMTP_SECURITY": "none", "CHORUS_TUI_SMTP_CAFILE": "/ca.pem"},
            "CA file is given but SMTP security is none",
        ),
        (
            {"CHORUS_TUI_SMTP_CAFILE": "/nowhere/ca.pem"},
            "the CA file /nowhere/ca.pem does not exist",
        ),
    ],
)
def test_bad_settings_are_refused_with_one_clear_line(changes, message):
    env = {key: value for key, value in {**BASE_ENV, **changes}.items() if value}
    with pytest.raises(SmtpSettingsError, match=message) as raised:
        load_smtp_settings(env=env)
    assert "\n" not in str(raised.value)
