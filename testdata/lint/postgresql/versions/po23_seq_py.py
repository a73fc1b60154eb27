"""seq py

Revision ID: po23
Revises: po22
"""
from alembic import op
import sqlalchemy as sa


revision = 'po23'
down_revision = 'po22'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('account', sa.Column('created', sa.DateTime(), server_default=sa.text('clock_timestamp()'), nullable=True))


def downgrade() -> None:
    pass
