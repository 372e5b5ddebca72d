"""The profile format: the pydantic model of a company's programme and export activity, and its vocabularies."""
