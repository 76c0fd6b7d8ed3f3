"""The pages: words, numbers, charts, tables and downloads of every page in both languages,
what the notebooks in book/ display. Imports only `inputs` and `assess`."""
