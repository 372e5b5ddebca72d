"""Rules as data: rule packs, their rules, sources, catalogues and vocabularies, loaded and composed."""
