"""an index built outside a transaction

Revision ID: f11
Revises: f10
"""
from alembic import op

revision = "f11"
down_revision = "f10"
branch_labels = None
depends_on = None


def upgrade():
    with op.get_context().autocommit_block():
        op.execute("CREATE INDEX ix_customer_name ON customer (name)")


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_customer_name", table_name="customer")
