revision = 'w1'
down_revision = None
def upgrade():
    with open('x') as f:
        op.execute('x')
def downgrade():
    with op.batch_alter_table('t') as b:
        op.drop_column("t", "x")
        x = 1
