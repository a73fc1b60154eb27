"""rename column py

Revision ID: po28
Revises: po27
"""
from alembic import op
import sqlalchemy as sa


revision = 'po28'
down_revision = 'po27'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column('orders', 'note', new_column_name='remark')


def downgrade() -> None:
    pass
