"""Benchmarks: the pipeline against natasha (pipeline), the Wikidata importer (wikidata)."""
