"""What every command shares: the program name, exit codes, and the `Context` that finds settings and credentials."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ccs_desktop.core.i18n import Cli

if TYPE_CHECKING:
    from ccs_desktop.core.api import Agent
    from ccs_desktop.core.credentials import CredentialStore
    from ccs_desktop.core.settings import Settings

PROG = "ccs-desktop"
EXIT_OK, EXIT_BUG = 0, 1  # failures exit with their error's `exit_code` (core/errors.py)

Handler = Callable[[argparse.Namespace], int]
Commands = Any  # argparse's private _SubParsersAction: what `add_subparsers()` returns


def add_command(sub: Commands, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    """A subcommand whose help is also its description, run by `handler`."""
    command: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    command.set_defaults(handler=handler)
    return command


class Context:
    """Settings, tenant and agent for one command, resolved from flags, then CCS_* variables, then the config."""

    def __init__(self, args: argparse.Namespace) -> None:
        from ccs_desktop.core.paths import config_file
        from ccs_desktop.core.settings import Settings

        self.args = args
        self.settings: Settings = Settings(config_file())

    def value(self, flag: str | None, env: str, setting: str) -> str:
        return (flag or os.environ.get(env) or self.settings.get_str(setting)).strip()

    @property
    def tenant_text(self) -> str:
        return self.value(getattr(self.args, "tenant", None), "CCS_TENANT", "tenant")

    @property
    def email(self) -> str:
        return self.value(getattr(self.args, "email", None), "CCS_EMAIL", "email")

    def require(self) -> tuple[str, str]:
        from ccs_desktop.core.errors import NotConfigured

        tenant, email = self.tenant_text, self.email
        if not tenant or not email:
            raise NotConfigured(
                Cli.tr(
                    "Not logged in: run `ccs-desktop login` (or set CCS_TENANT, CCS_EMAIL and CCS_APP_TOKEN)."
                )
            )
        return tenant, email

    def agent(self, *, keep_session: bool = True) -> tuple[Agent, CredentialStore | None]:
        """An Agent with credentials from CCS_APP_TOKEN or the keyring; `keep_session` stores sessions there."""
        from ccs_desktop.core.api import make_agent, resolve_tenant
        from ccs_desktop.core.credentials import CredentialStore

        tenant_text, email = self.require()
        tenant = resolve_tenant(tenant_text)
        env_token = os.environ.get("CCS_APP_TOKEN", "").strip()
        store = CredentialStore(tenant.base_url, email) if (keep_session or not env_token) else None
        token = env_token or (store.load_app_token() if store else None)
        if not token:
            from ccs_desktop.core.errors import NotConfigured

            raise NotConfigured(
                Cli.tr("No app_token for {email} on {host}: run `ccs-desktop login`.").format(
                    email=email, host=tenant.host
                )
            )
        agent = make_agent(tenant, email, token, self.settings, store=store if keep_session else None)
        return agent, store


def print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False))


def non_negative(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        value = kind(text)
        if value < 0:
            raise argparse.ArgumentTypeError(Cli.tr("must not be negative: {value}").format(value=text))
        return value

    convert.__name__ = kind.__name__
    return convert


def raise_input(text: str) -> None:
    from ccs_desktop.core.errors import InvalidInput

    raise InvalidInput(text)
