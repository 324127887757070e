"""The reviewing office's window: inbox, status board, report view, consolidation, trust."""
