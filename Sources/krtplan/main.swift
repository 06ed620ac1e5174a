// Placeholder entry point; the CLI (swift-argument-parser) replaces it.
print("krtplan: not built yet")
