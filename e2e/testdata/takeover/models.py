"""SQLAlchemy models of the takeover test's Alembic project.

metadata(version, dialect) is the schema the application wants at each step of its history:
each version is one `alembic revision --autogenerate` run. The enum and the comment are
PostgreSQL only (SQLite has neither); identity=True makes tag.id an identity column.
"""
import sqlalchemy as sa

LATEST = 3


def metadata(version, dialect, identity=False):
    md = sa.MetaData()
    pg = dialect == "postgresql"

    user = [
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(50), nullable=False, unique=True),
        # v3: email becomes required.
        sa.Column("email", sa.String(100), nullable=version < 3,
                  comment="login address" if pg and version >= 3 else None),
        sa.Column("created_at", sa.DateTime, nullable=False,
                  server_default=sa.text("CURRENT_TIMESTAMP")),
        sa.Column("bio", sa.Text),
        sa.Column("birthday", sa.Date),
    ]
    if pg:
        user.append(sa.Column("status", sa.Enum("active", "disabled", name="account_status"),
                              nullable=False, server_default="active"))
    # v2 adds nickname, v3 drops it again.
    if version == 2:
        user.append(sa.Column("nickname", sa.String(30)))
    sa.Table("user_account", md, *user)

    address = [
        sa.Column("id", sa.Integer, primary_key=True),
        # v3: the single-column index gives way to a unique (user_id, email) one.
        sa.Column("user_id", sa.Integer, sa.ForeignKey("user_account.id", ondelete="CASCADE"),
                  nullable=False, index=version < 3),
        # v3: a longer email column.
        sa.Column("email", sa.String(200 if version >= 3 else 100), nullable=False),
    ]
    if version >= 3:
        address.append(sa.Column("kind", sa.String(10), nullable=False, server_default="home"))
    addr = sa.Table("address", md, *address)
    if version >= 2:
        sa.Index("ix_address_email", addr.c.email)
    if version >= 3:
        sa.Index("ix_address_user_email", addr.c.user_id, addr.c.email, unique=True)

    # Dropped in v3, so that revision's downgrade is a create_table written from reflection.
    if version < 3:
        sa.Table(
            "legacy", md,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("code", sa.String(20), nullable=False),
            sa.Column("flag", sa.Boolean, nullable=False, server_default=sa.false()),
            sa.Column("happened", sa.DateTime(timezone=True)),
            sa.Column("amount", sa.Numeric(10, 2)),
            sa.Column("ratio", sa.Float),
            sa.Column("owner_id", sa.Integer, sa.ForeignKey("user_account.id", ondelete="SET NULL")),
            sa.UniqueConstraint("code", name="uq_legacy_code"),
            sa.Index("ix_legacy_owner", "owner_id"),
        )

    if version >= 2:
        tag_id = (sa.Column("id", sa.Integer, sa.Identity(), primary_key=True) if identity
                  else sa.Column("id", sa.Integer, primary_key=True))
        tag = sa.Table(
            "tag", md,
            tag_id,
            sa.Column("user_id", sa.Integer, sa.ForeignKey("user_account.id"), nullable=False),
            sa.Column("label", sa.String(20), nullable=False),
            # v3: a new server default (the env.py compares server defaults).
            sa.Column("weight", sa.Numeric(10, 2), nullable=False,
                      server_default="1" if version >= 3 else "0"),
            sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
            sa.UniqueConstraint("user_id", "label", name="uq_tag_user_label"),
            sa.CheckConstraint("length(label) > 0", name="ck_tag_label"),
        )
        sa.Index("ix_tag_label_active", tag.c.label, tag.c.active)
    return md
