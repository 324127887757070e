"""Backups: the policy and its ladder, making, mirroring and pruning them, inspecting and restoring them."""
