"""The offline link check and the external-load scan on a tiny hand-made site."""

from analysis.site import sitecheck


def write(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_broken_links_and_external_loads(tmp_path):
    write(tmp_path, "index.html", '<a href="book/a.html#here">ok</a><a href="book/a.html#gone">anchor</a>'
                                  '<a href="missing.html">file</a><a href="https://example.org/">away</a>'
                                  '<a href="#top">self</a><p id="top"></p>')
    write(tmp_path, "book/a.html", '<h2 id="here">A</h2><a href="../_static/data.csv">csv</a>'
                                   '<script src="https://cdn.example.org/vega.js"></script>')
    write(tmp_path, "_static/data.csv", "a,b\n")
    assert sitecheck.broken_links(tmp_path) == ["index.html: book/a.html#gone (no such anchor)",
                                                "index.html: missing.html (no such file)"]
    assert sitecheck.external_loads(tmp_path) == ["book/a.html: <script src=https://cdn.example.org/vega.js>"]
    assert len(sitecheck.site_problems(tmp_path)) == 3
