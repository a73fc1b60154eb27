"""rename table py

Revision ID: po30
Revises: po29
"""
from alembic import op
import sqlalchemy as sa


revision = 'po30'
down_revision = 'po29'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.rename_table('audit_log', 'audit_trail')


def downgrade() -> None:
    pass
