"""`login` and `logout`: the app_token and the session in the keyring."""

from __future__ import annotations

import argparse
import os
import sys

from ccs_desktop.cli.common import EXIT_OK, Commands, Context, add_command
from ccs_desktop.core.i18n import Cli


def cmd_login(args: argparse.Namespace) -> int:
    import getpass

    from ccs_desktop.core.api import make_agent, resolve_tenant
    from ccs_desktop.core.credentials import CredentialStore
    from ccs_desktop.core.errors import NotConfigured

    ctx = Context(args)
    interactive = sys.stdin is not None and sys.stdin.isatty()
    tenant_text = ctx.tenant_text or (_ask(Cli.tr("Tenant (name, host or URL): ")) if interactive else "")
    email = ctx.email or (_ask(Cli.tr("E-mail: ")) if interactive else "")
    if not tenant_text or not email:
        raise NotConfigured(Cli.tr("Give --tenant and --email (or CCS_TENANT and CCS_EMAIL)."))
    tenant = resolve_tenant(tenant_text)
    token = os.environ.get("CCS_APP_TOKEN", "").strip()
    if not token and interactive:
        token = getpass.getpass(Cli.tr("app_token (hidden): ")).strip()
    if not token:
        raise NotConfigured(
            Cli.tr("No app_token: set CCS_APP_TOKEN or run `ccs-desktop login` in a terminal.")
        )
    settings = ctx.settings
    store = CredentialStore(tenant.base_url, email)
    agent = make_agent(tenant, email, token, settings)  # the session is kept below, once the token is
    agent.ping()
    stored = agent.login()
    store.save_app_token(token)
    store.save_session(stored)
    settings.set("tenant", tenant_text)
    settings.set("email", email)
    settings.save()
    print(Cli.tr("Logged in to {host} as {email}.").format(host=tenant.host, email=email))
    return EXIT_OK


def _ask(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        return ""


def cmd_logout(args: argparse.Namespace) -> int:
    from ccs_desktop.core.api import resolve_tenant
    from ccs_desktop.core.credentials import CredentialStore

    ctx = Context(args)
    tenant_text, email = ctx.tenant_text, ctx.email
    if not tenant_text or not email:
        print(Cli.tr("Not logged in; nothing to remove."))
        return EXIT_OK
    tenant = resolve_tenant(tenant_text)
    removed = CredentialStore(tenant.base_url, email).delete_all()
    if removed:
        print(
            Cli.tr("Logged out {email} from {host}: app_token and session removed from the keyring.").format(
                email=email, host=tenant.host
            )
        )
    else:
        print(
            Cli.tr("Nothing stored for {email} on {host}; already logged out.").format(
                email=email, host=tenant.host
            )
        )
    return EXIT_OK


def register(sub: Commands) -> None:
    login = add_command(
        sub,
        "login",
        cmd_login,
        Cli.tr("log in: app_token from CCS_APP_TOKEN or a hidden prompt, kept in the keyring"),
    )
    login.add_argument(
        "--tenant", help=Cli.tr("tenant name (acme), host (acme.alo-tech.com) or URL; or CCS_TENANT")
    )
    login.add_argument("--email", help=Cli.tr("the agent's CCS e-mail; or CCS_EMAIL"))
    add_command(sub, "logout", cmd_logout, Cli.tr("remove the app_token and the session from the keyring"))
