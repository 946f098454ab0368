"""Developer tools: the demo corpus, the document writers it uses, and the two benchmarks."""
