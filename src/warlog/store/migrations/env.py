"""Alembic environment: migrations run on the connection warlog hands over, inside its transaction."""

from alembic import context

from warlog.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
