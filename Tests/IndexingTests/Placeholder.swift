// placeholder until the first Indexing test
