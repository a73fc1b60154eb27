'''op.execute in every shape'''
from alembic import op
import sqlalchemy as sa
from sqlalchemy import text

revision = 'e1'
down_revision = 'd0'
branch_labels = 'solo'


def upgrade():
    # plain strings
    op.execute("CREATE TABLE a (id int)")
    op.execute('CREATE TABLE "b" (id int);')
    op.execute(
        """
        CREATE TABLE c (
            note text DEFAULT 'x\ty'
        )
        """
    )
    op.execute(sa.text("INSERT INTO a VALUES (1)"))
    op.execute(text('INSERT INTO a VALUES (2)'),)
    op.execute(
        "INSERT INTO a "
        'VALUES (3)'  # implicit concatenation
    )
    op.execute(r"SELECT '\d'"); op.execute("SELECT 'caf\u00e9'")


def downgrade():
    op.execute("DROP TABLE c")
    op.execute("DROP TABLE b")
    op.execute("DROP TABLE a")
