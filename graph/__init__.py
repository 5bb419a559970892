"""Graph: the schema, the stores (embedded FalkorDB and Neo4j) and the links between documents."""
