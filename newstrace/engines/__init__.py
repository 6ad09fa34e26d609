"""The reuse engines: one interface (base.Engine), run in this process (local) or on Ray (ray).

Light on import: the Ray engine is loaded only when make_engine("ray") asks for it.
"""

from newstrace.engines.base import Engine
from newstrace.engines.registry import ENGINES, make_engine

__all__ = ["ENGINES", "Engine", "make_engine"]
