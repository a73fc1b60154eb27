"""a decorated upgrade

Revision ID: f07
Revises: f06
"""
import functools

from alembic import op
import sqlalchemy as sa

revision = "f07"
down_revision = "f06"
branch_labels = None
depends_on = None


def also_note(fn):
    @functools.wraps(fn)
    def wrapper():
        fn()
        op.execute("INSERT INTO note (body) VALUES ('written by the decorator')")

    return wrapper


@also_note
def upgrade():
    op.create_table("note", sa.Column("body", sa.String(length=100), nullable=False))


def downgrade():
    op.drop_table("note")
