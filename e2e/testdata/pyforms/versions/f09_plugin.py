"""an operation a plugin adds

Revision ID: f09
Revises: f08
"""
from alembic import op

import shop.ops  # noqa: F401  (registers op.create_counter)

revision = "f09"
down_revision = "f08"
branch_labels = None
depends_on = None


def upgrade():
    op.create_counter("invoice", start=100)


def downgrade():
    op.drop_counter("invoice")
