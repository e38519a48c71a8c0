"""The business rules of chorus-tui: every operation of the spec, with its rights check, in one
transaction with its audit entry and outbox mail. No Textual import anywhere in this package."""
