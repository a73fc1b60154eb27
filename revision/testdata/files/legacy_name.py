"""no revision variable and a non-hex name"""
down_revision = None
