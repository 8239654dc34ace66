"""The look-alike benchmark corpus: its entry points (corpus), the generator's parts (companies,
negotiation, interview, tables, amounts, prose, records) and its words (vocabulary.json)."""
