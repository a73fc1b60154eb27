"""validate check py

Revision ID: po11
Revises: po10
"""
from alembic import op
import sqlalchemy as sa


revision = 'po11'
down_revision = 'po10'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute('ALTER TABLE account VALIDATE CONSTRAINT ck_price')


def downgrade() -> None:
    pass
