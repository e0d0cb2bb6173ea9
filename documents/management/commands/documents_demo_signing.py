"""Make the demo's certificates under var/ (`./esflow run` calls it before anything else).

A demo root CA, a sealing certificate for esflow (ESFLOW_SEAL_KEY / ESFLOW_SEAL_CERT) and a
signatory's certificate, "Jan Kowalski", as PEM files and as a PKCS#12 file (password
``demo``) that a PDF reader can import to sign documents in the demo; the root is the demo's
trust anchor (ESFLOW_SIGNATURE_TRUST_ROOTS). Made once, kept (idempotent); never committed
(var/ is ignored) and never for production (README, "Signatures").
"""

from pathlib import Path

from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from django.conf import settings
from django.core.management.base import BaseCommand

from documents.signing_keys import make_root_ca, make_signer

DEMO_P12_PASSWORD = b"demo"


class Command(BaseCommand):
    help = "Create the demo's PAdES certificates under var/demo-signing (once)."
    # Runs before the settings' files exist, so the checks (which look for them) wait.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=str(Path(settings.VAR_DIR) / "demo-signing"),
            help="where to write the files (default: var/demo-signing)",
        )

    def handle(self, *args, **options):
        directory = Path(options["dir"])
        anchors = directory / "trust-roots.pem"
        if anchors.exists():
            self.stdout.write(f"demo certificates already in {directory}")
            return
        directory.mkdir(parents=True, exist_ok=True)
        directory.chmod(0o700)
        ca = make_root_ca(common_name="esflow DEMO root CA (not for production)")
        seal = make_signer(ca, "esflow DEMO seal", organisation="ROPS (demo)")
        jan = make_signer(ca, "Jan Kowalski", organisation="Stowarzyszenie (demo)")
        seal.write(directory, "seal")
        jan.write(directory, "jan-kowalski")
        p12 = pkcs12.serialize_key_and_certificates(
            b"Jan Kowalski (demo)",
            jan.key,
            jan.certificate,
            [ca.certificate],
            BestAvailableEncryption(DEMO_P12_PASSWORD),
        )
        p12_path = directory / "jan-kowalski.p12"
        p12_path.touch(mode=0o600, exist_ok=True)
        p12_path.write_bytes(p12)
        # Written last: its presence says the set is complete.
        anchors.write_bytes(ca.certificate_pem)
        self.stdout.write(
            f"demo certificates written to {directory}: trust-roots.pem, seal.*.pem, "
            f"jan-kowalski.p12 (password: {DEMO_P12_PASSWORD.decode()})"
        )
