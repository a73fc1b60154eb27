"""check not valid py

Revision ID: po10
Revises: po09
"""
from alembic import op
import sqlalchemy as sa


revision = 'po10'
down_revision = 'po09'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute('ALTER TABLE account ADD CONSTRAINT ck_price CHECK (price >= 0) NOT VALID')


def downgrade() -> None:
    pass
