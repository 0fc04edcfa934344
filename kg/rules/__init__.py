"""The rule engine: one module per family of rules in mappings/rules/ (see kg/map_rules.py)."""
