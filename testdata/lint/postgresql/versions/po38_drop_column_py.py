"""drop column py

Revision ID: po38
Revises: po37
"""
from alembic import op
import sqlalchemy as sa


revision = 'po38'
down_revision = 'po37'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_column('account', 'level')


def downgrade() -> None:
    pass
