"""A plugin operation, registered when a revision imports this module."""
from alembic.operations import MigrateOperation, Operations


@Operations.register_operation("create_counter")
class CreateCounterOp(MigrateOperation):
    def __init__(self, name, start=0):
        self.name = name
        self.start = start

    @classmethod
    def create_counter(cls, operations, name, start=0):
        return operations.invoke(cls(name, start))

    def reverse(self):
        return DropCounterOp(self.name)


@Operations.register_operation("drop_counter")
class DropCounterOp(MigrateOperation):
    def __init__(self, name):
        self.name = name

    @classmethod
    def drop_counter(cls, operations, name):
        return operations.invoke(cls(name))


@Operations.implementation_for(CreateCounterOp)
def create_counter(operations, operation):
    operations.execute("CREATE TABLE counter_%s (value INTEGER NOT NULL)" % operation.name)
    operations.execute("INSERT INTO counter_%s (value) VALUES (%d)" % (operation.name, operation.start))


@Operations.implementation_for(DropCounterOp)
def drop_counter(operations, operation):
    operations.execute("DROP TABLE counter_%s" % operation.name)
