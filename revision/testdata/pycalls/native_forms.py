"""forms retort reads natively"""
from alembic import op
import sqlalchemy as sa

revision = "n1"
down_revision = None


def upgrade():
    with (op.batch_alter_table("t", table_kwargs={"sqlite_autoincrement": True, "info": {}}) as b):
        b.add_column(sa.Column("x", sa.Integer()))
    with op.get_context().autocommit_block():
        op.execute("CREATE INDEX CONCURRENTLY ix_t_x ON t (x)")
        op.execute("ALTER TYPE mood ADD VALUE 'meh'")
    op.drop_table("u")


def downgrade():
    op.create_table("u", sa.Column("id", sa.Integer(), server_default=sa.text("1" + "2")))
