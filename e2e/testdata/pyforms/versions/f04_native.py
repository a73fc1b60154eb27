"""a native step between Python ones

Revision ID: f04
Revises: f03
"""
from alembic import op
import sqlalchemy as sa

revision = "f04"
down_revision = "f03"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("customer", sa.Column("email", sa.String(length=100), nullable=True))
    op.create_index("ix_customer_email", "customer", ["email"], unique=True)


def downgrade():
    op.drop_index("ix_customer_email", table_name="customer")
    with op.batch_alter_table("customer") as batch_op:
        batch_op.drop_column("email")
