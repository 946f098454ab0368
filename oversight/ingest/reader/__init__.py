"""The general reader: published documents in any layout (tables, fused cells, one cell per line,
prose) → evaluation and monitoring rows, each value with how it was read and how sure we are.

Data flows: clean (text noise) → stream (cells, labels, tables) → values (number grammar) →
prose and document (sentences, title, kind, year) → general (rows). Vocabulary: rules/reader.toml.
"""
