"""The ``cchc`` command line: the shared context and one module per command group."""
