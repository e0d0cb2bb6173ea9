"""Intake of advisory requests: topics and their forms, the CPV dictionary, threshold bands.

Nothing here needs the Case model: the forms produce JSON-safe dicts that the advisory
request stores, and ``topics.missing_fields`` tells whether one may be submitted.
"""
