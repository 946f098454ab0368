"""The domain rules, with no I/O beyond their own data: grade bands and lights, numbers, places,
categories, 整改 status, text normalisation and the clock. Imports nothing from ingest, store or access.
"""
