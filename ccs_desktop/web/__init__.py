"""The embedded CCS Generic Softphone: the only package that imports QtWebEngine.

`engine` prepares Chromium before the QApplication exists, `profile` builds the one persistent profile,
`permissions` decides what the page may use, `bridge` is the one narrow JS channel, and `page`/`view` wrap it
all so that a live call is never dropped by a reload, a stray navigation or a popup.
"""
