"""govkg: a knowledge graph of Chinese local-government responsibilities."""

__version__ = "0.1.0"
