"""The project's own code that its revisions import (a column type, a helper, a plugin op)."""
