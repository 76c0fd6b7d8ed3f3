"""Building, checking and releasing the site: executing the notebooks, the books per language,
the checks of the built HTML and the release archive. Imports the stages below it; only the
command line (`analysis.__main__`) imports this."""
