"""One module per screen: login, the forced steps, and the spaces."""
