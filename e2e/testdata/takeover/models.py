"""SQLAlchemy models of the takeover test's Alembic project.

metadata(version, dialect) is the schema the application wants at each step of its history:
each version is one `alembic revision --autogenerate` run. The enum, the JSONB/ARRAY/UUID
columns and the column comment are PostgreSQL only. features switches on constructs the
test keeps in projects of their own (see toKnownBugs in ../../takeover_test.go):
"identity" makes tag.id an identity column, "with_variant" types event.id
BigInteger().with_variant(Integer, "sqlite").
"""
import sqlalchemy as sa

LATEST = 3


def metadata(version, dialect, features=()):
    # A naming convention, as SQLAlchemy advises for Alembic projects: every constraint gets
    # a name, so batch mode can drop the foreign key added in v3.
    md = sa.MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    })
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
        address.append(sa.Column("tag_id", sa.Integer, sa.ForeignKey("tag.id")))
    addr = sa.Table("address", md, *address)
    if version >= 2:
        sa.Index("ix_address_email", addr.c.email)
    if version >= 3:
        sa.Index("ix_address_user_email", addr.c.user_id, addr.c.email, unique=True)

    if version >= 2:
        # Wider types, a table comment and a partial index.
        if pg:
            from sqlalchemy.dialects import postgresql
            kinds = [
                sa.Column("payload", postgresql.JSONB, nullable=False,
                          server_default=sa.text("'{}'::jsonb")),
                sa.Column("labels", postgresql.ARRAY(sa.Text)),
                sa.Column("uid", postgresql.UUID(as_uuid=True)),
                sa.Column("duration", sa.Interval),
            ]
        else:
            kinds = [
                sa.Column("payload", sa.JSON, nullable=False, server_default="{}"),
                sa.Column("duration", sa.Interval),
            ]
        event = sa.Table(
            "event", md,
            sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite")
                      if "with_variant" in features else sa.BigInteger, primary_key=True),
            sa.Column("user_id", sa.Integer,
                      sa.ForeignKey("user_account.id", onupdate="CASCADE", ondelete="CASCADE")),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
            sa.Column("at_time", sa.Time),
            sa.Column("blob", sa.LargeBinary),
            sa.Column("small", sa.SmallInteger, server_default="0"),
            sa.Column("title", sa.Unicode(80)),
            sa.Column("done", sa.Boolean, server_default=sa.false()),
            *kinds,
            # v3: a new table comment.
            comment="audit log" if version >= 3 else "audit events",
        )
        sa.Index("ix_event_open", event.c.user_id,
                 postgresql_where=event.c.done.is_(False), sqlite_where=event.c.done == sa.false())
    # v3: a unique email. (No expression index: Alembic 1.8's autogenerate skips them.)
    if version >= 3:
        md.tables["user_account"].append_constraint(sa.UniqueConstraint("email"))

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
        tag_id = (sa.Column("id", sa.Integer, sa.Identity(), primary_key=True) if "identity" in features
                  else sa.Column("id", sa.Integer, primary_key=True))
        tag = sa.Table(
            "tag", md,
            tag_id,
            # v3: the foreign key gains ON DELETE CASCADE.
            sa.Column("user_id", sa.Integer, sa.ForeignKey(
                "user_account.id", ondelete="CASCADE" if version >= 3 else None), nullable=False),
            sa.Column("label", sa.String(20), nullable=False),
            # v3: a new server default (the env.py compares server defaults).
            sa.Column("weight", sa.Numeric(10, 2), nullable=False,
                      server_default="1" if version >= 3 else "0"),
            sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
            sa.UniqueConstraint("user_id", "label", name="uq_tag_user_label"),
            sa.CheckConstraint("length(label) > 0", name="label"),
        )
        sa.Index("ix_tag_label_active", tag.c.label, tag.c.active)
    return md
