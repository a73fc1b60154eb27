revision = 'i1'; down_revision = ''
branch_labels = ()
def upgrade(): pass
def downgrade(): op.execute("DROP TABLE x")
