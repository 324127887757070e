"""Form definitions (data files) and the engine that reads them. Knows nothing of storage,
documents or Qt."""
