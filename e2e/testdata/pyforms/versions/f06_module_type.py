"""a type object at module level

Revision ID: f06
Revises: f05
"""
from alembic import op
import sqlalchemy as sa

revision = "f06"
down_revision = "f05"
branch_labels = None
depends_on = None

status = sa.Enum("open", "paid", "void", name="order_status")


def upgrade():
    status.create(op.get_bind(), checkfirst=True)
    op.add_column("orders", sa.Column("status", status, nullable=True))
    try:
        op.execute("UPDATE orders SET status = 'open'")
    except Exception:
        raise


def downgrade():
    with op.batch_alter_table("orders") as batch_op:
        batch_op.drop_column("status")
    status.drop(op.get_bind(), checkfirst=True)
