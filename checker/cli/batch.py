"""A portfolio's companies assessed one by one, in this process or across worker processes.

Each PATH is one company: read, validated, assessed and serialised on its own (`assess_company`), so one
company's broken file costs that company alone, and the same PATH gives the same document whichever worker
took it and however many there were. A worker loads the rule set once (from the rule cache, or inherited
from the parent when it is forked) and keeps it for every company it is given.

Workers are tied to the parent's life: on Linux each asks the kernel to end it when the parent dies, so a
killed run leaves no worker behind; they ignore Ctrl-C, which the parent answers by stopping them itself.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checker.errors import InputError, InputProblem


@dataclass(frozen=True)
class Shared:
    """What every company of a run is assessed with: the command line's options and files, read once."""

    rule_packs: tuple[Any, ...]  # the --rules directories
    sheets: dict[str, tuple[str, str | None]]
    datasets: tuple[Any, ...]  # the --reference datasets
    default_lists: bool
    adjustments: tuple[Any, ...]  # answers to the checklist: of every company (profile None) or one (its position)
    waivers: tuple[Any, ...]  # WaiverFiles given with --waivers (every company's)
    own_waivers: dict[int, Any]  # a company's own waiver file (beside it or in its directory), by position
    baseline: Any  # a Baseline, or None
    selection: Any  # a Selection, or None
    as_of: date | None
    today: date
    fail_on: str
    min_score: float | None
    soft_fail: bool
    all_results: bool  # every pass and exclusion on records listed, not summed up per rule
    with_document: bool  # the CI formats need each company's whole document
    with_json: bool  # the JSON report needs each company's document as JSON text
    pdf: tuple[str, str | None] | None  # (language, SOURCE_DATE_EPOCH) when every company gets a PDF


@dataclass(frozen=True)
class Outcome:
    """One company's part of the run: its document's summary row, and what else was asked for."""

    position: int
    source: str
    problems: tuple[InputProblem, ...] = ()  # the input errors of a company that could not be assessed
    omitted: int = 0
    row: dict[str, Any] = field(default_factory=dict)
    document: dict[str, Any] | None = None
    json_text: bytes | None = None  # the company's one-profile JSON, as `check PATH --format json` writes it
    pdf: bytes | None = None
    uscc: str | None = None
    stale: tuple[Any, ...] = ()  # waivers that matched nothing of this company
    expired: tuple[Any, ...] = ()

    @property
    def broken(self) -> bool:
        return bool(self.problems)


def assess_all(
    paths: Sequence[str],
    shared: Shared,
    jobs: int,
    progress: Callable[[], None] = lambda: None,
    ruleset: Any = None,
) -> list[Outcome]:
    """Every company's outcome in the order of `paths`; `progress` is called as each one is done. `ruleset`:
    the run's rule set when the caller has it already (a forked worker inherits it)."""
    _state.clear()  # what a run keeps (rule set, lists) is its own: a caller may run again with other files
    if ruleset is not None:
        _state["ruleset"] = ruleset
    if jobs <= 1 or len(paths) <= 1:
        outcomes = []
        for position, path in enumerate(paths):
            outcomes.append(assess_company(shared, position, path))
            progress()
        return outcomes
    return _in_parallel(paths, shared, jobs, progress)


def _in_parallel(paths: Sequence[str], shared: Shared, jobs: int, progress: Callable[[], None]) -> list[Outcome]:
    done: dict[int, Outcome] = {}
    forking = "fork" in multiprocessing.get_all_start_methods()
    if forking:
        _warm(shared)
        # The cycle collector of a forked worker would walk, and so copy page by page, everything inherited.
        gc.freeze()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    executor = ProcessPoolExecutor(
        max_workers=min(jobs, len(paths)), mp_context=context, initializer=_start_worker, initargs=(shared,)
    )
    try:
        pending: set[Future[Outcome]] = {
            executor.submit(_assess_in_worker, position, path) for position, path in enumerate(paths)
        }
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                outcome = future.result()
                done[outcome.position] = outcome
                progress()
    except BaseException:
        _stop(executor)
        raise
    finally:
        if forking:
            gc.unfreeze()
    executor.shutdown()
    return [done[position] for position in range(len(paths))]


# What every company needs. Imported (and the default lists read) once, here, before the workers are forked,
# each worker has them already: imported in each, they would cost every worker the same again.
_NEEDED = ("checker.validate", "checker.pipeline", "checker.report.contract", "checker.report.portfolio.summary")


def _warm(shared: Shared) -> None:
    for name in (
        *_NEEDED,
        *(["checker.report.json_report"] if shared.with_json else []),
        *(["checker.report.portfolio.company_pdf"] if shared.pdf else []),
    ):
        importlib.import_module(name)
    if shared.default_lists:
        _default_lists(shared)


def _stop(executor: ProcessPoolExecutor) -> None:
    """End the workers now: the run is over (an interrupt, an error), and what they do is wasted."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


_shared: Shared | None = None


def _start_worker(shared: Shared) -> None:
    global _shared
    _end_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to answer
    signal.signal(signal.SIGTERM, _end_with_children)
    _shared = shared
    _ruleset(shared.rule_packs)  # once per worker, before the first company


def _end_with_children(signum: int, frame: Any) -> None:
    """Stopped (the parent died, or stopped the run): end the processes this worker started (the PDF's
    renderer) too, which would otherwise wait for work that never comes."""
    for child in multiprocessing.active_children():
        child.kill()
    os._exit(128 + signum)


def _assess_in_worker(position: int, path: str) -> Outcome:
    assert _shared is not None
    return assess_company(_shared, position, path)


def _end_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent dies; elsewhere the executor's own watch of
    its parent has to do."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


# What this process keeps for the companies of one run: the rule set, the default lists.
_state: dict[str, Any] = {}


def _ruleset(packs: tuple[Any, ...]) -> Any:
    if "ruleset" not in _state:
        from checker.ruleset.loading import load_ruleset

        _state["ruleset"] = load_ruleset(packs=list(packs))
    return _state["ruleset"]


def assess_company(shared: Shared, position: int, path: str) -> Outcome:
    """One company, from its PATH to its summary row (and document and PDF when asked for)."""
    from checker.validate import load_profile

    try:
        loaded = load_profile(path, sheets=shared.sheets)
    except InputError as error:
        return Outcome(position, path, tuple(error.problems), error.omitted)
    from checker.pipeline import assess
    from checker.reference import ReferenceData
    from checker.report.contract import to_dict
    from checker.report.portfolio.summary import company_row

    ruleset = _ruleset(shared.rule_packs)
    datasets = [
        *shared.datasets,
        *(_default_lists(shared) if shared.default_lists and loaded.data.get("parties") else ()),
    ]
    waivers = [*shared.waivers, *([shared.own_waivers[position]] if position in shared.own_waivers else [])]
    assessment = assess(
        [loaded],
        ruleset,
        as_of=shared.as_of,
        today=shared.today,
        reference=ReferenceData(tuple(datasets)),
        adjustments=_own_adjustments(shared.adjustments, position),
        waivers=waivers,
        baseline=_own_part(shared.baseline, loaded),
        selection=shared.selection,
        fail_on=shared.fail_on,
        min_score=shared.min_score,
        soft_fail=shared.soft_fail,
        all_results=shared.all_results,
    )
    document = to_dict(assessment)
    outcome = assessment.waivers
    return Outcome(
        position,
        path,
        row=company_row(document),
        document=document if shared.with_document else None,
        json_text=_json(document) if shared.with_json else None,
        pdf=_pdf(document, *shared.pdf) if shared.pdf else None,
        uscc=loaded.profile.company.uscc,
        stale=outcome.stale if outcome else (),
        expired=outcome.expired if outcome else (),
    )


def _own_adjustments(adjustments: tuple[Any, ...], position: int) -> list[Any]:
    """The adjustments for the company at `position`, made its own: assessed alone, it is the only profile."""
    from dataclasses import replace

    return [replace(each, profile=None) for each in adjustments if each.profile in (None, position)]


def _default_lists(shared: Shared) -> list[Any]:
    """The shipped or imported lists, read once per process: every company with parties is screened against them."""
    if "lists" not in _state:
        from checker.lists.defaults import default_lists

        _state["lists"] = default_lists(shared.datasets, [{"parties": True}])
    return list(_state["lists"])


def _json(document: dict[str, Any]) -> bytes:
    # Encoded here, in the worker: for a portfolio of large ledgers, encoding is much of the work. As bytes,
    # which cross to the parent as they are, where text would be encoded and decoded once more on the way.
    from checker.report.json_report import chunks

    return "".join(chunks(document)).encode("utf-8")


def _own_part(baseline: Any, loaded: Any) -> Any:
    """The failures of the baseline that were this company's: the others are not fixed here, only absent."""
    if baseline is None:
        return None
    from checker.evaluate.identity import profile_identity

    return baseline.of_company(profile_identity(loaded.data["company"]))


def _pdf(document: dict[str, Any], lang: Any, source_date_epoch: str | None) -> bytes:
    # Rendered here, in the worker that assessed the company: the PDFs of a portfolio are the slow part of it.
    # Imported by name, as the registry imports a reporter, so that no other run loads WeasyPrint.
    pdfs = importlib.import_module("checker.report.portfolio.company_pdf")
    pdf: bytes = pdfs.company_pdf(document, lang, source_date_epoch)
    return pdf
