"""What every app shares and none owns: the one Decision type, the access pattern, formatting,
formula-safe spreadsheet writers, the list/table pattern and abstract model bases.

The lowest floor: ``core`` imports no app of ours (no tables of its own either)."""
