"""per-database work through the migration context

Revision ID: f08
Revises: f07
"""
from alembic import op

revision = "f08"
down_revision = "f07"
branch_labels = None
depends_on = None


def upgrade():
    ctx = op.get_context()
    if ctx.dialect.name == "postgresql":
        with ctx.autocommit_block():
            op.execute("CREATE INDEX CONCURRENTLY ix_orders_total ON orders (total)")
    else:
        op.create_index("ix_orders_total", "orders", ["total"])


def downgrade():
    op.drop_index("ix_orders_total", table_name="orders")
