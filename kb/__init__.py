"""The knowledge base: schema, storage, resolution, export and Datasette."""
