"""Review: the structure's staff read, approve (and sign), reject and revoke; every action in the audit log."""
