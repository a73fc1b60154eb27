"""check py

Revision ID: po07
Revises: po06
"""
from alembic import op
import sqlalchemy as sa


revision = 'po07'
down_revision = 'po06'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_check_constraint('ck_account_qty', 'account', 'qty >= 0')


def downgrade() -> None:
    pass
