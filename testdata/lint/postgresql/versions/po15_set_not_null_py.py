"""set not null py

Revision ID: po15
Revises: po14
"""
from alembic import op
import sqlalchemy as sa


revision = 'po15'
down_revision = 'po14'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column('orders', 'note', existing_type=sa.Text(), nullable=False)


def downgrade() -> None:
    pass
