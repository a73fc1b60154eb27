"""queries on the connection"""
from alembic import op
import sqlalchemy as sa

revision = "p1"
down_revision = None


def upgrade():
    op.add_column("t", sa.Column("x", sa.Integer()))
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE t SET x = 1"))


def downgrade():
    for name in ("a", "b"):
        op.drop_column("t", name)
