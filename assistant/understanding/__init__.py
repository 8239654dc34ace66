"""What a question says, read once per turn: companies, regions, roles, components, intent
(question), the names and places it can mention (entities; their tables are JSON files
beside the code, loaded by tables) and the state a conversation carries (conversation).

Leaves out: searching the guides (assistant.retrieval) and any figure arithmetic
(assistant.engine).
"""
