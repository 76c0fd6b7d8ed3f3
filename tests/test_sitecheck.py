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


def png(width: int, height: int) -> bytes:
    """The first bytes of a PNG file: signature and IHDR chunk (all that png_size reads)."""
    import struct
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, height) + b"\x08\x06\0\0\0"


def test_missing_files_and_chart_images(tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><text>T1-1 · CC BY 4.0</text></svg>'
    write(tmp_path, "_static/good.svg", svg)
    (tmp_path / "_static/good.png").write_bytes(png(600, 400))
    write(tmp_path, "_static/small.svg", svg)
    (tmp_path / "_static/small.png").write_bytes(png(300, 200))
    write(tmp_path, "_static/blank.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"></svg>')
    write(tmp_path, "_static/alone.svg", svg)
    write(tmp_path, "index.html", '<noscript><img src="_static/good.svg"><img src="_static/gone.svg"></noscript>'
                                  '<script src="_static/gone.js"></script>'
                                  + "".join(f'<a href="_static/{n}.svg">SVG</a>' for n in ("good", "small", "blank", "alone"))
                                  + '<a href="_static/good.png">PNG</a>')
    assert sitecheck.missing_files(tmp_path) == ["index.html: _static/gone.js", "index.html: _static/gone.svg"]
    assert sitecheck.chart_image_problems(tmp_path) == [
        "index.html: small.png is (300, 200) pixels, not 2 x (300.0, 200.0)",
        "index.html: _static/blank.svg is not a drawn chart (no size or no text)",
        "index.html: _static/alone.svg has no PNG beside it"]
    # an image shown only where scripts do not run is not part of a visit's weight
    assert {p.name for p in sitecheck.page_resources(tmp_path, "index.html")} == {"index.html"}
