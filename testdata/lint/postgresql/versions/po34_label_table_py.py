"""label table py

Revision ID: po34
Revises: po33
"""
from alembic import op
import sqlalchemy as sa


revision = 'po34'
down_revision = 'po33'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('label', sa.Column('id', sa.Integer(), nullable=False), sa.Column('name', sa.Text(), nullable=False), sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_label_name', 'label', ['name'])
    op.add_column('label', sa.Column('n', sa.Integer(), nullable=False))


def downgrade() -> None:
    pass
