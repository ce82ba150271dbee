"""Whether this computer is online, from Qt's network-information backend (where the platform has one)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QNetworkInformation

log = logging.getLogger(__name__)

_ONLINE = (
    QNetworkInformation.Reachability.Online,
    QNetworkInformation.Reachability.Site,
    QNetworkInformation.Reachability.Local,
)


class NetworkWatch(QObject):
    """`changed(online)` when reachability crosses between online and offline."""

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._online = True
        self._info: QNetworkInformation | None = None

    def start(self) -> None:
        if not QNetworkInformation.loadDefaultBackend():
            log.info("no network-information backend; network changes are not watched")
            return
        info = QNetworkInformation.instance()
        if info is None:
            return
        self._online = info.reachability() in (
            QNetworkInformation.Reachability.Online,
            QNetworkInformation.Reachability.Unknown,
        )
        info.reachabilityChanged.connect(self._reachability)
        self._info = info

    def _reachability(self, reachability: QNetworkInformation.Reachability) -> None:
        online = reachability in _ONLINE
        if online != self._online:
            self.changed.emit(online)
        self._online = online

    def stop(self) -> None:
        """The network monitor outlives us: a connection to it would keep this object (and everything it
        holds) alive until the interpreter shuts down."""
        if self._info is not None:
            self._info.reachabilityChanged.disconnect(self._reachability)
            self._info = None
