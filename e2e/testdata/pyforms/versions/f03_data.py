"""orders as a data migration

Revision ID: f03
Revises: f02
"""
from alembic import op
import sqlalchemy as sa

revision = "f03"
down_revision = "f02"
branch_labels = None
depends_on = None


def upgrade():
    orders = sa.table(
        "orders",
        sa.column("id", sa.Integer),
        sa.column("customer_id", sa.Integer),
        sa.column("total", sa.Numeric),
    )
    op.bulk_insert(orders, [
        {"id": 10, "customer_id": 1, "total": 5},
        {"id": 11, "customer_id": 2, "total": 7},
        {"id": 12, "customer_id": 2, "total": 9},
    ])
    conn = op.get_bind()
    conn.execute(orders.update().where(orders.c.customer_id == 2).values(total=orders.c.total * 2))


def downgrade():
    orders = sa.table("orders", sa.column("id", sa.Integer))
    op.execute(orders.delete().where(orders.c.id.in_([10, 11, 12])))
