"""level py

Revision ID: po26
Revises: po25
"""
from alembic import op
import sqlalchemy as sa


revision = 'po26'
down_revision = 'po25'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('account', sa.Column('level', sa.Integer(), nullable=False))


def downgrade() -> None:
    pass
