"""customers and orders

Revision ID: f01
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "f01"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "customer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("tier", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("total", sa.Numeric(10, 2), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_orders_customer_id", "orders", ["customer_id"], unique=False)


def downgrade():
    # drop_table takes the index with it; dropping the index first fails on MySQL (1553:
    # the foreign key needs it), in Alembic as in retort.
    op.drop_table("orders")
    op.drop_table("customer")
