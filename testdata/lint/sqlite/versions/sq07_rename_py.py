"""rename py

Revision ID: sq07
Revises: sq06
"""
from alembic import op
import sqlalchemy as sa


revision = 'sq07'
down_revision = 'sq06'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.rename_table('orders', 'purchase')


def downgrade() -> None:
    pass
