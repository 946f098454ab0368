"""Who may see what: users and sign-in, roles and scope, signed wall URLs."""
