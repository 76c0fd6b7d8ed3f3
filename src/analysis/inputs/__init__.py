"""Reading and checking the data: every file in data/ read, validated within and across files,
and handed on as one `Dataset`; problems in both languages; the spreadsheet round trip.
Imports nothing from the later stages."""
