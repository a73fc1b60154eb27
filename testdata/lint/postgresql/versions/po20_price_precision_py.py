"""price precision py

Revision ID: po20
Revises: po19
"""
from alembic import op
import sqlalchemy as sa


revision = 'po20'
down_revision = 'po19'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column('account', 'price', existing_type=sa.Numeric(10, 2), type_=sa.Numeric(8, 2))


def downgrade() -> None:
    pass
