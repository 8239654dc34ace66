"""The negotiation engine, pure functions over typed facts and the user's offer: amounts
(money), offers (offer), figures with provenance (figures), what a guide's script asks
(script_asks), where an offer sits in a band (position), the proposal (negotiation), drafts to
send (drafts) and the workbench form (workbench).

Leaves out: any store, model or retrieval; every function here is deterministic.
"""
