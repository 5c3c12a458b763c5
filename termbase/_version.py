"""The version of termbase (also in pyproject.toml); a module of its own so that the modules that
stamp caches and signatures with it need not import the package."""

__version__ = "0.1.0"
