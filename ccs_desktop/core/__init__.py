"""Pure logic: no PySide6 here, so everything can be tested and scripted without a Qt application."""
