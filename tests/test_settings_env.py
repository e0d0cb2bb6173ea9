"""Settings read from the environment: the documents' letterhead is configurable, and its
default stays the documents app's own when the variables are unset."""

import runpy
from pathlib import Path

from documents import services as document_services

SETTINGS = Path(__file__).resolve().parent.parent / "config" / "settings.py"


def test_letterhead_comes_from_the_environment_when_set(monkeypatch):
    monkeypatch.setenv("ESFLOW_DOCUMENT_PROGRAMME", "Program X")
    monkeypatch.setenv("ESFLOW_DOCUMENT_ISSUER", "ROPS Y")
    values = runpy.run_path(str(SETTINGS))
    assert values["ESFLOW_DOCUMENT_PROGRAMME"] == "Program X"
    assert values["ESFLOW_DOCUMENT_ISSUER"] == "ROPS Y"


def test_letterhead_defaults_are_unchanged_when_unset(monkeypatch):
    monkeypatch.delenv("ESFLOW_DOCUMENT_PROGRAMME", raising=False)
    monkeypatch.delenv("ESFLOW_DOCUMENT_ISSUER", raising=False)
    values = runpy.run_path(str(SETTINGS))
    assert "ESFLOW_DOCUMENT_PROGRAMME" not in values
    assert "ESFLOW_DOCUMENT_ISSUER" not in values
    assert document_services.letterhead() == {
        "programme": document_services.DEFAULT_PROGRAMME,
        "body": document_services.DEFAULT_ISSUER,
    }


def test_signature_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ESFLOW_SIGNATURE_TRUST_ROOTS", "/etc/esflow/trust-roots.pem")
    monkeypatch.setenv("ESFLOW_SEAL_KEY", "/etc/esflow/seal.key.pem")
    monkeypatch.setenv("ESFLOW_SEAL_CERT", "/etc/esflow/seal.cert.pem")
    monkeypatch.delenv("ESFLOW_SEAL_KEY_PASSPHRASE", raising=False)
    values = runpy.run_path(str(SETTINGS))
    assert values["ESFLOW_SIGNATURE_TRUST_ROOTS"] == "/etc/esflow/trust-roots.pem"
    assert values["ESFLOW_SEAL_KEY"] == "/etc/esflow/seal.key.pem"
    assert values["ESFLOW_SEAL_CERT"] == "/etc/esflow/seal.cert.pem"
    assert values["ESFLOW_SEAL_KEY_PASSPHRASE"] == ""
