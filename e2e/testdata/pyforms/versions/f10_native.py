"""native again at the head

Revision ID: f10
Revises: f09
"""
from alembic import op
import sqlalchemy as sa

revision = "f10"
down_revision = "f09"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE customer SET tier = 'std' WHERE tier IS NULL")
    op.create_table(
        "shipment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade():
    op.drop_table("shipment")
    op.execute("UPDATE customer SET tier = NULL WHERE tier = 'std'")
