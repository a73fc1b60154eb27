"""the project's own column type and helper

Revision ID: f05
Revises: f04
"""
from alembic import op
import sqlalchemy as sa

from shop.types import Code, audit_columns

revision = "f05"
down_revision = "f04"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "product",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", Code(), nullable=False),
        *audit_columns(),
    )


def downgrade():
    op.drop_table("product")
