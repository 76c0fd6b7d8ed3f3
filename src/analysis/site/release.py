"""Each edition released as one artefact: the published site as an archive, its sha256 and a manifest.

`make_release(project, edition, out_dir)` writes, into `out_dir`:

* `<slug>-<edition>.tar.gz` (the slug is plan.yaml's `site.slug`): `project.site` (what
  `pipeline.publish` put there) under one top folder `<slug>-<edition>/`, byte for byte the same for the same
  site: members sorted by path, mtime 0, uid/gid 0 with empty owner names, modes 0755
  (folders) and 0644 (files), and a gzip header with mtime 0 and no file name;
* `<archive>.sha256`: its digest in `sha256sum` format (`sha256sum -c` checks it);
* `manifest.json`: the edition, the git commit of `project.root` (null outside git) and
  whether the work tree was dirty, the archive's name and sha256, and the sha256 of every
  input the site was built from: every file under `project.data_dir`, every published
  notebook (book/zh, book/en), _config.yml and _toc.yml, the other hand-written book files
  (pages, assets, templates), and the installed version of every package pinned in
  requirements.txt. Sorted keys, no timestamps: the same inputs give the same bytes.

`verify_release(manifest_path, project)` lists what no longer matches (empty = verified).

Two builds of the same inputs give byte-identical sites (checked by
tests/test_release.py, which rebuilds from scratch and compares the archive's sha256), so
no file is left out of the archive or its digest: `VOLATILE_FILES` is empty.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import subprocess
import tarfile
from importlib import metadata
from pathlib import Path, PurePosixPath

from packaging.requirements import InvalidRequirement, Requirement

from ..inputs.plan import read_plan
from .project import REPO, Project

MANIFEST = "manifest.json"
CONFIG_FILES = ("_config.yml", "_toc.yml")
NOTEBOOK_FOLDERS = ("zh", "en")  # under book/
# Written by `pipeline.build` from what the manifest already records (package versions, data):
# not hand-written inputs, so they are not hashed as book sources.
GENERATED_BOOK_FILES = ("_assets/vega-bundle.js", "_assets/downloads/")
# Site files whose bytes differ between two builds of the same inputs, to be left out of the
# archive's digest. None: two builds from scratch were compared file by file (including
# .buildinfo, searchindex.js, objects.inv and the `?v=` digests) and nothing differed.
VOLATILE_FILES: tuple[str, ...] = ()
SITE_MODES = {"dir": 0o755, "file": 0o644}


def archive_name(slug: str, edition: int) -> str:
    """'example-carbon-monitor-2026.tar.gz' for the slug in plan.yaml."""
    return f"{slug}-{edition}.tar.gz"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def hidden(relative: PurePosixPath) -> bool:
    """Editor and tool leftovers (.ipynb_checkpoints, .DS_Store, book/.inputs.json): not inputs."""
    return any(part.startswith(".") or part == "__pycache__" for part in relative.parts)


def hashes(folder: Path, pattern: str = "*", keep=lambda relative: True) -> dict[str, str]:
    """sha256 of every file under `folder` matching `pattern`, by relative posix path, sorted."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in folder.rglob(pattern):
        relative = PurePosixPath(path.relative_to(folder).as_posix())
        if path.is_file() and not hidden(relative) and keep(relative):
            found[str(relative)] = sha256_file(path)
    return dict(sorted(found.items()))


def data_hashes(project: Project) -> dict[str, str]:
    """Every file in the data folder (edition files included), hidden files aside."""
    return hashes(project.data_dir)


def notebook_hashes(project: Project) -> dict[str, str]:
    """The published notebooks, by path from the project root (book/zh/..., book/en/...)."""
    found = {}
    for language in NOTEBOOK_FOLDERS:
        for relative, digest in hashes(project.book / language, "*.ipynb").items():
            found[f"book/{language}/{relative}"] = digest
    return dict(sorted(found.items()))


def config_hashes(project: Project) -> dict[str, str]:
    return {name: sha256_file(project.root / name) for name in CONFIG_FILES if (project.root / name).is_file()}


def book_source_hashes(project: Project) -> dict[str, str]:
    """The book's other hand-written files (pages, css, js, templates), by path from the root."""
    def keep(relative: PurePosixPath) -> bool:
        notebook = relative.parts[0] in NOTEBOOK_FOLDERS and relative.suffix == ".ipynb"
        return not notebook and not str(relative).startswith(GENERATED_BOOK_FILES)
    return {f"book/{relative}": digest for relative, digest in hashes(project.book, keep=keep).items()}


def requirements_file(project: Project) -> Path:
    """The project's requirements.txt; a book copy without one uses the repository's."""
    own = project.root / "requirements.txt"
    return own if own.is_file() else REPO / "requirements.txt"


def pinned_names(requirements: Path) -> list[str]:
    """Package names pinned in requirements.txt, as spelled there (options and `-e .` skipped)."""
    names = []
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        try:
            names.append(Requirement(line).name)
        except InvalidRequirement:
            continue
    return sorted(set(names), key=str.lower)


def installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def package_versions(project: Project) -> dict[str, str | None]:
    """Pinned name -> installed version (null if not installed)."""
    return {name: installed_version(name) for name in pinned_names(requirements_file(project))}


def git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def git_state(root: Path) -> tuple[str | None, bool | None]:
    """(commit, dirty) of the repository whose top folder is `root`; (None, None) otherwise
    (a folder inside some other repository does not borrow that repository's commit)."""
    top = git(root, "rev-parse", "--show-toplevel")
    if top is None or Path(top.strip()).resolve() != root.resolve():
        return None, None
    commit = git(root, "rev-parse", "HEAD")
    status = git(root, "status", "--porcelain")
    return (commit.strip() if commit else None), (bool(status.strip()) if status is not None else None)


def write_archive(site: Path, archive: Path, top: str) -> str:
    """A byte-deterministic tar.gz of `site` under the folder `top`; returns its sha256."""
    if not site.is_dir():
        raise FileNotFoundError(f"no site to release in {site}: run the publish command first")
    paths = sorted((p for p in site.rglob("*") if p.is_dir() or p.is_file()),
                   key=lambda p: p.relative_to(site).parts)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="", compresslevel=9) as zipped:
        with tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for path in [site, *paths]:
                relative = path.relative_to(site).as_posix()
                info = tarfile.TarInfo(top if relative == "." else f"{top}/{relative}")
                info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
                if path.is_dir():
                    info.type, info.mode = tarfile.DIRTYPE, SITE_MODES["dir"]
                    tar.addfile(info)
                else:
                    data = path.read_bytes()
                    info.size, info.mode = len(data), SITE_MODES["file"]
                    tar.addfile(info, io.BytesIO(data))
    archive.write_bytes(buffer.getvalue())
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def manifest_text(manifest: dict) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def make_release(project: Project, edition: int, out_dir: Path) -> Path:
    """Archive, checksum file and manifest of the published site; returns the manifest's path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    name = archive_name(read_plan(project.data_dir).site.slug, edition)
    digest = write_archive(project.site, out_dir / name, name.removesuffix(".tar.gz"))
    (out_dir / f"{name}.sha256").write_text(f"{digest}  {name}\n", encoding="utf-8")
    commit, dirty = git_state(project.root)
    manifest = {
        "edition": edition,
        "commit": commit,
        "dirty": dirty,
        "archive": {"name": name, "sha256": digest},
        "data": data_hashes(project),
        "notebooks": notebook_hashes(project),
        "config": config_hashes(project),
        "book": book_source_hashes(project),
        "packages": package_versions(project),
    }
    path = out_dir / MANIFEST
    path.write_text(manifest_text(manifest), encoding="utf-8")
    return path


def compare(what: str, recorded: dict, current: dict) -> list[str]:
    """One line per file whose hash changed, that is missing, or that the manifest does not list."""
    problems = []
    for name in sorted(set(recorded) | set(current)):
        if name not in current:
            problems.append(f"{what} {name}: missing (the manifest lists it)")
        elif name not in recorded:
            problems.append(f"{what} {name}: not in the manifest")
        elif recorded[name] != current[name]:
            problems.append(f"{what} {name}: sha256 {current[name]} differs from the manifest's {recorded[name]}")
    return problems


def verify_release(manifest_path: Path, project: Project) -> list[str]:
    """What no longer matches the manifest (empty list = verified): the archive against its
    recorded sha256 and its .sha256 file; the current data files, notebooks, config files and
    book sources against their recorded hashes; the installed packages against their
    recorded versions. The commit is recorded, not checked: the code may move on."""
    manifest_path = Path(manifest_path)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    problems = []
    name, recorded = manifest["archive"]["name"], manifest["archive"]["sha256"]
    archive = manifest_path.parent / name
    if not archive.is_file():
        problems.append(f"archive {name}: missing next to the manifest")
    else:
        actual = sha256_file(archive)
        if actual != recorded:
            problems.append(f"archive {name}: sha256 {actual} differs from the manifest's {recorded}")
        checksum = manifest_path.parent / f"{name}.sha256"
        if not checksum.is_file():
            problems.append(f"archive {name}: {checksum.name} is missing")
        else:
            fields = checksum.read_text(encoding="utf-8").split()
            if fields != [actual, name]:
                problems.append(f"archive {name}: {checksum.name} says '{' '.join(fields)}', "
                                f"the archive's sha256 is {actual}")
    problems += compare("data file", manifest.get("data", {}), data_hashes(project))
    problems += compare("notebook", manifest.get("notebooks", {}), notebook_hashes(project))
    problems += compare("config file", manifest.get("config", {}), config_hashes(project))
    problems += compare("book file", manifest.get("book", {}), book_source_hashes(project))
    for package, version in sorted(manifest.get("packages", {}).items()):
        installed = installed_version(package)
        if installed != version:
            problems.append(f"package {package}: installed {installed or 'nothing'}, the manifest records {version}")
    return problems
