"""Running the check of every document of a corpus on Dask (``dask.distributed``).

The termbase is sent to every worker once (``Client.scatter(..., broadcast=True)``); each task
checks a batch of documents against that copy, which builds its indexes on first use and keeps
them for the next batches. Tasks are retried when they fail or when their worker dies (the
scheduler reschedules the tasks of a lost worker), so a killed worker loses no document.
Results come back as each batch finishes, to be streamed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from termbase.corpus.documents import CheckOptions, Document, DocumentResult, check_document
from termbase.errors import InputError

if TYPE_CHECKING:
    from termbase.termbase import Termbase

__all__ = ["BATCH_SIZE", "RETRIES", "run_corpus"]

BATCH_SIZE = 16
"""Documents per task: enough to make scheduling overhead small, few enough to spread the work."""
RETRIES = 3
"""Times a failed task is run again (a task lost with its worker is rescheduled besides)."""


def check_batch(termbase: Termbase, documents: Sequence[Document], options: CheckOptions) -> list[DocumentResult]:
    """Check a batch of documents on a worker (the task function)."""
    return [check_document(termbase, document, options) for document in documents]


def run_corpus(
    termbase: Termbase,
    documents: Sequence[Document],
    options: CheckOptions,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    client: Any = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[DocumentResult]:
    """Check ``documents`` on Dask and yield each document's result as its batch finishes.

    ``scheduler`` is None or ``"local"`` for a ``LocalCluster`` of worker processes on this
    machine (``workers`` of them, one per core by default), or the address of a running
    scheduler (``tcp://HOST:8786``); ``client`` is a ``distributed.Client`` to use as it is.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("corpus mode runs on Dask, which is not installed: pip install 'termbase[corpus]'",
                         path="dask.distributed") from None

    with ExitStack() as stack:
        if client is None:
            if scheduler in (None, "local"):
                cluster = stack.enter_context(LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                    dashboard_address=":0", silence_logs=logging.ERROR,
                ))
                client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
            else:
                assert scheduler is not None
                try:
                    client = stack.enter_context(Client(scheduler, timeout="20s"))  # type: ignore[no-untyped-call]
                except (OSError, TimeoutError) as exc:
                    raise InputError(f"cannot reach the Dask scheduler: {exc}", path=scheduler) from None
        shared = client.scatter(termbase, broadcast=True, hash=False)
        batches = [list(documents[i:i + batch_size]) for i in range(0, len(documents), batch_size)]
        futures = client.map(check_batch, [shared] * len(batches), batches, [options] * len(batches),
                             retries=RETRIES, pure=False)
        for _, results in as_completed(futures, with_results=True):  # type: ignore[no-untyped-call]
            yield from results
