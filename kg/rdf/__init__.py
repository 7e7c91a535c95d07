"""Model objects -> rdflib graphs: one named graph per article."""
