"""Widgets: thin, they show state and emit signals; app.py connects them to the services."""
