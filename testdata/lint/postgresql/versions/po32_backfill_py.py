"""backfill py

Revision ID: po32
Revises: po31
"""
from alembic import op
import sqlalchemy as sa


revision = 'po32'
down_revision = 'po31'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('orders', sa.Column('total', sa.Integer(), nullable=True))
    op.execute('UPDATE orders SET total = 0')


def downgrade() -> None:
    pass
