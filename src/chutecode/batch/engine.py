"""Running jobs: a local process pool, or an existing or local Dask cluster.

The library grows no job system of its own: both engines only map
:func:`chutecode.batch.task.make_design` over the jobs and hand back each
:class:`~chutecode.batch.task.Outcome` as it completes.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any

from chutecode.batch.memory import keep_freed_memory
from chutecode.batch.rows import BatchError
from chutecode.batch.task import Job, Outcome, make_design

__all__ = ["ENGINES", "run_jobs", "default_workers", "died"]

ENGINES = ("local", "dask")


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_jobs(jobs: Sequence[Job], *, engine: str = "local", workers: int | None = None,
             scheduler: str | None = None,
             task: Callable[[Job], Outcome] = make_design) -> Iterator[Outcome]:
    """Yield the outcome of every job, in completion order."""
    if engine not in ENGINES:
        raise BatchError(f"engine {engine!r} is not known: use one of {', '.join(ENGINES)}")
    if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool) or workers < 1):
        raise BatchError(f"workers {workers!r} is not valid: use 1 or more")
    if scheduler is not None and engine != "dask":
        raise BatchError(f"scheduler {scheduler!r} needs engine='dask'")
    if not jobs:
        return iter(())
    if engine == "dask":
        return _dask(jobs, workers, scheduler, task)
    return _local(jobs, workers or default_workers(), task)


def _local(jobs: Sequence[Job], workers: int, task: Callable[[Job], Outcome]) -> Iterator[Outcome]:
    if workers == 1 or len(jobs) == 1:
        # In this process: no pool to start (a crash here stops the batch; the journal keeps
        # every finished row, and the next run goes on from there).
        for job in jobs:
            yield task(job)
        return
    if _start_method() == "fork":
        # Imported here once, so that forked workers start with them instead of importing them again.
        import chutecode.drawing.draw  # noqa: F401
        import chutecode.renderers.api  # noqa: F401

    pending = list(jobs)
    while pending:
        context = _context()  # asked again each time: threads may have started since (a progress bar)
        finished: set[int] = set()
        broken = False
        with contextlib.closing(_pool(pending, min(workers, len(pending)), task, context)) as outcomes:
            for outcome in outcomes:
                if outcome is None:
                    broken = True
                    continue
                finished.add(outcome.index)
                yield outcome
        if not broken:
            return
        # A worker died. The rows it may have been making are the first unfinished ones
        # (a pool hands out rows in order, one to each worker and one queued): make each
        # alone, in a process of its own, so that the row that kills its process fails
        # by itself; then go on with the others in a new pool.
        unfinished = [job for job in pending if job.index not in finished]
        suspects, pending = unfinished[:workers + 1], unfinished[workers + 1:]
        for job in suspects:
            yield _alone(job, task, _context())


def _context() -> Any:
    """The multiprocessing context that starts workers the way :func:`_start_method` says."""
    import multiprocessing

    return multiprocessing.get_context(_start_method())


def _start_method() -> str:
    """How worker processes start: ``fork`` when this process runs one thread (a worker then begins with
    everything already imported), else ``forkserver`` (a fork of a process with other threads can hang
    in a lock one of them held)."""
    import multiprocessing
    import threading

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "forkserver"


def _pool(jobs: Sequence[Job], workers: int, task: Callable[[Job], Outcome],
          context: Any) -> Generator[Outcome | None, None, None]:
    """Outcomes from a process pool, in completion order, then ``None`` if a worker died (the
    rows it took down with it have no outcome)."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=keep_freed_memory)
    futures = [pool.submit(task, job) for job in jobs]
    broken = False
    try:
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:
                broken = True
                continue
            yield outcome
        if broken:
            yield None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _alone(job: Job, task: Callable[[Job], Outcome], context: Any) -> Outcome:
    """Make one row in a process of its own; a process that dies fails that row, saying how."""
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_send_outcome, args=(task, job, sender), daemon=True)
    process.start()
    sender.close()
    try:
        outcome: Outcome | None = receiver.recv()
    except EOFError:
        outcome = None
    finally:
        receiver.close()
    process.join()
    if outcome is not None:
        return outcome
    return Outcome(job.index, error=died(process.exitcode))


def _send_outcome(task: Callable[[Job], Outcome], job: Job, sender: Any) -> None:
    keep_freed_memory()
    sender.send(task(job))
    sender.close()


def died(exitcode: int | None) -> str:
    """Why a worker process that made no outcome ended, as a row's one-line error."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the process making this row died of {name} (a crash, or the system ran out of memory)"
    return f"the process making this row ended with exit status {exitcode} and made nothing"


def _dask(jobs: Sequence[Job], workers: int | None, scheduler: str | None,
          task: Callable[[Job], Outcome]) -> Iterator[Outcome]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise BatchError(
            "engine 'dask' needs the dask extra: pip install 'chutecode[dask]'"
        ) from None
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                               processes=True, host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as exc:
            raise BatchError(f"scheduler {scheduler!r} could not be reached: {exc}") from None
    try:
        futures = client.map(task, list(jobs), pure=False)
        rows = {future.key: job for future, job in zip(futures, jobs, strict=True)}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker fails its row, not the batch
                yield Outcome(rows[future.key].index,
                              error=f"the worker making this row was lost ({type(exc).__name__}: {exc})")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
