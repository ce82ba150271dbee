"""Call records kept locally: the cache of reportsCDRLogs, what is still missing of a period, notes and timelines.

Import the submodules directly (`core.calls.cache`, `.sync`, `.timeline`); this file stays empty so widgets can
import the small types without loading SQLite at start-up.
"""
