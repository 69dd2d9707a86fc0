"""What users see: the extract contract (contract), event exports (exports), terminal
rendering (terminal)."""
