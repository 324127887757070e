"""Figures taken in from other programs' files: the one-stop shop's dossier statistics for Part III."""
