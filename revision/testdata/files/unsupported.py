revision = 'u1'
down_revision = 'u0'

def upgrade():
    op.execute("SELECT 1")
    for t in ("a", "b"):
        op.execute("DROP TABLE " + t)

def downgrade():
    op.execute("SELECT " + "1" + str(2))
