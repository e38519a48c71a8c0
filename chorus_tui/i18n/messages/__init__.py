"""Message modules, one per area. Each defines ``FR`` and ``EN`` with the same keys."""
