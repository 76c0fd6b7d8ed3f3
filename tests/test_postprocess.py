"""The touches to the built HTML: the icon script dropped, the draft banner on and off."""

from analysis.site.postprocess import drop_icon_script, mark_draft


def test_icon_script_dropped(tmp_path):
    scripts = tmp_path / "_static" / "scripts"
    scripts.mkdir(parents=True)
    (scripts / "fontawesome.js").write_text("/* 1.5 MB */")
    (scripts / "bootstrap.js").write_text("/* kept */")
    page = tmp_path / "book" / "a.html"
    page.parent.mkdir()
    page.write_text('<head><script defer src="../_static/scripts/fontawesome.js?digest=55c2"></script>\n'
                    '<script defer src="../_static/scripts/bootstrap.js?digest=55c2"></script></head>')
    assert drop_icon_script(tmp_path) == 1
    assert "fontawesome" not in page.read_text() and "bootstrap.js" in page.read_text()
    assert not (scripts / "fontawesome.js").exists() and (scripts / "bootstrap.js").exists()
    assert drop_icon_script(tmp_path) == 0


def test_draft_banner_on_and_off(tmp_path):
    page = tmp_path / "zh" / "index.html"
    page.parent.mkdir()
    page.write_text('<html lang="zh-CN"><body class="x">\n<p>正文</p></body></html>', encoding="utf-8")
    before = page.read_text(encoding="utf-8")
    assert mark_draft(tmp_path, True) == 1 and mark_draft(tmp_path, True) == 1  # once, however often
    assert page.read_text(encoding="utf-8").count('class="pcm-draft"') == 1
    assert mark_draft(tmp_path, False) == 0
    assert page.read_text(encoding="utf-8") == before
