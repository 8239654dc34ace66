"""Offer Coach: grounded, cited job-offer negotiation coaching from local guides.

Importing this package is cheap: heavy dependencies (sentence-transformers, torch, chromadb)
are imported only inside the functions that need them.
"""

__version__ = "0.1.0"
