"""The package's version, said once (the build reads it here)."""

__version__ = "0.2.0.dev0"
"""The version of this package's code (semantic); the data has its own (``metadata.data_version``)."""
