"""ANTT Miner: a catalog of Vietnam's community security models mined from the news.

This package is the top floor: the `antt` command. The ground (records, settings, store)
is `core`; `crawler`, `nlp` and `pipelines` sit between.
"""

from core import __version__

__all__ = ["__version__"]
