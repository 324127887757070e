"""The project's own tools: the font, unit-list and fixture makers (run as scripts) and the
bundle's build helpers (``tools.bundle``, imported by build.spec)."""
