"""The run: settings, replies fetched ahead of the items, and per-case results.

One OverrefusalSession lives in `config.stash`. Replies are fetched concurrently before the
first item runs; each item then only judges. Per-case records ride on the test reports (an
attribute xdist serializes), so under pytest-xdist they reach the controller, where metrics,
gates, the summary and the files are made once.
"""

from __future__ import annotations

import re
import time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

import pytest

from . import judges
from .cases import Case, CaseFileError, is_case_file, load_file
from .client import ProviderError, Reply, Request
from .client.broker import Progress, Replies
from .client.cache import ReplyCache
from .evaluation import Evaluation, SampleResult
from .judging import RATIONALE, REFUSAL, LLMJudging, auto_needs_llm, needs_rationale
from .options import Settings, UsageError, resolve
from .gate import GateError
from .report.results import timestamp
from .report.usage import usage_lines
from .run_end import RunEnd, gate_settings

if TYPE_CHECKING:
    from .client.calls import Client, Outcome
    from .collect import CaseItem

RESULT_ATTRIBUTE = "overrefusal"  # on test reports: the case's per-sample records (JSON-safe)


class OverrefusalSession:
    def __init__(self, config: pytest.Config, settings: Settings) -> None:
        self.config = config
        self.settings = settings
        self.registered_markers: set[str] = set()
        self.results: dict[str, list[dict[str, Any]]] = {}  # nodeid -> per-sample records (on the controller)
        self.case_collection_errors = 0
        self.other_collection_errors = 0
        self._other_failures = 0
        self.output_errors: list[str] = []  # results files that could not be written
        self.started = time.time()
        self._case_ids: dict[str, str] = {}  # case id -> file that defined it first
        self._requests_by_file: dict[str, list[Request]] = {}  # on xdist workers that get whole files

    def check_settings(self) -> None:
        """What can only be checked against the registries: `--judge` names a registered judge
        (built in, or from a plugin or the root conftest), and every gate parses."""
        if self.settings.judge and self.settings.judge not in judges.names():
            known = ", ".join(judges.names())
            raise UsageError(f"--judge {self.settings.judge!r}: unknown judge (known: {known})")
        try:
            gate_settings(self.settings)
        except GateError as error:
            raise UsageError(f"--gate / overrefusal_gates: {error}") from None

    # -- collection -------------------------------------------------------------------------
    def wants_file(self, path: Path, session: pytest.Session) -> bool:
        """A case file lies under an `overrefusal_cases` path or was named on the command line."""
        if not is_case_file(path):
            return False
        if session.isinitpath(path):
            return True
        return any(path == root or root in path.parents for root in self._case_roots)

    @cached_property
    def _case_roots(self) -> list[Path]:
        return list(self.settings.case_paths) + self._command_line_roots()

    def _command_line_roots(self) -> list[Path]:
        """Folders named on the command line, except the root folder and its parents (`pytest .`)."""
        if self.config.args_source != pytest.Config.ArgsSource.ARGS:
            return []
        root = self.config.rootpath
        folders = [Path(self.config.invocation_params.dir, a.split("::")[0]).resolve() for a in self.config.args]
        return [f for f in folders if f.is_dir() and f != root and f not in root.parents]

    def is_reply_folder(self, path: Path) -> bool:
        s = self.settings
        return path in (s.cache_dir, s.record_dir, s.replay_dir)

    def register_case_markers(self, case: Case) -> list[str]:
        """Register (once) and return a case's markers: category, suite and each tag (`smoke`)."""
        named = [
            (marker_name("category", case.category), f"overrefusal cases of category {case.category!r}"),
            (marker_name("suite", case.suite), f"overrefusal cases of suite {case.suite!r}"),
        ] + [(marker_name("", tag), f"overrefusal cases tagged {tag!r}") for tag in case.tags]
        for name, what in named:
            if name not in self.registered_markers:
                self.registered_markers.add(name)
                self.config.addinivalue_line("markers", f"{name}: {what}")
        return [name for name, _ in named]

    def register_markers_of_case_files(self) -> None:
        """For `pytest --markers`, which runs before collection: read the case files now."""
        for root in self.settings.case_paths:
            files = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
            for path in filter(is_case_file, files):
                try:
                    loaded = load_file(path)
                except CaseFileError:
                    continue  # reported when the file is collected
                for case in loaded.cases:
                    self.register_case_markers(case)

    def source_items(self, session: pytest.Session) -> list[pytest.Item]:
        """Items of the datasets named by --cases, collected like case files."""
        from .collect import SourceFile

        items: list[pytest.Item] = []
        for spec in self.settings.sources:
            _, _, path = spec.partition(":")
            source = SourceFile.from_parent(session, path=Path(self.config.invocation_params.dir, path), spec=spec)
            report = self.config.hook.pytest_make_collect_report(collector=source)
            self.config.hook.pytest_collectreport(report=report)
            items.extend(node for node in report.result if isinstance(node, pytest.Item))
        return items

    def claim_case_id(self, case_id: str, file: str) -> str | None:
        """Remember where an id was defined; returns the earlier file if the id is taken."""
        first = self._case_ids.setdefault(case_id, file)
        return None if first == file else first

    def note_collect_report(self, report: pytest.CollectReport) -> None:
        if report.failed:
            if is_case_file_node(report.nodeid):
                self.case_collection_errors += 1
            else:
                self.other_collection_errors += 1

    # -- running ----------------------------------------------------------------------------
    def before_run(self, session: pytest.Session) -> None:
        """Let a run go on past bad case files, then fetch every selected item's reply."""
        if self.case_collection_errors and not self.other_collection_errors:
            # A typo in one case file must not stop every other case from running; the
            # collection errors are still reported and still fail the run.
            self.config.option.continue_on_collection_errors = True
        if self.config.option.collectonly or (self.other_collection_errors and not
                                               self.config.option.continue_on_collection_errors):
            return
        if hasattr(self.config, "workerinput"):
            self._plan_worker_fetches(session.items)
            return
        if self.settings.judge_selftest:
            self._print_judge_selftest()
        self.prefetch(session.items)
        self._prefetch_judgements(session.items)

    def _print_judge_selftest(self) -> None:
        """How good the heuristic judge is, measured on its bundled calibration set, in every log."""
        from .judges.evaluate import selftest_line

        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            # dev.csv is what the rules were tuned and the second opinion trained on: say so, since
            # its figure is higher than on new text.
            reporter.write_line("overrefusal judge selftest (heuristic, on dev.csv, which it was tuned on; "
                                f"held-out accuracy is in docs/judges.md): {selftest_line()}")

    def _plan_worker_fetches(self, items: list[pytest.Item]) -> None:
        """On an xdist worker: which requests to fetch together when an item needs its reply.

        Every worker collects every item but runs only those the controller sends it, so a
        worker must not fetch ahead blindly: another worker would fetch the same cases. When
        the distribution mode sends whole files to one worker (loadfile, loadscope), the first
        item of a file fetches the file's replies concurrently; otherwise each item fetches its own.
        """
        if self.config.getoption("dist", None) not in ("loadfile", "loadscope"):
            return
        for item in items:
            self._requests_by_file.setdefault(str(item.path), []).extend(self.requests_for([item]))

    def requests_for(self, items: Iterable[pytest.Item]) -> list[Request]:
        return [request for item in items for case, model in cases_of(item) if self.will_ask(case)
                for request in self.requests(case, model, samples=self.settings.samples if is_case_item(item) else 1)]

    def will_ask(self, case: Case) -> bool:
        """False for a risk-awareness case without a judge model: its item is skipped unasked."""
        return not needs_rationale(case) or bool(self.settings.judge_models)

    def prefetch(self, items: Iterable[pytest.Item]) -> None:
        self.replies.resolve(self.requests_for(items))

    def request(self, case: Case, model: str, sample: int = 0) -> Request:
        return Request.for_case(case, model, self.settings.params, sample)

    def requests(self, case: Case, model: str, samples: int = 1) -> list[Request]:
        return [self.request(case, model, sample) for sample in range(samples)]

    @cached_property
    def client(self) -> "Client":
        from .client.calls import Client

        return Client(self.settings.calls)

    @cached_property
    def cache(self) -> ReplyCache | None:
        """The reply cache, unless it is off (or pytest's cache is disabled and no folder was given)."""
        if self.settings.cache_mode == "off":
            return None
        folder = self.settings.cache_dir
        if folder is None and getattr(self.config, "cache", None) is not None:
            folder = self.config.cache.mkdir("overrefusal-replies")
        return ReplyCache(folder) if folder is not None else None

    @cached_property
    def replies(self) -> Replies:
        s = self.settings
        return Replies(mode=s.cache_mode, cache=self.cache, record=s.record_dir, replay=s.replay_dir,
                       client=lambda: self.client, on_progress=self.progress_line.update)

    @cached_property
    def progress_line(self) -> "ProgressLine":
        return ProgressLine(self.config)

    def _outcomes_for(self, item: pytest.Item, requests: list[Request]) -> list["Outcome"]:
        """The prefetched outcomes, or ones fetched now (with the rest of the item's file on a worker)."""
        if any(r.key not in self.replies.outcomes for r in requests):
            self.replies.resolve(self._requests_by_file.pop(str(item.path), []) + requests)
        return [self.replies.outcome(r) for r in requests]

    def reply_for(self, item: pytest.Item, case: Case, model: str) -> Reply:
        """One reply for a team's own test; raises ProviderError (or ReplayMiss)."""
        (outcome,) = self._outcomes_for(item, [self.request(case, model)])
        if isinstance(outcome, ProviderError):
            raise outcome
        return outcome

    def evaluate(self, item: "CaseItem") -> Evaluation:
        """Ask a case item's samples and judge each reply."""
        case, model = item.case, str(item.model)
        samples = []
        for sample, outcome in enumerate(self._outcomes_for(item, self.requests(case, model, self.settings.samples))):
            if isinstance(outcome, ProviderError):
                samples.append(SampleResult(sample, None, None, error=f"{outcome.kind}: {outcome}"))
            else:
                samples.append(SampleResult(sample, outcome, self.judge(case, outcome), think=self.think(case, outcome)))
        return Evaluation(case, item.reported_model, tuple(samples), self.settings.sample_policy, item.distraction)

    def asker(self, item: pytest.Item, model: str) -> Callable[[Case], Any]:
        """`ask(case) -> Asked` for a team's own tests; a provider error fails without a traceback."""
        from .api import Asked

        def ask(case: Case) -> Asked:
            case = case.with_system_prompt(self.settings.system_prompt)
            try:
                reply = self.reply_for(item, case, model)
            except ProviderError as error:
                problem = f"{error.kind}: {error}"
            else:
                return Asked(case, reply, self.judge(case, reply))
            pytest.fail(problem, pytrace=False)

        return ask

    def judge_for(self, case: Case, reply: Reply) -> str:
        """The judge that decides this reply: `auto` resolves to the LLM judges or the heuristic."""
        name = judges.judge_name_for(case, self.settings.judge)
        if name != "auto":
            return name
        unsure = auto_needs_llm(judges.get("heuristic")(case, reply), reply)
        return "llm" if self.settings.judge_models and unsure else "heuristic"

    def judge(self, case: Case, reply: Reply) -> judges.Verdict:
        """The verdict on the answer: by the case's judge, or the LLM judges (`llm`, `auto`)."""
        name = self.judge_for(case, reply)
        if name == "llm":
            return self.llm_judging.verdict(REFUSAL, case, reply)
        try:
            judge = judges.get(name)
        except KeyError as error:
            return judges.Verdict.unscored(str(error.args[0]), name)
        return judge(case, reply)

    def think(self, case: Case, reply: Reply) -> judges.Verdict | None:
        """The risk-rationale verdict on the reasoning trace, for risk-awareness cases."""
        return self.llm_judging.verdict(RATIONALE, case, reply) if needs_rationale(case) else None

    @cached_property
    def llm_judging(self) -> LLMJudging:
        return LLMJudging(self.replies, self.settings.judge_models, self.settings.judge_params)

    def _prefetch_judgements(self, items: Iterable[pytest.Item]) -> None:
        """Ask the judge models about every reply that needs them, all at once."""
        if not self.settings.judge_models:
            return
        jobs = []
        for item in items:
            if not is_case_item(item) or item.model is None:
                continue
            case = item.case
            for request in self.requests(case, str(item.model), self.settings.samples):
                reply = self.replies.outcomes.get(request.key)
                if not isinstance(reply, Reply):
                    continue
                if self.judge_for(case, reply) == "llm":
                    jobs.append((REFUSAL, case, reply))
                if needs_rationale(case):
                    jobs.append((RATIONALE, case, reply))
        self.llm_judging.prefetch(jobs)

    def attach_result(self, item: "CaseItem", evaluation: Evaluation) -> None:
        """Put the case's per-sample records on its reports (they travel to the xdist controller),
        and the verdict as user properties (so --junitxml carries them)."""
        item.overrefusal_records = evaluation.records()  # type: ignore[attr-defined]
        deciding = evaluation.deciding.verdict
        item.user_properties.extend([
            ("overrefusal_outcome", evaluation.outcome),
            ("overrefusal_label", deciding.label if deciding else ""),
            ("overrefusal_category", evaluation.case.category),
            ("overrefusal_suite", evaluation.case.suite),
            ("overrefusal_judge", deciding.judge if deciding else ""),
        ])

    def note_test_report(self, report: pytest.TestReport) -> None:
        """Keep the records a case item reported (its last report wins); note other failures."""
        records = getattr(report, RESULT_ATTRIBUTE, None)
        if records:
            self.results[report.nodeid] = records
        elif report.failed:
            self._other_failures += 1  # a failure that is not a case's verdict: gates never hide it

    def header_lines(self) -> list[str]:
        s = self.settings
        if not s.models:
            return ["overrefusal: no --model given: case items will be skipped"]
        params = ", ".join(f"{k}={v}" for k, v in sorted(s.params.items())) or "provider defaults"
        return [
            f"overrefusal: models {', '.join(s.models)}; {params}",
            f"overrefusal: concurrency {s.calls.concurrency}, timeout {s.calls.timeout:g} s, "
            f"retries {s.calls.retries}, judge {s.judge or 'per case'}",
        ]

    def check_snapshot(self, item: "CaseItem", evaluation: Evaluation) -> str | None:
        """With --overrefusal-snapshot: a flip message when the verdict differs from the snapshot."""
        if not self.settings.snapshot:
            return None
        from . import snapshot

        return snapshot.check(item, evaluation)

    # -- end of run (once, on the controller) -------------------------------------------------
    @property
    def records(self) -> list[dict[str, Any]]:
        return [record for records in self.results.values() for record in records]

    def finish(self, session: pytest.Session) -> None:
        """Metrics, baseline, gates and files, once; the gates decide the exit status when set."""
        if hasattr(self.config, "workerinput") or self.config.option.collectonly:
            return
        self.end = RunEnd.compute(self.records, self.settings, self._baseline_verdicts)
        meta = self._run_meta()
        outputs = (("--overrefusal-json", self.settings.json_path, self.end.write_json),
                   ("--overrefusal-html", self.settings.html_path, self.end.write_html))
        for flag, path, write in outputs:
            try:
                if path:
                    write(path, meta)
            except OSError as error:  # a folder that vanished or a full disk: say so, and do not pass the run
                self.output_errors.append(f"overrefusal: {flag} {path}: cannot write: {error.strerror or error}")
                session.exitstatus = pytest.ExitCode.USAGE_ERROR
        only_case_failures = not (self._other_failures or self.case_collection_errors)
        if self.end.gate_settings.active and session.exitstatus in (0, 1) and only_case_failures:
            session.exitstatus = pytest.ExitCode.OK if self.end.gates_passed else pytest.ExitCode.TESTS_FAILED

    def _baseline_verdicts(self) -> dict[str, dict[str, Any]]:
        """The baseline model's snapshot verdicts, from the snapshot folders of this run's case files."""
        from .snapshot import read_verdicts

        files = sorted({r["file"] for r in self.records if r.get("file")})
        verdicts: dict[str, dict[str, Any]] = {}
        for file in files:
            verdicts.update(read_verdicts(Path(self.config.rootpath, file), str(self.settings.baseline_model)))
        return verdicts

    def _run_meta(self) -> dict[str, Any]:
        from . import __version__

        s = self.settings
        return {
            "started": timestamp(self.started), "finished": timestamp(time.time()),
            "plugin_version": __version__, "litellm_version": _litellm_version(),
            "models": list(s.models), "judge": s.judge, "judge_models": list(s.judge_models),
            "samples": s.samples, "sample_policy": s.sample_policy,
            "command_line": list(self.config.invocation_params.args),
        }

    def summary_lines(self) -> list[str]:
        end = getattr(self, "end", None)
        if end is None or not self.results:
            return list(self.output_errors)
        return self.output_errors + end.summary_lines() + usage_lines(self.records) + self._pacing_lines()

    def _pacing_lines(self) -> list[str]:
        """How rate limits slowed this process's calls (fetching happens here unless on xdist)."""
        if "client" not in self.__dict__:
            return []
        return [f"{model}: {limiter.rate_limited} answers of 429 (rate limited); concurrency lowered "
                f"to {limiter.lowest_limit} of {limiter.ceiling}"
                for model, limiter in sorted(self.client.limiters.items()) if limiter.rate_limited]


def _litellm_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("litellm")
    except PackageNotFoundError:
        return None


def is_case_item(item: pytest.Item) -> bool:
    return hasattr(item, "evaluation")


def cases_of(item: pytest.Item) -> list[tuple[Case, str]]:
    """(case, model) pairs an item will ask: a CaseItem, or a team's test using `ask_model`."""
    case = getattr(item, "case", None)
    model = getattr(item, "model", None)
    if isinstance(case, Case) and model:
        return [(case, model)]
    params = getattr(getattr(item, "callspec", None), "params", {})
    model = params.get("overrefusal_model")
    return [(v, model) for v in params.values() if isinstance(v, Case)] if model else []


def marker_name(prefix: str, value: str) -> str:
    """A marker name usable in `-m` expressions: `category_privacy`, `suite_over-refusal`, `smoke`."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", value)
    return f"{prefix}_{name}" if prefix else name


def is_case_file_node(nodeid: str) -> bool:
    return is_case_file(Path(nodeid.split("::")[0]))


class ProgressLine:
    """Shows fetching progress on the terminal: rewritten in place on a terminal, a line every
    ten seconds in a CI log, nothing with -q."""

    INTERVAL_TTY, INTERVAL_LOG = 0.2, 10.0

    def __init__(self, config: pytest.Config) -> None:
        self.reporter = config.pluginmanager.get_plugin("terminalreporter")
        self.quiet = config.get_verbosity() < 0 or self.reporter is None
        self.tty = bool(self.reporter and self.reporter.isatty)
        self.last = 0.0
        self.shown = False

    def update(self, progress: Progress, finished: bool) -> None:
        if self.quiet or progress.total - progress.cache_hits < 1:
            return
        now = time.perf_counter()
        if not finished and now - self.last < (self.INTERVAL_TTY if self.tty else self.INTERVAL_LOG):
            return
        self.last = now
        if self.tty:
            self.reporter.rewrite(progress.line(), erase=True)
            if finished:
                self.reporter.ensure_newline()
                self.reporter.write_line("")
        elif finished or self.shown or now - progress.started >= self.INTERVAL_LOG:
            self.reporter.ensure_newline()
            self.reporter.write_line(progress.line())
        self.shown = True


SESSION_KEY = pytest.StashKey[OverrefusalSession]()


def session_of(config: pytest.Config) -> OverrefusalSession:
    return config.stash[SESSION_KEY]


def start_session(config: pytest.Config) -> OverrefusalSession:
    session = OverrefusalSession(config, resolve(config))
    config.stash[SESSION_KEY] = session
    return session
