"""mark_languages on a small built-site layout (pages written here, as Sphinx writes them)."""

from pathlib import Path

from analysis.postprocess import mark_languages

HEAD = '<!DOCTYPE html>\n<html lang="zh-CN" data-content_root="{root}" data-theme="light">\n<head></head><body>\n'


def page(path: Path, root: str, body: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD.format(root=root) + body + "\n</body></html>\n", encoding="utf-8")
    return path


def test_english_pages_say_english_and_nothing_else_changes(tmp_path):
    zh_page = page(tmp_path / "book/zh/scorecard.html", "../../")
    en_page = page(tmp_path / "book/en/scorecard.html", "../../")
    en_chapter = page(tmp_path / "book/en/actions/action-5.html", "../../../")
    top = page(tmp_path / "index.html", "./")
    theme = page(tmp_path / "_static/macro.html", "../")
    before = {p: p.read_text(encoding="utf-8") for p in (zh_page, top, theme)}

    assert mark_languages(tmp_path) == 2
    for english in (en_page, en_chapter):
        assert '<html lang="en" data-content_root=' in english.read_text(encoding="utf-8")
    assert {p: p.read_text(encoding="utf-8") for p in before} == before
    assert mark_languages(tmp_path) == 2  # idempotent
    assert en_chapter.read_text(encoding="utf-8").count('lang="en"') == 1


def test_html_element_without_lang_gets_one(tmp_path):
    path = tmp_path / "book/en/plan.html"
    path.parent.mkdir(parents=True)
    path.write_text("<!DOCTYPE html><HTML class=x><body>The plan</body></HTML>", encoding="utf-8")
    assert mark_languages(tmp_path) == 1
    assert path.read_text(encoding="utf-8").startswith('<!DOCTYPE html><HTML lang="en" class=x>')


def test_links_into_the_other_edition_say_its_language(tmp_path):
    en_chapter = page(tmp_path / "book/en/actions/action-5.html", "../../../", (
        '<a class="reference internal" href="../../zh/actions/action-1.html">行动一</a>'
        '<a class="reference internal" href="action-4.html">Action 4</a>'
        '<a href="../../zh/actions/action-5.html" hreflang="zh" lang="zh">中文</a>'
        '<a class="reference internal" href="../../index.html">首页</a>'
        '<a href="https://example.org/zh/x.html">elsewhere</a>'))
    zh_scorecard = page(tmp_path / "book/zh/scorecard.html", "../../", (
        '<a href="../en/scorecard.html#t1-1">Scorecard</a><a href="actions/action-1.html">行动一</a>'))
    mark_languages(tmp_path)
    text = en_chapter.read_text(encoding="utf-8")
    assert '<a lang="zh-CN" hreflang="zh-CN" class="reference internal" href="../../zh/actions/action-1.html">' in text
    assert '<a class="reference internal" href="action-4.html">' in text
    assert '<a href="../../zh/actions/action-5.html" hreflang="zh" lang="zh">' in text  # says its language already
    assert '<a class="reference internal" href="../../index.html">' in text  # not an edition's page
    assert '<a href="https://example.org/zh/x.html">' in text
    text = zh_scorecard.read_text(encoding="utf-8")
    assert '<a lang="en" hreflang="en" href="../en/scorecard.html#t1-1">' in text
    assert '<a href="actions/action-1.html">' in text and '<html lang="zh-CN"' in text


def test_english_pages_get_the_theme_words_in_english_but_not_the_article(tmp_path):
    en_page = page(tmp_path / "book/en/methodology.html", "../../", (
        '<a href="#main-content">跳转至主要内容</a>'
        '<button class="btn search-button-field" title="搜索" aria-label="搜索">'
        '<span class="search-button__default-text">搜索</span></button>'
        '<p class="caption" role="heading"><span class="caption-text">中文版</span></p>'
        '<p class="caption" role="heading"><span class="caption-text">English edition</span></p>'
        '<article class="bd-article"><p>搜索</p><h2> 目录 </h2></article>'
        '<a class="left-prev" href="scorecard.html" title="上一页"><p class="prev-next-subtitle">上一页</p></a>'
        '<div class="page-toc"><i class="fa-solid fa-list"></i> 目录\n  </div>'
        '<p class="component-author">\n作者： 普陀区碳达峰监测 Putuo Carbon Peak Monitor\n</p>'))
    zh_page = page(tmp_path / "book/zh/methodology.html", "../../", '<button title="搜索">搜索</button>')
    zh_before = zh_page.read_text(encoding="utf-8")
    mark_languages(tmp_path)
    text = en_page.read_text(encoding="utf-8")
    assert '<a href="#main-content">Skip to main content</a>' in text
    assert 'title="Search" aria-label="Search"><span class="search-button__default-text">Search</span>' in text
    assert '<span class="caption-text" lang="zh-CN">中文版</span>' in text
    assert '<span class="caption-text">English edition</span>' in text
    assert '<article class="bd-article"><p>搜索</p><h2> 目录 </h2></article>' in text  # the article is content
    assert 'title="Previous"><p class="prev-next-subtitle">Previous</p>' in text
    assert '</i> Contents\n  </div>' in text
    assert '<p class="component-author">\nBy 普陀区碳达峰监测 Putuo Carbon Peak Monitor\n</p>' in text
    assert zh_page.read_text(encoding="utf-8") == zh_before
    mark_languages(tmp_path)
    assert en_page.read_text(encoding="utf-8") == text  # idempotent


def test_icon_script_dropped(tmp_path):
    from analysis.postprocess import drop_icon_script

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
