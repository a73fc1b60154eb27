from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ENUM

revision = "p4"
down_revision = None

status = ENUM("new", "done", name="status")


def upgrade():
    op.add_column("t", sa.Column("s", status))


def downgrade():
    op.drop_column("t", "s")
