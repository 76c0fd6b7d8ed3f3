"""An edition's release: a byte-deterministic archive of the site, its sha256 and a manifest of
its inputs, verified against the inputs and reproduced by a rebuild from them (a copy of the
book with SYNTHETIC data and one action, published once for the module)."""

import json
import shutil
import tarfile
from importlib import metadata
from pathlib import Path

import pytest

from analysis.site import pipeline, release
from analysis.site.project import Project

from synthetic import FIRST_EDITION, PLAN_CONFIG
from test_publish import book_copy

EDITION = FIRST_EDITION["edition"]
SLUG = PLAN_CONFIG["site"]["slug"]  # the archive is named after plan.yaml's site.slug


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Project:
    project = book_copy(tmp_path_factory.mktemp("release"), n_actions=1)
    pipeline.publish(project, **FIRST_EDITION, show_progress=False)
    return project


@pytest.fixture(scope="module")
def manifest_path(published, tmp_path_factory) -> Path:
    return release.make_release(published, EDITION, tmp_path_factory.mktemp("dist"))


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def differing_files(before: Path, after: Path) -> list[str]:
    def contents(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    old, new = contents(before), contents(after)
    return sorted(name for name in set(old) | set(new) if old.get(name) != new.get(name))


def test_the_same_site_gives_the_same_bytes(published, manifest_path, tmp_path):
    again = release.make_release(published, EDITION, tmp_path / "again")
    assert files_of(again.parent) == files_of(manifest_path.parent)
    name = release.archive_name(SLUG, EDITION)
    assert sorted(files_of(again.parent)) == sorted([name, f"{name}.sha256", "manifest.json"])

    raw = (again.parent / name).read_bytes()
    assert raw[4:8] == b"\0\0\0\0" and not raw[3] & 0x08  # gzip: mtime 0, no file name
    with tarfile.open(again.parent / name) as tar:
        members = tar.getmembers()
    assert [m.name.split("/") for m in members] == sorted(m.name.split("/") for m in members)
    assert all((m.mtime, m.uid, m.gid, m.uname, m.gname) == (0, 0, 0, "", "") for m in members)
    assert {m.mode for m in members if m.isdir()} == {0o755} and {m.mode for m in members if m.isfile()} == {0o644}
    assert f"{SLUG}-{EDITION}/zh/actions/action-1.html" in {m.name for m in members}

    digest = release.sha256_file(again.parent / name)
    assert (again.parent / f"{name}.sha256").read_text() == f"{digest}  {name}\n"
    manifest = json.loads(again.read_text())
    assert manifest["edition"] == EDITION and manifest["archive"] == {"name": name, "sha256": digest}
    assert manifest["commit"] is None and manifest["dirty"] is None  # the book copy is not a git repository
    assert f"editions/{EDITION}.json" in manifest["data"] and "observations.csv" in manifest["data"]
    assert "book/zh/actions/action-1.ipynb" in manifest["notebooks"]
    assert sorted(manifest["config"]) == ["_config.yml", "_toc.yml"]
    assert manifest["packages"]["jupyter-book"] == metadata.version("jupyter-book")
    assert manifest["packages"]["Sphinx"] == metadata.version("sphinx") and "-e ." not in manifest["packages"]
    assert again.read_text() == json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_a_changed_data_file_fails_verification_by_name(published, manifest_path, tmp_path):
    assert release.verify_release(manifest_path, published) == []
    data = Path(shutil.copytree(published.data_dir, tmp_path / "data"))
    changed = Project(root=published.root, data_dir=data)
    path = data / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("5000", "5001"), encoding="utf-8")
    (data / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    (data / "sources.csv").unlink()
    problems = release.verify_release(manifest_path, changed)
    assert len(problems) == 3, problems
    assert problems[0].startswith("data file extra.csv: not in the manifest")
    assert problems[1].startswith("data file observations.csv: sha256 ")
    assert problems[2].startswith("data file sources.csv: missing")


def test_a_tampered_archive_or_another_package_version_fails_verification(published, manifest_path, tmp_path):
    dist = Path(shutil.copytree(manifest_path.parent, tmp_path / "dist"))
    name = release.archive_name(SLUG, EDITION)
    manifest = json.loads((dist / "manifest.json").read_text())
    manifest["packages"]["pandas"] = "0.0.1"
    (dist / "manifest.json").write_text(json.dumps(manifest))
    with (dist / name).open("ab") as f:
        f.write(b"\0")
    problems = release.verify_release(dist / "manifest.json", published)
    assert any(p.startswith(f"archive {name}: sha256 ") for p in problems), problems
    assert any(p.startswith(f"archive {name}: {name}.sha256 says") for p in problems), problems
    assert any(p.startswith("package pandas: installed ") and p.endswith("the manifest records 0.0.1")
               for p in problems), problems


def test_a_rebuild_from_the_manifests_inputs_gives_the_same_archive(published, manifest_path, tmp_path):
    """Everything generated goes (the site, the whole _build folder, the vega bundle and the
    download files): the same inputs must build a site whose archive has the recorded sha256."""
    manifest = json.loads(manifest_path.read_text())
    assert release.verify_release(manifest_path, published) == []  # the inputs are the manifest's
    shutil.move(published.site, tmp_path / "published-site")
    shutil.rmtree(published.build_dir)
    (published.assets / "vega-bundle.js").unlink()
    shutil.rmtree(published.assets / "downloads")

    html = pipeline.build(published)
    shutil.copytree(html, published.site)  # the "new site folder" (also restores the module's fixture)
    rebuilt = release.make_release(published, EDITION, tmp_path / "rebuilt")
    assert json.loads(rebuilt.read_text())["archive"]["sha256"] == manifest["archive"]["sha256"], \
        differing_files(tmp_path / "published-site", published.site)
    assert rebuilt.read_bytes() == manifest_path.read_bytes()
