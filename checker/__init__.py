"""exportcheck: a compliance self-assessment checker for China's export-control regime."""

__version__ = "0.1.0"
