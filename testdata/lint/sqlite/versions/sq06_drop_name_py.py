"""drop name py

Revision ID: sq06
Revises: sq05
"""
from alembic import op
import sqlalchemy as sa


revision = 'sq06'
down_revision = 'sq05'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_column('account', 'name')


def downgrade() -> None:
    pass
