"""QtCore-only services between the pure core and the widgets: task runner, messages, call state, instance."""
