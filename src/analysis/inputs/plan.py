"""The plan and its place: data/plan.yaml.

One file says which plan the monitor follows (title, number, date of issue, issuer, the file
holding its text), which geographies the data cover and their roles (the one assessed, and
context shown beside it but never used to judge it), and what the site is called and who
publishes it. Every page, title and file name that names the plan, the district or the site
reads it from here, so another district's monitor is the same code with its own data/.
The file is checked by pydantic; each problem is reported like a data file's (file, key,
message in both languages).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .messages import LANGUAGES
from .validation import SNAKE_ID, DataValidationError, Problem, problem

PLAN_CONFIG = "plan.yaml"
ASSESSED, CONTEXT = "assessed", "context"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # lowercase words joined by hyphens: a file-name stem
# Where readers report an error: an e-mail address or an http(s) address (nothing else opens).
EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$")
WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"]+\.[^\s<>\"]+$")
CONTEXT_SUFFIX = ("（背景）", " (context)")  # after a context geography's name on pages and charts


def listed(items: list[str], language: str) -> str:
    """'某市和全国' / 'City and China'; 'a、b和c' / 'a, b and c'."""
    if len(items) < 2:
        return "".join(items)
    return ("、" if language == "zh" else ", ").join(items[:-1]) + ("和" if language == "zh" else " and ") + items[-1]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PlanDocument(Strict):
    """The plan itself: what it is called, who issued it and when, where its text is."""

    title_zh: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    number: str = Field(min_length=1)  # the document number, e.g. 某府〔2023〕1号
    issued: datetime.date
    issuer_zh: str = Field(min_length=1)
    issuer_en: str = Field(min_length=1)
    text_file: Path  # the plan's full text (UTF-8), relative to the data folder

    @field_validator("text_file")
    @classmethod
    def inside_data_folder(cls, value: Path) -> Path:
        if value.is_absolute() or ".." in value.parts:
            raise PydanticCustomError("outside_data_folder", "a path inside the data folder")
        return value


class Geography(Strict):
    """A place the observations cover: `assessed` (the district the plan is for) or `context`."""

    id: str = Field(pattern=SNAKE_ID)
    role: Literal["assessed", "context"]
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    short_en: str | None = None  # in running English text ("Where Example stands"); default name_en
    place_zh: str | None = None  # unambiguous among namesakes ("某市示例区"); default name_zh
    place_en: str | None = None


class Site(Strict):
    """The monitor's own name, publisher, rights holder, where to report an error, how often
    it appears."""

    title_zh: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    slug: str = Field(pattern=SLUG)  # file names: the release archive, the data package
    publisher_zh: str = ""  # empty: the footer says it is an independent monitor
    publisher_en: str = ""
    rights_holder_zh: str = ""  # who holds the rights the open licence grants; default: the site's contributors
    rights_holder_en: str = ""
    report_error: str = ""  # an e-mail or http(s) address; empty: only a draft can be published
    url: str = ""  # the site's public address (https://...), for "how to cite"; empty: the page's own address
    cadence_months: int = Field(default=12, ge=1, le=60)  # months from one edition's data-as-of date to the next's

    @field_validator("report_error")
    @classmethod
    def an_address_that_opens(cls, value: str) -> str:
        if value and not (EMAIL.match(value) or WEB_ADDRESS.match(value)):
            raise PydanticCustomError("bad_channel", "an e-mail address or an http(s) address")
        return value

    @field_validator("url")
    @classmethod
    def a_web_address(cls, value: str) -> str:
        if value and not WEB_ADDRESS.match(value):
            raise PydanticCustomError("bad_site_url", "an http(s) address")
        return value.rstrip("/")


class Plan(Strict):
    """data/plan.yaml, checked."""

    plan: PlanDocument
    geographies: tuple[Geography, ...] = Field(min_length=1)
    site: Site

    @model_validator(mode="after")
    def one_assessed_geography(self) -> "Plan":
        ids = [g.id for g in self.geographies]
        if len(set(ids)) != len(ids):
            raise PydanticCustomError("geography_ids_repeated", "geography ids must differ")
        if [g.role for g in self.geographies].count(ASSESSED) != 1:
            raise PydanticCustomError("one_assessed", "exactly one geography has role: assessed")
        return self

    @property
    def district(self) -> Geography:
        return next(g for g in self.geographies if g.role == ASSESSED)

    @property
    def geography_ids(self) -> list[str]:
        return [g.id for g in self.geographies]

    @property
    def context_ids(self) -> list[str]:
        """The context areas' ids, in plan.yaml's order."""
        return [g.id for g in self.geographies if g.role == CONTEXT]

    def district_name(self, language: str) -> str:
        """示例区 / Example District."""
        return self.district.name_zh if language == "zh" else self.district.name_en

    def district_short(self, language: str) -> str:
        """示例区 / Example: the district in running text."""
        return self.district.name_zh if language == "zh" else (self.district.short_en or self.district.name_en)

    def district_place(self, language: str) -> str:
        """某市示例区 / Example District, City: the district told apart from namesakes."""
        d = self.district
        return (d.place_zh or d.name_zh) if language == "zh" else (d.place_en or d.name_en)

    def geography_name(self, geography_id: str, language: str) -> str:
        """A geography as pages name it: context ones say so ('某市（背景）', 'City (context)')."""
        g = next(g for g in self.geographies if g.id == geography_id)
        name = g.name_zh if language == "zh" else g.name_en
        return name if g.role == ASSESSED else name + CONTEXT_SUFFIX[LANGUAGES.index(language)]

    def context_names(self, language: str) -> str:
        """The context geographies, listed: '某市和全国' / 'City and China' ('' if none)."""
        return listed([g.name_zh if language == "zh" else g.name_en for g in self.geographies if g.role == CONTEXT],
                      language)

    def plan_title(self, language: str) -> str:
        return self.plan.title_zh if language == "zh" else self.plan.title_en

    def site_title(self, language: str) -> str:
        return self.site.title_zh if language == "zh" else self.site.title_en

    def publisher(self, language: str) -> str:
        """The publisher's name in `language`, else in Chinese; '' when none is set."""
        return (self.site.publisher_zh if language == "zh" else self.site.publisher_en) or self.site.publisher_zh

    def rights_holder(self, language: str) -> str:
        """Who holds the rights the open licence grants: plan.yaml's rights holder, else the
        contributors to the site (as LICENSE names them)."""
        given = self.site.rights_holder_zh if language == "zh" else self.site.rights_holder_en
        return given or (f"{self.site.title_zh}的贡献者" if language == "zh" else
                         f"the contributors to the {self.site.title_en}")

    def report_link(self) -> str:
        """The channel for reporting an error as a link target: mailto: for an e-mail address."""
        address = self.site.report_error
        return address if not address or WEB_ADDRESS.match(address) else f"mailto:{address}"


def load_plan(data_dir: Path, problems: list[Problem]) -> Plan | None:
    """data_dir/plan.yaml, or None with the problems added (missing file, YAML, each bad key)."""
    path = Path(data_dir) / PLAN_CONFIG
    if not path.exists():
        problems.append(problem(PLAN_CONFIG, None, None, "file_missing", folder=str(path.parent)))
        return None
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        problems.append(problem(PLAN_CONFIG, None if line is None else line + 1, None, "yaml", error=str(err)))
        return None
    try:
        return Plan.model_validate(content if isinstance(content, dict) else {})
    except ValidationError as err:
        problems.extend(plan_problem(error) for error in err.errors(include_url=False))
        return None


def plan_problem(error: dict) -> Problem:
    """One pydantic error as a Problem worded like a data file's (key path in the column)."""
    where = ".".join(str(part) for part in error["loc"]) or None
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return problem(PLAN_CONFIG, None, where, "required")
    if kind == "extra_forbidden":
        return problem(PLAN_CONFIG, None, where, "plan_key_unknown")
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        return problem(PLAN_CONFIG, None, where, "bad_id" if pattern == SNAKE_ID else "bad_slug", value=value)
    if kind.startswith("date_"):
        return problem(PLAN_CONFIG, None, where, "plan_date", value=value)
    if kind == "literal_error":
        return problem(PLAN_CONFIG, None, where, "not_one_of", value=value, allowed=error["ctx"]["expected"],
                       suggestion="")
    if kind in ("string_too_short", "too_short"):
        return problem(PLAN_CONFIG, None, where, "required")
    if kind in ("outside_data_folder", "geography_ids_repeated", "one_assessed"):
        return problem(PLAN_CONFIG, None, where, kind)
    if kind in ("bad_channel", "bad_site_url"):
        return problem(PLAN_CONFIG, None, where, kind, value=value)
    return problem(PLAN_CONFIG, None, where, "plan_value", value=value, error=error["msg"])


def read_plan(data_dir: Path) -> Plan:
    """data_dir/plan.yaml, or DataValidationError naming what is wrong with it."""
    problems: list[Problem] = []
    plan = load_plan(data_dir, problems)
    if plan is None:
        raise DataValidationError(problems)
    return plan
