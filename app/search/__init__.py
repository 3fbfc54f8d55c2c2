"""Smart search and retrieval: one documents table, hybrid ranking, the indexer and RAG."""
