"""From guide files to typed facts: load (loader), chunk (chunking), extract facts (facts),
the one path from files to chunks and facts (factbook), and the guide shelf (shelf: list,
upload, remove).

Leaves out: embedding and storing chunks (assistant.index), and reading questions.
"""
