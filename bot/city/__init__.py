"""The city: its data file (districts, officers, official numbers, local sites) and office hours."""
