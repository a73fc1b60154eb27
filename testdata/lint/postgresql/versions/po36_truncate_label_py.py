"""truncate label py

Revision ID: po36
Revises: po35
"""
from alembic import op
import sqlalchemy as sa


revision = 'po36'
down_revision = 'po35'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute('TRUNCATE label')


def downgrade() -> None:
    pass
