"""a parenthesised batch block with a dict argument

Revision ID: f12
Revises: f11
"""
from alembic import op
import sqlalchemy as sa

revision = "f12"
down_revision = "f11"
branch_labels = None
depends_on = None


def upgrade():
    with (op.batch_alter_table("shipment", table_kwargs={"info": {"owner": "shop"}}) as batch_op):
        batch_op.add_column(sa.Column("carrier", sa.String(length=20), nullable=True))


def downgrade():
    with (op.batch_alter_table("shipment") as batch_op):
        batch_op.drop_column("carrier")
