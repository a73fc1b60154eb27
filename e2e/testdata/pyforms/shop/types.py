import sqlalchemy as sa


class Code(sa.types.TypeDecorator):
    """A short upper-case code, stored as VARCHAR(12)."""

    impl = sa.String(12)
    cache_ok = True


def audit_columns():
    return [
        sa.Column("created_by", sa.String(40), server_default="system", nullable=False),
        sa.Column("revision_no", sa.Integer(), server_default="1", nullable=False),
    ]
