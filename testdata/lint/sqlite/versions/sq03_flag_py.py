"""flag py

Revision ID: sq03
Revises: sq02
"""
from alembic import op
import sqlalchemy as sa


revision = 'sq03'
down_revision = 'sq02'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('account', sa.Column('flag', sa.Boolean(), nullable=False))


def downgrade() -> None:
    pass
