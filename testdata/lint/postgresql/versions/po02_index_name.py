"""index name

Revision ID: po02
Revises: po01
"""
from alembic import op
import sqlalchemy as sa


revision = 'po02'
down_revision = 'po01'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_account_name', 'account', ['name'])


def downgrade() -> None:
    pass
