"""prodlint: finds the production failures that AI coding tools leave in web apps."""

__version__ = "0.1.0"
