"""Use cases shared by the ribbon, the command line and the tests: one module per use case."""
