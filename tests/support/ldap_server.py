"""A real OpenLDAP slapd for the LDAP directory tests, started on loopback with a throw-away configuration.

`start_slapd(folder, entries)` writes a cn=config LDIF (schemas core/cosine/inetOrgPerson plus AD's `company` and
`ipPhone`, an mdb database under `folder`, a size limit of SIZE_LIMIT so only paged searches get everything) and
loads it and the entries with slapadd (far faster than ldapadd for 50,000 entries), makes a test CA and a server
certificate for 127.0.0.1 with `cryptography` (in the test extras; keyring's SecretStorage brings it on Linux too),
and runs slapd in the foreground on two free ports, ldap:// and ldaps://, under tests/orphan_guard.py so a killed
run leaves no slapd behind. Needs the Debian packages slapd and ldap-utils (.ci/run installs them).
"""

from __future__ import annotations

import base64
import datetime
import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import REPO, stop_process_group

SLAPD = "/usr/sbin/slapd"
SLAPADD = "/usr/sbin/slapadd"
SCHEMAS = Path("/etc/ldap/schema")
MODULES = Path("/usr/lib/ldap")
SUFFIX = "dc=example,dc=com"
SIZE_LIMIT = 1000  # below the paging test's 50,000: a search that does not page gets sizeLimitExceeded


def missing_tools() -> list[str]:
    return [tool for tool in (SLAPD, SLAPADD) if not Path(tool).exists()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class TestCa:
    ca_file: Path
    cert_file: Path
    key_file: Path


def make_ca(folder: Path, name: str = "CCS test CA") -> TestCa:
    """A CA and a server certificate for 127.0.0.1/localhost signed by it, valid around the real time (the
    certificates are checked by OpenSSL against the clock, which tests cannot inject)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder.mkdir(parents=True, exist_ok=True)
    # the real clock on purpose: OpenSSL in slapd and in the client checks the validity window against it
    start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    end = start + datetime.timedelta(days=30)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    paths = TestCa(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    paths.ca_file.write_bytes(ca.public_bytes(pem))
    paths.cert_file.write_bytes(cert.public_bytes(pem))
    paths.key_file.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return paths


# AD's own OIDs and syntaxes for the two attributes inetOrgPerson lacks; an auxiliary class to carry them.
AD_SCHEMA = """\
dn: cn=adlike,cn=schema,cn=config
objectClass: olcSchemaConfig
cn: adlike
olcAttributeTypes: ( 1.2.840.113556.1.2.146 NAME 'company' SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
olcAttributeTypes: ( 1.2.840.113556.1.4.721 NAME 'ipPhone' SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
olcObjectClasses: ( 1.3.6.1.4.1.4203.666.11.99.1 NAME 'adLikeUser' AUXILIARY MAY ( company $ ipPhone ) )
"""


def config_ldif(folder: Path, ca: TestCa) -> str:
    return f"""\
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: {folder}/slapd.pid
olcArgsFile: {folder}/slapd.args
olcTLSCACertificateFile: {ca.ca_file}
olcTLSCertificateFile: {ca.cert_file}
olcTLSCertificateKeyFile: {ca.key_file}

dn: cn=module{{0}},cn=config
objectClass: olcModuleList
cn: module{{0}}
olcModulePath: {MODULES}
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file://{SCHEMAS}/core.ldif

include: file://{SCHEMAS}/cosine.ldif

include: file://{SCHEMAS}/inetorgperson.ldif

{AD_SCHEMA}
dn: olcDatabase={{-1}}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {{-1}}frontend

dn: olcDatabase={{0}}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {{0}}config
olcAccess: {{0}}to * by * none

dn: olcDatabase={{1}}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {{1}}mdb
olcDbDirectory: {folder}/db
olcDbMaxSize: 1073741824
olcSuffix: {SUFFIX}
olcSizeLimit: size.soft={SIZE_LIMIT} size.hard={SIZE_LIMIT} size.prtotal=unlimited
olcAccess: {{0}}to attrs=userPassword by anonymous auth by self read by * none
olcAccess: {{1}}to * by * read
"""


def base_entries() -> str:
    return f"""\
dn: {SUFFIX}
objectClass: dcObject
objectClass: organization
dc: example
o: Example

dn: ou=people,{SUFFIX}
objectClass: organizationalUnit
ou: people

"""


def person_ldif(
    uid: str,
    cn: str,
    *,
    ou: str = "people",
    password: str = "",
    **attributes: str | list[str],
) -> str:
    """One inetOrgPerson (with AD's company/ipPhone allowed) as LDIF; values with non-ASCII are base64."""
    lines = [
        f"dn: uid={uid},ou={ou},{SUFFIX}",
        "objectClass: inetOrgPerson",
        "objectClass: adLikeUser",
        f"uid: {uid}",
    ]
    values: dict[str, list[str]] = {"cn": [cn], "sn": [cn.rsplit(maxsplit=1)[-1]]}
    for name, value in attributes.items():
        values[name] = value if isinstance(value, list) else [value]
    if password:
        values["userPassword"] = [password]
    for name, items in values.items():
        for item in items:
            if item.isascii():
                lines.append(f"{name}: {item}")
            else:
                lines.append(f"{name}:: {base64.b64encode(item.encode()).decode()}")
    return "\n".join(lines) + "\n\n"


@dataclass
class Slapd:
    folder: Path
    ca: TestCa
    port: int
    tls_port: int
    proc: subprocess.Popen

    @property
    def url(self) -> str:
        return f"ldap://127.0.0.1:{self.port}"

    @property
    def ldaps_url(self) -> str:
        return f"ldaps://127.0.0.1:{self.tls_port}"

    def stop(self) -> None:
        stop_process_group(self.proc, timeout=10)


def _run(command: list[str], stdin: str | None = None) -> None:
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed ({done.returncode}): {done.stderr[-2000:]}")


def start_slapd(folder: Path, entries: Iterable[str], *, wait: float = 30.0) -> Slapd:
    """Configure, load and start a slapd in `folder`; `entries` are LDIF records (base_entries() first)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "db").mkdir()
    config = folder / "slapd.d"
    config.mkdir()
    ca = make_ca(folder / "tls")
    _run([SLAPADD, "-n0", "-F", str(config)], config_ldif(folder, ca))
    data = folder / "data.ldif"
    with data.open("w", encoding="utf-8") as out:
        for record in entries:
            out.write(record)
    _run([SLAPADD, "-q", "-n1", "-F", str(config), "-l", str(data)])
    port, tls_port = free_port(), free_port()
    listen = f"ldap://127.0.0.1:{port}/ ldaps://127.0.0.1:{tls_port}/"
    guard = [sys.executable, str(REPO / "tests" / "orphan_guard.py"), str(os.getpid())]
    with (folder / "slapd.log").open("w") as log:
        proc = subprocess.Popen(
            [*guard, SLAPD, "-d", "0", "-h", listen, "-F", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,  # the child has its own copy of the descriptor
            start_new_session=True,  # its own process group: the guard or stop() ends it
        )
    server = Slapd(folder, ca, port, tls_port, proc)
    deadline = time.monotonic() + wait
    while True:
        try:
            for each in (port, tls_port):
                socket.create_connection(("127.0.0.1", each), timeout=1).close()
            return server
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                server.stop()
                log = (folder / "slapd.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"slapd did not start: {log}") from None
            time.sleep(0.05)


def copy_ca(ca: TestCa, folder: Path) -> Path:
    """The CA file alone, where a test can point a config at it."""
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(ca.ca_file, folder / "ca.pem"))


# -- pytest fixtures (the root conftest lists this module in pytest_plugins) ------------------------------------

SMALL_PEOPLE = [
    person_ldif(
        "ayse",
        "Ayşe Yılmaz",
        password="ayse-password",
        displayName="Ayşe Yılmaz",
        o="Koç Holding",
        company="Koç Holding A.Ş.",
        telephoneNumber="+90 212 555 00 00 ext. 123",
        mobile="0532 123 45 67",
        homePhone="0216 444 00 00",
        ipPhone="1234",
        mail="ayse@example.com",
    ),
    person_ldif("mehmet", "Mehmet Demir", o="Arçelik", telephoneNumber="0312 444 55 66 x12"),
    person_ldif("nonumber", "Numarasız Kişi", mail="nonumber@example.com"),
    # An AD service account: no displayName, company or mail, so the AD mapping has no name for it.
    person_ldif("svc-backup", "svc-backup", telephoneNumber="0212 000 00 01"),
]
BIG_COUNT = 50_000


def big_people(count: int = BIG_COUNT) -> Iterable[str]:
    yield f"dn: ou=big,{SUFFIX}\nobjectClass: organizationalUnit\nou: big\n\n"
    for i in range(count):
        yield person_ldif(
            f"u{i}", f"Kişi {i}", ou="big", telephoneNumber=f"+90 212 {i:07d}", mail=f"u{i}@example.com"
        )


def _serve(folder: Path, entries: Iterable[str]) -> Iterator[Slapd]:
    if missing_tools():
        pytest.exit(
            f"missing {', '.join(missing_tools())}: install the Debian packages slapd and ldap-utils (see .ci/run); "
            "the LDAP tests use a real OpenLDAP server",
            returncode=3,
        )
    server = start_slapd(folder, entries)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def slapd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Slapd]:
    """A slapd with a handful of people under ou=people, shared by the LDAP tests of a run."""
    yield from _serve(tmp_path_factory.mktemp("slapd"), [base_entries(), *SMALL_PEOPLE])


@pytest.fixture(scope="session")
def big_slapd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Slapd]:
    """A slapd with 50,000 people under ou=big: a server of its own, so only the paging tests pay for it."""
    yield from _serve(tmp_path_factory.mktemp("big-slapd"), [base_entries(), *big_people()])
