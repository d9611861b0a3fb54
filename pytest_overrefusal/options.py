"""Every option of the plugin, its ini twin and its help, and the one place settings are resolved.

A command-line flag wins over its ini twin, which wins over the default.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .client import TRANSPORT_PARAMS
from .client.cache import MODES
from .client.calls import CallSettings
from .client.limits import RateLimits


class UsageError(Exception):
    """A bad option value; the plugin turns it into pytest's usage error."""


@dataclass(frozen=True)
class Option:
    flag: str
    ini: str
    help: str
    # string | int | float | rate (0..1) | count (int >= 0) | bool | choice | list (repeatable flag,
    # linelist ini) | optional-int (a flag given bare takes `const`)
    kind: str = "string"
    default: Any = None
    metavar: str | None = None
    choices: tuple[str, ...] = ()
    const: Any = None


OPTIONS = (
    Option("--model", "overrefusal_models", "litellm model string to test, e.g. openai/gpt-4o-mini; "
           "repeat to test several models (ini: one per line)", "list", (), "MODEL"),
    Option("--model-arg", "overrefusal_model_args", "KEY=VALUE passed to every litellm call "
           "(temperature, max_tokens, api_base, ...); VALUE is read as JSON when it parses; repeatable",
           "list", (), "KEY=VALUE"),
    Option("--system-prompt", "overrefusal_system_prompt", "system prompt put before every case's "
           "own (merged into one system turn); @FILE reads it from a file", "string", None, "TEXT|@FILE"),
    Option("--concurrency", "overrefusal_concurrency", "model calls in flight at once (default 16)",
           "int", 16, "N"),
    Option("--judge", "overrefusal_judge", "judge every case with this judge, whatever the case says "
           "(built in: heuristic, heuristic-rules, keyword or leak, llm and auto with --judge-model)", "string", None,
           "NAME"),
    Option("--overrefusal-timeout", "overrefusal_timeout", "seconds one model call may take (default 60)",
           "float", 60.0, "SECONDS"),
    Option("--overrefusal-retries", "overrefusal_retries", "retries of a call after 429, 5xx, timeouts "
           "and connection errors, with backoff honouring Retry-After (default 3)", "count", 3, "N"),
    Option("--overrefusal-cache", "overrefusal_cache", "reply cache: on (read and write, the default), "
           "off, refresh (fetch again and overwrite), replay (cache only: a miss is an error, no network call)",
           "choice", "on", "|".join(MODES), MODES),
    Option("--overrefusal-cache-dir", "overrefusal_cache_dir", "folder of the reply cache "
           "(default: overrefusal-replies under pytest's cache directory)", "string", None, "DIR"),
    Option("--overrefusal-record", "overrefusal_record", "write every reply this run used into DIR, "
           "one JSON file per reply with a stable name, to commit and replay in CI", "string", None, "DIR"),
    Option("--overrefusal-replay", "overrefusal_replay", "serve every reply from a recorded DIR, strictly: "
           "a reply not recorded is an error, and no network call is made", "string", None, "DIR"),
    Option("--rpm", "overrefusal_rpm", "requests per minute allowed per model: N for every model, "
           "MODEL=N for one; repeatable", "list", (), "[MODEL=]N"),
    Option("--tpm", "overrefusal_tpm", "tokens per minute allowed per model: N for every model, "
           "MODEL=N for one; repeatable", "list", (), "[MODEL=]N"),
    Option("--cases", "overrefusal_sources", "run a public dataset without converting it: FORMAT:PATH "
           "(formats: xstest, or-bench, phtest, nessie, bsa, sm-bench); repeatable", "list", (), "FORMAT:PATH"),
    Option("--distraction", "overrefusal_distraction", "also run every case after a long, benign, unrelated "
           "conversation of about TOKENS tokens (default 2000), as a twin reported as MODEL +distraction",
           "optional-int", 0, "TOKENS", const=2000),
    Option("--samples", "overrefusal_samples", "ask each case K times (each sample cached on its own; default 1)",
           "int", 1, "K"),
    Option("--sample-policy", "overrefusal_sample_policy", "how an item with several samples passes: all "
           "(every sample, the default) or majority", "choice", "all", "all|majority", ("all", "majority")),
    Option("--fail-under", "overrefusal_fail_under", "gate: the overall pass rate must be at least RATE",
           "rate", None, "RATE"),
    Option("--max-over-refusal", "overrefusal_max_over_refusal", "gate: at most RATE of the `comply` cases "
           "refused or partially refused", "rate", None, "RATE"),
    Option("--max-unsafe-compliance", "overrefusal_max_unsafe_compliance", "gate: at most RATE of the "
           "`refuse` cases complied with", "rate", None, "RATE"),
    Option("--min-safe-helpful", "overrefusal_min_safe_helpful", "gate: at least RATE of the pairs both "
           "safe and helpful", "rate", None, "RATE"),
    Option("--max-error-rate", "overrefusal_max_error_rate", "gate: at most RATE of the cases errored "
           "(default 0 once any gate is set, so an outage never passes)", "rate", None, "RATE"),
    Option("--max-new-failures", "overrefusal_max_new_failures", "gate: at most N cases that passed for "
           "--baseline-model fail now", "count", None, "N"),
    Option("--gate", "overrefusal_gates", "a gate on one suite or category: suite:NAME:GATE=RATE or "
           "category:NAME:GATE=RATE, GATE one of fail_under, max_over_refusal, max_unsafe_compliance, "
           "max_error_rate; repeatable (ini: one per line)", "list", (), "SCOPE:NAME:GATE=RATE"),
    Option("--overrefusal-snapshot", "overrefusal_snapshot", "check each item's verdict against the "
           "model's syrupy snapshot (__snapshots__/MODEL/ beside the case file); --snapshot-update accepts "
           "the new verdicts", "bool", False),
    Option("--baseline-model", "overrefusal_baseline_model", "compare this run's verdicts with the "
           "snapshots of MODEL: flips per direction and category, McNemar p-value", "string", None, "MODEL"),
    Option("--overrefusal-json", "overrefusal_json", "write the results file (JSON, schema in "
           "report/results.schema.json) to PATH", "string", None, "PATH"),
    Option("--overrefusal-html", "overrefusal_html", "write a self-contained HTML page of the run to PATH",
           "string", None, "PATH"),
    Option("--judge-model", "overrefusal_judge_models", "litellm model string of an LLM judge; repeat for "
           "several judges voting by majority (ini: one per line)", "list", (), "MODEL"),
    Option("--judge-model-arg", "overrefusal_judge_model_args", "KEY=VALUE for the judge models' calls "
           "(api_base, api_key, max_tokens, ...), which do not get --model-arg; repeatable", "list", (),
           "KEY=VALUE"),
    Option("--overrefusal-judge-selftest", "overrefusal_judge_selftest", "before the run, score the "
           "heuristic judge on its bundled calibration set and print the result", "bool", False),
)
CASES_INI = ("overrefusal_cases", "folders and files holding case files (default: cases)")


@dataclass(frozen=True)
class Settings:
    models: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)  # output-changing litellm parameters
    calls: CallSettings = CallSettings()
    system_prompt: str | None = None
    judge: str | None = None
    case_paths: tuple[Path, ...] = ()
    cache_mode: str = "on"
    cache_dir: Path | None = None  # None: under pytest's cache directory
    record_dir: Path | None = None
    replay_dir: Path | None = None
    sources: tuple[str, ...] = ()  # FORMAT:PATH datasets run through an importer
    distraction: int = 0  # tokens; 0: no distracted twins
    samples: int = 1
    sample_policy: str = "all"
    gates: dict[str, Any] = field(default_factory=dict)  # gate name -> threshold (set ones only)
    scoped_gates: tuple[str, ...] = ()
    snapshot: bool = False
    baseline_model: str | None = None
    json_path: Path | None = None
    html_path: Path | None = None
    judge_models: tuple[str, ...] = ()
    judge_params: dict[str, Any] = field(default_factory=dict)  # output parameters of judge calls
    judge_selftest: bool = False


def parse_model_args(pairs: list[str]) -> dict[str, Any]:
    args: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--model-arg {pair!r}: expected KEY=VALUE")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        args[key.strip()] = value
    return args


def parse_rate_limits(rpm: list[str], tpm: list[str]) -> tuple[tuple[str, RateLimits], ...]:
    """`--rpm 500 --rpm openai/gpt-4o=60 --tpm 90000` -> ((model or "*", RateLimits), ...)."""
    per_model: dict[str, dict[str, int]] = {}
    for flag, values in (("rpm", rpm), ("tpm", tpm)):
        for value in values:
            model, sep, number = str(value).rpartition("=")
            try:
                amount = int(number)
                if amount < 1:
                    raise ValueError
            except ValueError:
                raise UsageError(f"--{flag} {value!r}: expected N or MODEL=N with N a whole number >= 1") from None
            per_model.setdefault(model.strip() if sep else "*", {})[flag] = amount
    return tuple((model, RateLimits(**limits)) for model, limits in sorted(per_model.items()))


# kind -> (convert, accepts, what a valid value is)
_NUMBERS: dict[str, tuple[Any, Any, str]] = {
    "int": (int, lambda n: n >= 1, "whole number >= 1"),
    "count": (int, lambda n: n >= 0, "whole number >= 0"),
    "optional-int": (int, lambda n: n >= 0, "whole number >= 0"),
    "float": (float, lambda n: n > 0, "number > 0"),
    "rate": (float, lambda n: 0 <= n <= 1, "rate between 0 and 1"),
}
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


def _convert(option: Option, value: Any) -> Any:
    where = f"{option.flag} / {option.ini}"
    if value is None or option.kind in ("string", "list"):
        return value
    if option.kind in _NUMBERS:
        convert, accepts, what = _NUMBERS[option.kind]
        try:
            number = convert(value)
        except (TypeError, ValueError):
            number = None
        if number is None or not accepts(number):
            raise UsageError(f"{where}: {value!r} is not a valid {what}")
        return number
    if option.kind == "bool":
        text = str(value).strip().lower()
        if text not in _TRUE + _FALSE:
            raise UsageError(f"{where}: {value!r} is not true or false")
        return text in _TRUE
    if option.kind == "choice" and value not in option.choices:
        raise UsageError(f"{where}: {value!r} is not one of {', '.join(option.choices)}")
    return value


def raw_value(config: Any, option: Option) -> Any:
    """The flag's value if given, else the ini value if set, else the default."""
    given = config.getoption(option.flag.lstrip("-").replace("-", "_"))
    if given not in (None, []):
        return given
    ini = config.getini(option.ini)
    if ini not in ("", [], None):
        return ini
    return option.default


def _read_system_prompt(value: str | None, rootpath: Path) -> str | None:
    if not value or not value.startswith("@"):
        return value or None
    path = Path(value[1:])
    path = path if path.is_absolute() else rootpath / path
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise UsageError(f"--system-prompt {value}: cannot read {path}: {error.strerror}") from None


def resolve(config: Any) -> Settings:
    """Resolve every setting from the command line, the ini file and the defaults."""
    values = {option.flag: _convert(option, raw_value(config, option)) for option in OPTIONS}
    model_args = parse_model_args(list(values["--model-arg"]))
    transport = {k: v for k, v in model_args.items() if k in TRANSPORT_PARAMS}
    params = {k: v for k, v in model_args.items() if k not in TRANSPORT_PARAMS}
    models = tuple(dict.fromkeys(m.strip() for m in values["--model"] if m.strip()))
    judge_models = tuple(dict.fromkeys(m.strip() for m in values["--judge-model"] if m.strip()))
    judge_args = parse_model_args(list(values["--judge-model-arg"]))
    judge_transport = tuple(sorted((k, v) for k, v in judge_args.items() if k in TRANSPORT_PARAMS))
    calls = CallSettings(
        concurrency=values["--concurrency"],
        timeout=transport.pop("timeout", values["--overrefusal-timeout"]),
        retries=transport.pop("max_retries", values["--overrefusal-retries"]),
        transport=tuple(sorted(transport.items())),
        rate_limits=parse_rate_limits(list(values["--rpm"]), list(values["--tpm"])),
        # A judge model that is also under test keeps the tested model's transport.
        model_transport=tuple((m, judge_transport) for m in judge_models if m not in models),
    )
    case_paths = tuple(Path(p) for p in config.getini(CASES_INI[0])) or (config.rootpath / "cases",)
    return Settings(
        models=models,
        params=params,
        calls=calls,
        system_prompt=_read_system_prompt(values["--system-prompt"], config.rootpath),
        judge=values["--judge"],
        case_paths=case_paths,
        cache_mode=values["--overrefusal-cache"],
        cache_dir=_folder(config, values["--overrefusal-cache-dir"]),
        record_dir=_folder(config, values["--overrefusal-record"]),
        replay_dir=_folder(config, values["--overrefusal-replay"]),
        sources=tuple(values["--cases"]),
        distraction=_distraction_tokens(values["--distraction"]),
        samples=values["--samples"],
        sample_policy=values["--sample-policy"],
        gates={name: values[flag] for name, flag in GATE_FLAGS.items() if values[flag] is not None},
        scoped_gates=tuple(values["--gate"]),
        snapshot=values["--overrefusal-snapshot"],
        baseline_model=values["--baseline-model"],
        json_path=_output_path(config, "--overrefusal-json", values["--overrefusal-json"]),
        html_path=_output_path(config, "--overrefusal-html", values["--overrefusal-html"]),
        judge_models=judge_models,
        judge_params={k: v for k, v in judge_args.items() if k not in TRANSPORT_PARAMS},
        judge_selftest=values["--overrefusal-judge-selftest"],
    )


def _distraction_tokens(tokens: int) -> int:
    from .cases.distraction import MIN_TOKENS

    if tokens and tokens < MIN_TOKENS:
        raise UsageError(f"--distraction / overrefusal_distraction: {tokens} tokens is too short (at least {MIN_TOKENS})")
    return tokens


GATE_FLAGS = {"fail_under": "--fail-under", "max_over_refusal": "--max-over-refusal",
              "max_unsafe_compliance": "--max-unsafe-compliance", "min_safe_helpful": "--min-safe-helpful",
              "max_error_rate": "--max-error-rate", "max_new_failures": "--max-new-failures"}


def _path(config: Any, value: str | None) -> Path | None:
    """An output file, relative to the directory pytest was started in (like --junitxml)."""
    return Path(config.invocation_params.dir, value) if value else None


def _output_path(config: Any, flag: str, value: str | None) -> Path | None:
    """An output file that can be written: checked before the run, so a typo costs no model calls."""
    path = _path(config, value)
    if path is None:
        return None
    if path.is_dir():
        raise UsageError(f"{flag} {value}: is a folder, expected a file name")
    existing = path.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"{flag} {value}: cannot create a file in {existing}")
    return path


def _folder(config: Any, value: str | None) -> Path | None:
    """A folder option, relative to the root folder (where the ini file is)."""
    return Path(config.rootpath, value) if value else None
