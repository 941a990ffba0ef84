"""Running jobs: a local process pool, or an existing or local Dask cluster.

The library grows no job system of its own: both engines only map
:func:`chutecode.batch.task.make_design` over the jobs and hand back each
:class:`~chutecode.batch.task.Outcome` as it completes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence

from chutecode.batch.rows import BatchError
from chutecode.batch.task import Job, Outcome, make_design

__all__ = ["ENGINES", "run_jobs", "default_workers"]

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
    if workers is not None and workers < 1:
        raise BatchError(f"workers {workers!r} is not valid: use 1 or more")
    if scheduler is not None and engine != "dask":
        raise BatchError(f"scheduler {scheduler!r} needs --engine dask")
    if not jobs:
        return iter(())
    if engine == "dask":
        return _dask(jobs, workers, scheduler, task)
    return _local(jobs, workers or default_workers(), task)


def _local(jobs: Sequence[Job], workers: int, task: Callable[[Job], Outcome]) -> Iterator[Outcome]:
    if workers == 1 or len(jobs) == 1:
        for job in jobs:
            yield task(job)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        futures = [pool.submit(task, job) for job in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


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
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
