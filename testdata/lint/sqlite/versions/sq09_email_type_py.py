"""email type py

Revision ID: sq09
Revises: sq08
"""
from alembic import op
import sqlalchemy as sa


revision = 'sq09'
down_revision = 'sq08'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('account') as batch_op:
        batch_op.alter_column('email', type_=sa.String(100))


def downgrade() -> None:
    pass
