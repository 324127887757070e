"""The database: opening and migrating it, the report store and its lifecycle, the audit log, forms held, settings, the installation's unit. The only place with SQL."""
