"""ANTT Miner: a catalog of Vietnam's community security models mined from the news."""

__version__ = "0.1.0"
