"""drop table py

Revision ID: po40
Revises: po39
"""
from alembic import op
import sqlalchemy as sa
# lint: ignore drop-table labels moved to the tag service

revision = 'po40'
down_revision = 'po39'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table('label')


def downgrade() -> None:
    pass
