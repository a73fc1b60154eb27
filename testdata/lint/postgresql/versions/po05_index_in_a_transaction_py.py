"""index in a transaction py

Revision ID: po05
Revises: po04
"""
from alembic import op
import sqlalchemy as sa


revision = 'po05'
down_revision = 'po04'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute('CREATE INDEX CONCURRENTLY ix_orders_note2 ON orders (note)')


def downgrade() -> None:
    pass
