"""A CCS-compatible simulator: a local HTTP server that behaves like the CCS classic API (ccs-api.md).

Used in-process by the app's demo mode, by the tests over real HTTP, and as `ccs-desktop simulator`.
Standard library only, and no imports from the rest of ccs_desktop, so it runs anywhere Python does.
"""

from __future__ import annotations

from ccs_desktop.simulator.config import SimulatorConfig
from ccs_desktop.simulator.server import Simulator, run

__all__ = ["Simulator", "SimulatorConfig", "run"]
