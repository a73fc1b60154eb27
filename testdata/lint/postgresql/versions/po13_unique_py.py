"""unique py

Revision ID: po13
Revises: po12
"""
from alembic import op
import sqlalchemy as sa


revision = 'po13'
down_revision = 'po12'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_unique_constraint('uq_account_name', 'account', ['name'])


def downgrade() -> None:
    pass
