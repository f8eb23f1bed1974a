"""The Qt user interface. The only package (with the app entry) that imports PySide6."""
