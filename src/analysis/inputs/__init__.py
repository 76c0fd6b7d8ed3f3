"""Reading and checking the data: every file in data/ read, validated within and across files,
and handed on as one `Dataset` (with `plan`, the plan, its places and the site's name from
plan.yaml); problems in both languages; the spreadsheet round trip.
Imports nothing from the later stages."""
