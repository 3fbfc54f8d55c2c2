"""ProDvor GraphQL backend-for-frontend."""
